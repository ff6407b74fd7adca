/** Machine-readable causes of a drive failure; the UI maps each to `usb.json` → `errors.<code>`. */
export const DRIVE_ERROR_CODES = [
  /** No drive listing for this OS. */
  'unsupported-platform',
  /** The OS tool could not be started, exited non-zero or timed out. */
  'command-failed',
  /** The OS tool's output is not in the expected form. */
  'bad-output',
  /** The target is not the mount point of a listed removable drive. */
  'not-a-removable-drive',
  /** The drive is listed but cannot be written (unmounted, read-only, refused the write). */
  'drive-not-writable',
  'insufficient-space',
  /** The drive vanished or failed mid-copy (unplugged, I/O error). */
  'drive-gone',
  /** The bytes read back from the drive differ from the source. */
  'verify-mismatch',
  'aborted',
  /** The source package cannot be read, or the name to keep is not a plain file name. */
  'bad-source',
] as const;

export type DriveErrorCode = (typeof DRIVE_ERROR_CODES)[number];

export class DriveError extends Error {
  override readonly name = 'DriveError';
  constructor(
    readonly code: DriveErrorCode,
    /** What went wrong, without the subject. */
    readonly detail: string,
    /** What the error is about: a command line, a field of the tool's output, a path. */
    readonly subject?: string,
  ) {
    super(subject ? `${detail} (${subject})` : detail);
  }
}
