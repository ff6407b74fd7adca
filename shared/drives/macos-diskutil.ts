import { DriveError } from './errors';
import type { PlistDict, PlistValue } from './plist';
import { parsePlistDict } from './plist';
import type { RemovableDrive } from './types';
import { finishDrive, normaliseBus, readBoolean, readCount, readText } from './values';

/** `diskutil list -plist external physical`: external, non-synthesized disks and their partitions. */
export const DISKUTIL_LIST_ARGUMENTS = ['list', '-plist', 'external', 'physical'];
export const diskutilInfoArguments = (identifier: string): string[] => ['info', '-plist', identifier];

/** Partition contents that are never a volume to copy to (EFI system partition, APFS/CoreStorage stores). */
const NON_VOLUME_CONTENTS = new Set([
  'EFI',
  'Apple_APFS',
  'Apple_CoreStorage',
  'Apple_Boot',
  'Apple_partition_map',
]);
/** Bus names of things that are not physical removable media. */
const VIRTUAL_BUSES = new Set(['Disk Image', 'Virtual Interface']);
const DEVICE_IDENTIFIER = /^disk\d+(s\d+)*$/;

interface ListedDisk {
  identifier: string;
  sizeBytes: number;
  partitions: Array<{ identifier: string; content: string; sizeBytes: number; volumeName: string }>;
}

const asDict = (value: PlistValue | undefined): PlistDict | undefined =>
  typeof value === 'object' && !Array.isArray(value) ? value : undefined;
const asArray = (value: PlistValue | undefined): PlistValue[] => (Array.isArray(value) ? value : []);

function readDiskList(listXml: string): ListedDisk[] {
  const list = parsePlistDict(listXml, 'diskutil list');
  const disks = list['AllDisksAndPartitions'];
  if (!Array.isArray(disks)) {
    throw new DriveError(
      'bad-output',
      'diskutil list: no AllDisksAndPartitions array',
      'AllDisksAndPartitions',
    );
  }
  return disks.map((value, index) => {
    const disk = asDict(value);
    const identifier = readText(disk?.['DeviceIdentifier']);
    if (!disk || !identifier || !DEVICE_IDENTIFIER.test(identifier)) {
      throw new DriveError(
        'bad-output',
        'diskutil list: disk without a DeviceIdentifier',
        `AllDisksAndPartitions[${index}]`,
      );
    }
    const partitions = asArray(disk['Partitions']).flatMap((partitionValue) => {
      const partition = asDict(partitionValue);
      const partitionId = readText(partition?.['DeviceIdentifier']);
      if (!partition || !partitionId || !DEVICE_IDENTIFIER.test(partitionId)) return [];
      return [
        {
          identifier: partitionId,
          content: readText(partition['Content']) ?? '',
          sizeBytes: readCount(partition['Size']) ?? 0,
          volumeName: readText(partition['VolumeName']) ?? '',
        },
      ];
    });
    return { identifier, sizeBytes: readCount(disk['Size']) ?? 0, partitions };
  });
}

/** The identifiers the caller must run `diskutil info -plist` on: each whole disk, then its partitions. */
export function diskutilInfoTargets(listXml: string): string[] {
  return readDiskList(listXml).flatMap((disk) => [
    disk.identifier,
    ...disk.partitions.map((p) => p.identifier),
  ]);
}

/**
 * Removable volumes from `diskutil list -plist …` plus `diskutil info -plist <id>` of every identifier
 * diskutilInfoTargets returned (keyed by identifier). The list filter already asks for external physical
 * disks; the info is checked again so an internal disk, a disk image or the disk holding `/` is never
 * offered even if the list was taken without the filter (or a Mac booted from an external disk).
 */
export function parseDiskutil(
  listXml: string,
  infoXmlById: Readonly<Record<string, string>>,
): RemovableDrive[] {
  const infoOf = (identifier: string): PlistDict => {
    const xml = infoXmlById[identifier];
    if (xml === undefined) throw new DriveError('bad-output', 'diskutil info missing', identifier);
    return parsePlistDict(xml, `diskutil info ${identifier}`);
  };

  const drives: RemovableDrive[] = [];
  for (const disk of readDiskList(listXml)) {
    const diskInfo = infoOf(disk.identifier);
    const busType = readText(diskInfo['BusProtocol']) ?? '';
    if (VIRTUAL_BUSES.has(busType) || readText(diskInfo['VirtualOrPhysical']) === 'Virtual') continue;
    const internal = readBoolean(diskInfo['Internal']) === true;
    // A built-in SD slot is Internal but has removable media; an internal SSD has neither flag.
    const removableMedia =
      readBoolean(diskInfo['RemovableMedia']) === true ||
      readBoolean(diskInfo['Removable']) === true ||
      readBoolean(diskInfo['RemovableMediaOrExternalDevice']) === true;
    if (internal && !removableMedia) continue;
    const diskSize = readCount(diskInfo['TotalSize']) ?? readCount(diskInfo['Size']) ?? disk.sizeBytes;
    if (diskSize === 0) continue;

    const volumeIds =
      disk.partitions.length > 0 ? disk.partitions.map((p) => p.identifier) : [disk.identifier];
    const volumeInfos = volumeIds.map((identifier) => ({ identifier, info: infoOf(identifier) }));
    const mountOf = (info: PlistDict): string | null => readText(info['MountPoint']) || null;
    const holdsSystem = volumeInfos.some(({ info }) => {
      const mount = mountOf(info);
      return mount === '/' || mount?.startsWith('/System/Volumes/') === true;
    });
    if (holdsSystem) continue;

    const mediaReadOnly =
      readBoolean(diskInfo['WritableMedia']) === false || readBoolean(diskInfo['ReadOnlyMedia']) === true;
    for (const { identifier, info } of volumeInfos) {
      const listed = disk.partitions.find((partition) => partition.identifier === identifier);
      const content = readText(info['Content']) ?? listed?.content ?? '';
      if (NON_VOLUME_CONTENTS.has(content)) continue;
      const mountPoint = mountOf(info);
      const fileSystem = readText(info['FilesystemType']) ?? '';
      const readOnly =
        mediaReadOnly ||
        readBoolean(info['ReadOnlyVolume']) === true ||
        (mountPoint !== null && readBoolean(info['WritableVolume']) === false);
      // Older macOS report FreeSpace; since 10.15 APFS volumes report APFSContainerFree instead.
      const free = readCount(info['FreeSpace']) ?? readCount(info['APFSContainerFree']) ?? null;
      drives.push(
        finishDrive(
          {
            id: identifier,
            devicePath: readText(info['DeviceNode']) ?? `/dev/${identifier}`,
            mountPoint,
            label: readText(info['VolumeName']) || listed?.volumeName || '',
            sizeBytes:
              readCount(info['TotalSize']) ?? readCount(info['Size']) ?? listed?.sizeBytes ?? diskSize,
            freeBytes: mountPoint === null ? null : free,
            bus: normaliseBus(busType),
            busType,
            model: (
              readText(diskInfo['MediaName']) ??
              readText(diskInfo['IORegistryEntryName']) ??
              ''
            ).trim(),
            readOnly,
          },
          fileSystem !== '',
        ),
      );
    }
  }
  return drives;
}
