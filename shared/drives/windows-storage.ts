import { DriveError } from './errors';
import type { RemovableDrive } from './types';
import { finishDrive, normaliseBus, readBoolean, readCount, readText } from './values';

/**
 * One PowerShell run (Storage module, Windows 8+) printing disks, partitions and volumes as one JSON object.
 * Each list is wrapped in @() inside the object so a single disk still comes out as an array; the parser
 * copes anyway with a bare object, null and Windows PowerShell 5.1's `{ "value": [...], "Count": n }` form.
 */
export const WINDOWS_DRIVES_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  // Windows PowerShell writes redirected output in the OEM code page; labels like "Fotos Año" need UTF-8.
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  '$disks = @(Get-Disk | Select-Object Number, FriendlyName, Model, BusType, Size, IsBoot, IsSystem, IsReadOnly, IsOffline, OperationalStatus)',
  '$partitions = @(Get-Partition | Select-Object DiskNumber, PartitionNumber, DriveLetter, Size, Type, IsBoot, IsSystem)',
  '$volumes = @(Get-Volume | Select-Object DriveLetter, FileSystemLabel, FileSystem, Size, SizeRemaining, DriveType)',
  '[pscustomobject]@{ SystemDrive = $env:SystemDrive; Disks = $disks; Partitions = $partitions; Volumes = $volumes } | ConvertTo-Json -Depth 4 -Compress',
].join('; ');
export const WINDOWS_POWERSHELL_ARGUMENTS = [
  '-NoProfile',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
  '-Command',
  WINDOWS_DRIVES_SCRIPT,
];

/** MSFT_Disk BusType codes, for output where the enum was not turned into its name. */
const BUS_TYPE_NAMES: Record<number, string> = { 7: 'USB', 11: 'SATA', 12: 'SD', 13: 'MMC', 17: 'NVMe' };
const REMOVABLE_BUSES = new Set(['usb', 'sd', 'mmc']);
/** Partition types that never hold a user volume (MSR, EFI system, recovery, MBR extended container). */
const NON_VOLUME_TYPES = new Set(['reserved', 'system', 'recovery', 'extended', 'unknown']);

type JsonObject = Record<string, unknown>;

/** ConvertTo-Json gives an array, a lone object (one item), null (none) or `{ value, Count }` (PS 5.1). */
function listOf(value: unknown, field: string): JsonObject[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value))
    return value.filter((item): item is JsonObject => typeof item === 'object' && item !== null);
  if (typeof value !== 'object') throw new DriveError('bad-output', 'PowerShell: not a list', field);
  const wrapped = value as JsonObject;
  if (Array.isArray(wrapped['value']) && 'Count' in wrapped) return listOf(wrapped['value'], field);
  return [wrapped];
}

/** A drive letter as PowerShell serialises a [char]: "E", "\u0000" / null for none, or (rarely) the code. */
function driveLetterOf(value: unknown): string | null {
  const text = typeof value === 'number' ? String.fromCharCode(value) : readText(value);
  return text && /^[A-Za-z]$/.test(text) ? text.toUpperCase() : null;
}

const busNameOf = (value: unknown): string =>
  typeof value === 'number' ? (BUS_TYPE_NAMES[value] ?? String(value)) : (readText(value) ?? '');

/**
 * Removable volumes from the JSON printed by WINDOWS_DRIVES_SCRIPT. Only USB/SD/MMC disks are considered;
 * the boot or system disk (IsBoot/IsSystem, or holding the %SystemDrive% letter or a boot/system partition)
 * is dropped whole, and so is a reader with no medium (size 0 / "No Media").
 */
export function parseWindowsStorageJson(jsonText: string): RemovableDrive[] {
  let parsed: unknown;
  try {
    // PowerShell may start its output with a UTF-8 BOM.
    parsed = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DriveError('bad-output', `PowerShell: output is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DriveError('bad-output', 'PowerShell: output is not an object');
  }
  const root = parsed as JsonObject;
  const systemLetter = driveLetterOf((readText(root['SystemDrive']) ?? 'C:').slice(0, 1));
  const disks = listOf(root['Disks'], 'Disks');
  const partitions = listOf(root['Partitions'], 'Partitions');
  const volumes = listOf(root['Volumes'], 'Volumes');

  const drives: RemovableDrive[] = [];
  for (const disk of disks) {
    const number = readCount(disk['Number']);
    if (number === undefined)
      throw new DriveError('bad-output', 'PowerShell: disk without a Number', 'Disks[].Number');
    const busType = busNameOf(disk['BusType']);
    if (!REMOVABLE_BUSES.has(busType.toLowerCase())) continue;
    if (readBoolean(disk['IsBoot']) === true || readBoolean(disk['IsSystem']) === true) continue;
    const diskSize = readCount(disk['Size']) ?? 0;
    if (diskSize === 0 || readText(disk['OperationalStatus']) === 'No Media') continue;

    const own = partitions.filter((partition) => readCount(partition['DiskNumber']) === number);
    const holdsSystem = own.some(
      (partition) =>
        readBoolean(partition['IsBoot']) === true ||
        readBoolean(partition['IsSystem']) === true ||
        (systemLetter !== null && driveLetterOf(partition['DriveLetter']) === systemLetter),
    );
    if (holdsSystem) continue;

    const diskReadOnly = readBoolean(disk['IsReadOnly']) === true;
    const model = (readText(disk['FriendlyName']) || readText(disk['Model']) || '').trim();
    for (const partition of own) {
      if (NON_VOLUME_TYPES.has((readText(partition['Type']) ?? '').toLowerCase())) continue;
      const partitionNumber = readCount(partition['PartitionNumber']) ?? 0;
      const letter = driveLetterOf(partition['DriveLetter']);
      const volume =
        letter === null ? undefined : volumes.find((v) => driveLetterOf(v['DriveLetter']) === letter);
      const fileSystem = readText(volume?.['FileSystem']) ?? '';
      // Without a letter we cannot see the volume's file system; "not mounted" is the actionable reason.
      const hasFileSystem = letter === null || (fileSystem !== '' && fileSystem.toUpperCase() !== 'RAW');
      const mountPoint = letter === null ? null : `${letter}:\\`;
      drives.push(
        finishDrive(
          {
            id: `disk${number}-part${partitionNumber}`,
            devicePath: `\\\\.\\PhysicalDrive${number}`,
            mountPoint,
            label: readText(volume?.['FileSystemLabel']) ?? '',
            sizeBytes: readCount(volume?.['Size']) ?? readCount(partition['Size']) ?? 0,
            freeBytes: mountPoint === null ? null : (readCount(volume?.['SizeRemaining']) ?? null),
            bus: normaliseBus(busType),
            busType,
            model,
            readOnly: diskReadOnly,
          },
          hasFileSystem,
        ),
      );
    }
  }
  return drives;
}
