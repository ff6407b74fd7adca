export type * from './types';
export { DRIVE_UNAVAILABLE_REASONS } from './types';
export { DriveError, DRIVE_ERROR_CODES } from './errors';
export type { DriveErrorCode } from './errors';
export { parseLsblkJson, LSBLK_COLUMNS, LSBLK_COLUMNS_LEGACY, lsblkArguments } from './linux-lsblk';
export {
  parseDiskutil,
  diskutilInfoTargets,
  DISKUTIL_LIST_ARGUMENTS,
  diskutilInfoArguments,
} from './macos-diskutil';
export {
  parseWindowsStorageJson,
  WINDOWS_DRIVES_SCRIPT,
  WINDOWS_POWERSHELL_ARGUMENTS,
} from './windows-storage';
