import type { DriveBus, DriveUnavailableReason, RemovableDrive } from './types';

/**
 * Loose readers for the OS tools' JSON/plist values: the same field is a boolean in one tool version and
 * "0"/"1" or a number in another (lsblk before util-linux 2.33 printed every value as a string).
 */
export function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true' || value === 'True') return true;
  if (value === 0 || value === '0' || value === 'false' || value === 'False') return false;
  return undefined;
}

/** A byte count written as a number or a string of digits; undefined otherwise. */
export function readCount(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function readText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function normaliseBus(raw: string): DriveBus {
  const lower = raw.trim().toLowerCase();
  if (lower === 'usb') return 'usb';
  if (lower === 'sd' || lower === 'secure digital') return 'sd';
  if (lower === 'mmc') return 'mmc';
  return 'other';
}

/** Fills `writable`/`unavailableReason` from the facts every parser gathers, in one place. */
export function finishDrive(
  drive: Omit<RemovableDrive, 'writable' | 'unavailableReason'>,
  hasFileSystem: boolean,
): RemovableDrive {
  let reason: DriveUnavailableReason | undefined;
  if (drive.readOnly) reason = 'read-only';
  else if (!hasFileSystem) reason = 'unformatted';
  else if (drive.mountPoint === null) reason = 'not-mounted';
  return reason === undefined
    ? { ...drive, writable: true }
    : { ...drive, writable: false, unavailableReason: reason };
}
