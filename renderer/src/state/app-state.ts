import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import type { IcdProject } from '../../../shared/model/icd-project';
import { createWcdProject } from '../../../shared/model/project';
import { wizardStepIds } from '../wizard/step-ids';
import { initialWizardUi, type WizardUiState } from './wizard-ui';

/** The project being designed. The wizard engineer extends this with the settings model. */
export interface ProjectDraft {
  /** Braced lower-case GUID, as WCD writes PackageConfig/ID. */
  id: string;
  name: string;
}

export type Page =
  | { kind: 'start' }
  | { kind: 'wizard' }
  /** The advanced editor (every catalog setting) over the same document as the wizard. */
  | { kind: 'advanced' }
  /** An opened .ppkg; the page itself holds what it read (renderer/src/pages/OpenPackagePage). */
  | { kind: 'package'; path: string }
  /** One package per CSV row from the current project (issue #7). */
  | { kind: 'batch' };

/** The project document both the wizard and the advanced editor edit, with where it came from. */
export interface ProjectDocument {
  customizations: CustomizationsDocument;
  /** The *.icdproj.xml read with it; null for a new project or a bare customizations.xml. */
  icdProject: IcdProject | null;
  /** Where it was opened from or last saved to; null until then. */
  path: string | null;
}

export interface AppState {
  page: Page;
  project: ProjectDraft | null;
  stepIndex: number;
  /** Set with the project: a new project gets WCD's new-project document. */
  document: ProjectDocument | null;
  /** Wizard choices that are not settings (which account kind, MDM preset, picked files, …). */
  wizard: WizardUiState;
  error: string | null;
  aboutOpen: boolean;
}

export type AppAction =
  | { type: 'newProject'; project: ProjectDraft }
  | { type: 'showStart' }
  | { type: 'goToStep'; index: number }
  | { type: 'nextStep' }
  | { type: 'previousStep' }
  /** An opened project (or an imported package's settings) replaces the current one. */
  | { type: 'loadProject'; document: ProjectDocument; page: 'wizard' | 'advanced' }
  /** Edits the document: `edit` mutates a copy (settings-edit functions work in place). */
  | { type: 'editDocument'; edit: (customizations: CustomizationsDocument) => void }
  | { type: 'projectSaved'; path: string }
  | { type: 'updateWizard'; patch: Partial<WizardUiState> }
  | { type: 'showPage'; page: Page }
  | { type: 'showError'; message: string }
  | { type: 'dismissError' }
  | { type: 'setAboutOpen'; open: boolean };

export const initialAppState: AppState = {
  page: { kind: 'start' },
  project: null,
  stepIndex: 0,
  document: null,
  wizard: initialWizardUi,
  error: null,
  aboutOpen: false,
};

const lastStepIndex = wizardStepIds.length - 1;

function clampStep(index: number): number {
  return Math.min(Math.max(index, 0), lastStepIndex);
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'newProject': {
      const { customizations, project } = createWcdProject({
        name: action.project.name,
        id: action.project.id,
        wizard: true,
      });
      return {
        ...state,
        page: { kind: 'wizard' },
        project: action.project,
        document: { customizations, icdProject: project, path: null },
        wizard: initialWizardUi,
        stepIndex: 0,
        error: null,
      };
    }
    case 'loadProject': {
      const config = action.document.customizations.packageConfig;
      return {
        ...state,
        page: { kind: action.page },
        project: { id: config.id, name: config.name },
        document: action.document,
        wizard: initialWizardUi,
        stepIndex: 0,
        error: null,
      };
    }
    case 'editDocument': {
      if (!state.document) return state;
      // A copy, so React sees a new document and an edit that throws leaves the old one intact.
      const customizations = structuredClone(state.document.customizations);
      action.edit(customizations);
      // The header shows the package name, which the wizard's Finish page edits.
      const project = state.project && { ...state.project, name: customizations.packageConfig.name };
      return { ...state, project, document: { ...state.document, customizations } };
    }
    case 'projectSaved':
      return state.document ? { ...state, document: { ...state.document, path: action.path } } : state;
    case 'updateWizard':
      return { ...state, wizard: { ...state.wizard, ...action.patch } };
    case 'showPage':
      return { ...state, page: action.page };
    case 'showStart':
      return { ...state, page: { kind: 'start' } };
    case 'goToStep':
      return { ...state, stepIndex: clampStep(action.index) };
    case 'nextStep':
      return { ...state, stepIndex: clampStep(state.stepIndex + 1) };
    case 'previousStep':
      return { ...state, stepIndex: clampStep(state.stepIndex - 1) };
    case 'showError':
      return { ...state, error: action.message };
    case 'dismissError':
      return { ...state, error: null };
    case 'setAboutOpen':
      return { ...state, aboutOpen: action.open };
  }
}

/** A new project as WCD starts one: a fresh braced GUID and a default name. */
export function createProjectDraft(name: string): ProjectDraft {
  return { id: `{${crypto.randomUUID()}}`, name };
}
