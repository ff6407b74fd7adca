import type { Evidence } from './types';

/**
 * What an MDM product expects of a Workplace/Enrollments entry. Data, so adding a vendor is one entry.
 * Only facts the validator checks are here; the UI may prefill `authPolicy` and `discoveryUrlHint`.
 */
export interface MdmPreset {
  id: string;
  /** Product name as shown in the UI (a proper name: not translated). */
  name: string;
  /** The local part of the enrollment UPN must start with this (case-insensitive), if set. */
  upnPrefix?: string;
  authPolicy?: 'OnPremise' | 'Certificate';
  /** Example discovery URL shape, shown as a placeholder. */
  discoveryUrlHint?: string;
  evidence: Evidence;
}

export const MDM_PRESETS: readonly MdmPreset[] = [
  {
    id: 'generic',
    name: 'Generic MDM',
    authPolicy: 'OnPremise',
    discoveryUrlHint: 'https://mdm.example.com/EnrollmentServer/Discovery.svc',
    evidence: 'derived',
  },
  {
    // Ivanti (formerly MobileIron) bulk enrollment: the UPN names a bulk-enroll service account whose local
    // part starts with `windows-bulkenroll` (docs/format/wcd-settings.md §2.9 example).
    id: 'ivanti',
    name: 'Ivanti',
    upnPrefix: 'windows-bulkenroll',
    authPolicy: 'OnPremise',
    discoveryUrlHint: 'https://<host>/EnrollmentServer/Discovery.svc',
    evidence: 'inferred',
  },
];

export function getMdmPreset(id: string): MdmPreset | undefined {
  return MDM_PRESETS.find((preset) => preset.id === id);
}
