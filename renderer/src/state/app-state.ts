import { wizardStepIds } from '../wizard/step-ids';

/** The project being designed. The wizard engineer extends this with the settings model. */
export interface ProjectDraft {
  /** Braced lower-case GUID, as WCD writes PackageConfig/ID. */
  id: string;
  name: string;
}

export interface OpenedFile {
  kind: 'project' | 'package';
  name: string;
  path: string;
  size: number;
}

export type Page = { kind: 'start' } | { kind: 'wizard' } | { kind: 'opened'; file: OpenedFile };

export interface AppState {
  page: Page;
  project: ProjectDraft | null;
  stepIndex: number;
  error: string | null;
  aboutOpen: boolean;
}

export type AppAction =
  | { type: 'newProject'; project: ProjectDraft }
  | { type: 'showStart' }
  | { type: 'fileOpened'; file: OpenedFile }
  | { type: 'goToStep'; index: number }
  | { type: 'nextStep' }
  | { type: 'previousStep' }
  | { type: 'showError'; message: string }
  | { type: 'dismissError' }
  | { type: 'setAboutOpen'; open: boolean };

export const initialAppState: AppState = {
  page: { kind: 'start' },
  project: null,
  stepIndex: 0,
  error: null,
  aboutOpen: false,
};

const lastStepIndex = wizardStepIds.length - 1;

function clampStep(index: number): number {
  return Math.min(Math.max(index, 0), lastStepIndex);
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'newProject':
      return { ...state, page: { kind: 'wizard' }, project: action.project, stepIndex: 0, error: null };
    case 'showStart':
      return { ...state, page: { kind: 'start' } };
    case 'fileOpened':
      return { ...state, page: { kind: 'opened', file: action.file }, error: null };
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
