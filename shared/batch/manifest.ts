/** One built package in manifest.csv. Deliberately no setting values: secrets can never end up here. */
export interface ManifestEntry {
  packageFile: string;
  sha256: string;
  deviceName: string;
  enrollmentUpn: string;
  assignedUser: string;
  /** ISO 8601 UTC, e.g. 2026-11-28T03:04:05.000Z. */
  builtAt: string;
}

export const MANIFEST_HEADER = [
  'PackageFile',
  'SHA256',
  'DeviceName',
  'EnrollmentUPN',
  'AssignedUser',
  'BuiltAt',
];

/**
 * OWASP CSV-injection rule: a cell a spreadsheet would read as a formula (starting with = + - @, TAB or CR)
 * gets a leading `'`, so Excel shows it as text instead of running it. Then RFC 4180 quoting, only when the
 * field holds a delimiter, a quote or a line break.
 */
export function csvField(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/**
 * manifest.csv text: UTF-8 BOM (so Excel reads non-ASCII names right), CRLF line ends, comma separated.
 * The admin uses it to assign each enrolled device to its real user in the MDM console.
 */
export function formatManifestCsv(entries: readonly ManifestEntry[]): string {
  const lines = [
    MANIFEST_HEADER,
    ...entries.map((entry) => [
      entry.packageFile,
      entry.sha256,
      entry.deviceName,
      entry.enrollmentUpn,
      entry.assignedUser,
      entry.builtAt,
    ]),
  ].map((fields) => fields.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
