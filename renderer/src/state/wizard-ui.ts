import type { CertificateInspection } from '../../../shared/ipc/contract';
import type { AccountMode } from './wizard-document';

/** A certificate file main has parsed (subject, thumbprint, expiry, DER for the preview). */
export type InspectedCertificate = Extract<CertificateInspection, { ok: true }>;

/** A file the user picked that the wizard refused, shown at its field until replaced or dismissed. */
export interface RejectedFile {
  /** The field it belongs to, e.g. `certificates.root`. */
  field: string;
  fileName: string;
}

/** Wizard choices that are not settings: they steer which settings the pages write. */
export interface WizardUiState {
  /** Which account option is chosen while none of its settings exist yet. */
  accountMode: AccountMode;
  /** MDM preset id (shared/catalog/mdm-presets.ts) or '' for none. */
  mdmPreset: string;
  /** Files picked in this session by path: shown name and size. */
  files: Record<string, { name: string; size: number }>;
  /** Certificate files parsed by main, by path. */
  certificates: Record<string, InspectedCertificate>;
  rejectedFile: RejectedFile | null;
  /** Show secrets in the preview instead of ********. */
  revealSecrets: boolean;
}

/** `files` with a file just picked in a dialog added (by its path), so the build may read it. */
export function withPickedFile(
  files: WizardUiState['files'],
  picked: { path: string; name: string; size: number },
): WizardUiState['files'] {
  return { ...files, [picked.path]: { name: picked.name, size: picked.size } };
}

export const initialWizardUi: WizardUiState = {
  accountMode: 'local',
  mdmPreset: '',
  files: {},
  certificates: {},
  rejectedFile: null,
  revealSecrets: false,
};
