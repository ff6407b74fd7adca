import { createContext, useCallback, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import { listAssetReferences } from '../../../shared/compiler/compile';
import { hasSetting } from '../../../shared/model/settings-edit';
import { formatFinding, sortFindings, validateDocument } from '../../../shared/validation';
import { currentLanguage } from '../i18n';
import { useAppDispatch, useAppState } from '../state/store';
import { DEVICE_NAME_PATHS, ENROLLMENTS, readEnrollments } from '../state/wizard-document';
import type { WizardUiState } from '../state/wizard-ui';
import type { WizardStepId } from './step-ids';

/** One problem shown at its field and in the Finish page's list. */
export interface WizardIssue {
  id: string;
  severity: 'error' | 'warning';
  /** Instance path of the setting (or a wizard field id such as `certificates.root`). */
  path: string;
  page: WizardStepId;
  message: string;
  /** A file the project refers to that was not chosen in this session: the fix is to choose it again. */
  repick?: { recordedPath: string };
}

const EMPTY_DOCUMENT_ERROR = 'The wizard is shown without a project document';

export function useWizardDocument(): CustomizationsDocument {
  const { document } = useAppState();
  if (!document) throw new Error(EMPTY_DOCUMENT_ERROR);
  return document.customizations;
}

export function useWizardUi(): WizardUiState {
  return useAppState().wizard;
}

/** Applies an edit to a copy of the document (the reducer clones it), so the XML follows every change. */
export function useEditDocument(): (edit: (doc: CustomizationsDocument) => void) => void {
  const dispatch = useAppDispatch();
  return useCallback((edit) => dispatch({ type: 'editDocument', edit }), [dispatch]);
}

export function useUpdateWizardUi(): (patch: Partial<WizardUiState>) => void {
  const dispatch = useAppDispatch();
  return useCallback((patch) => dispatch({ type: 'updateWizard', patch }), [dispatch]);
}

/** The wizard page that edits a setting path (§2.11 page map). */
export function pageForPath(path: string): WizardStepId {
  if (path.startsWith('PackageConfig')) return 'finish';
  if (path.startsWith('certificates.')) return 'certificates';
  if (
    path.startsWith('DevDetail') ||
    path.startsWith('Accounts/ComputerAccount/ComputerName') ||
    path.startsWith('EditionUpgrade') ||
    path.startsWith('SharedPC') ||
    path.startsWith('CleanPC') ||
    path.startsWith('OOBE')
  ) {
    return 'device';
  }
  if (path.startsWith('ConnectivityProfiles')) return 'network';
  if (path.startsWith('Accounts')) return 'accounts';
  if (path.startsWith('ProvisioningCommands') || path.startsWith('Policies')) return 'applications';
  if (path.startsWith('Certificates')) return 'certificates';
  if (path.startsWith('Workplace')) return 'enrollment';
  return 'finish';
}

/**
 * The files the document names; none while it cannot be walked yet (an item still missing its key, as while
 * a new Wi-Fi network or enrollment is being typed: validation reports that at its field).
 */
function assetReferencesOf(doc: CustomizationsDocument): ReturnType<typeof listAssetReferences> {
  try {
    return listAssetReferences(doc);
  } catch {
    return [];
  }
}

const IssuesContext = createContext<WizardIssue[]>([]);
/** WizardFrame computes the issues once per change and provides them to every field. */
export const WizardIssuesProvider = IssuesContext.Provider;

export function useWizardIssues(): WizardIssue[] {
  return useContext(IssuesContext);
}

/** Every finding of the document plus the wizard's own checks, localized, errors first. */
export function useComputeWizardIssues(): WizardIssue[] {
  const doc = useWizardDocument();
  const ui = useWizardUi();
  // useTranslation re-renders on a language switch, so `language` is current here.
  const { t } = useTranslation();
  const language = currentLanguage();
  return useMemo(() => {
    const findings = validateDocument(doc, ui.mdmPreset ? { mdmPreset: ui.mdmPreset } : {});
    // The wizard requires a device name (§2.11) even before the field was touched.
    if (
      !hasSetting(doc, DEVICE_NAME_PATHS.dnsComputerName) &&
      !hasSetting(doc, DEVICE_NAME_PATHS.computerName)
    ) {
      findings.push({
        ruleId: 'device-name.empty',
        severity: 'error',
        path: DEVICE_NAME_PATHS.dnsComputerName,
        params: {},
      });
    }
    // An enrollment cannot work without its discovery URL and secret, though the store marks neither required.
    for (const enrollment of readEnrollments(doc)) {
      const item = `${ENROLLMENTS}/UPN[${enrollment.upn}]`;
      const needed: [string, string][] = [
        ['DiscoveryServiceFullUrl', enrollment.discoveryUrl],
        ['Secret', enrollment.secret],
      ];
      for (const [setting, value] of needed) {
        if (value.trim() === '') {
          findings.push({
            ruleId: 'setting.required',
            severity: 'error',
            path: `${item}/${setting}`,
            params: { setting },
          });
        }
      }
    }
    const issues: WizardIssue[] = sortFindings(findings).map((finding, index) => ({
      id: `${finding.ruleId}#${index}`,
      severity: finding.severity,
      path: finding.path,
      page: pageForPath(finding.path),
      message: formatFinding(finding, language),
    }));
    // A reopened project names its files, but main reads only files chosen in this session: each one not
    // chosen yet is an error with a "Choose file…" action, instead of a build that fails later.
    const seen = new Set<string>();
    for (const reference of assetReferencesOf(doc)) {
      const { recordedPath, settingPath } = reference;
      if (recordedPath === '' || ui.files[recordedPath] || seen.has(recordedPath)) continue;
      seen.add(recordedPath);
      issues.unshift({
        id: `wizard.repick#${recordedPath}`,
        severity: 'error',
        path: settingPath,
        page: pageForPath(settingPath),
        message: t('wizard.issues.repick', { name: recordedPath.split(/[\\/]/).pop() ?? recordedPath }),
        repick: { recordedPath },
      });
    }
    if (ui.rejectedFile) {
      issues.unshift({
        id: 'wizard.rejected-file',
        severity: 'error',
        path: ui.rejectedFile.field,
        page: pageForPath(ui.rejectedFile.field),
        message: t('wizard.issues.notCertificate', { name: ui.rejectedFile.fileName }),
      });
    }
    return issues;
    // `language` makes the messages follow a language switch (formatFinding reads it, not `t`).
  }, [doc, ui.mdmPreset, ui.rejectedFile, ui.files, t, language]);
}

/** Field props for the issues at `path` (exact match; `prefix` also matches paths below it). */
export function useFieldValidation(
  path: string,
  options: { prefix?: boolean } = {},
): { validationMessage?: string; validationState?: 'error' | 'warning' } {
  const issues = useWizardIssues();
  const matching = issues.filter(
    (issue) => issue.path === path || (options.prefix === true && issue.path.startsWith(`${path}/`)),
  );
  const first = matching.find((issue) => issue.severity === 'error') ?? matching[0];
  if (!first) return {};
  return {
    validationMessage: matching.map((issue) => issue.message).join(' '),
    validationState: first.severity,
  };
}
