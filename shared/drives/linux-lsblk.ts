import { DriveError } from './errors';
import type { RemovableDrive } from './types';
import { finishDrive, normaliseBus, readBoolean, readCount, readText } from './values';

/**
 * `lsblk` columns we ask for. MOUNTPOINTS (util-linux ≥ 2.37) lists every mount of a file system;
 * older versions only know MOUNTPOINT, so the caller retries with LSBLK_COLUMNS_LEGACY when the first
 * form is refused. FSTYPE tells an unformatted partition from an unmounted one.
 */
export const LSBLK_COLUMNS =
  'NAME,PATH,TYPE,RM,HOTPLUG,SIZE,FSAVAIL,FSUSED,FSTYPE,LABEL,MOUNTPOINTS,TRAN,MODEL,RO';
export const LSBLK_COLUMNS_LEGACY = LSBLK_COLUMNS.replace('MOUNTPOINTS', 'MOUNTPOINT');
export const lsblkArguments = (columns: string): string[] => ['--json', '--bytes', '--output', columns];

/** Mount points that make a disk the running system's disk: never offered, whatever else it holds. */
const SYSTEM_MOUNTS = ['/', '/boot', '/efi', '/usr', '/var', '/home', '/opt', '/srv', '[SWAP]'];
const isSystemMount = (mount: string): boolean => SYSTEM_MOUNTS.includes(mount) || mount.startsWith('/boot/');

/** Below this an untyped partition is an MBR extended-partition container (lsblk shows 1 KiB), not a volume. */
const EXTENDED_CONTAINER_MAX_BYTES = 1024 * 1024;

type LsblkDevice = Record<string, unknown>;

/** Every mount point of a device, from either the `mountpoints` array or the legacy `mountpoint` string. */
function mountsOf(device: LsblkDevice): string[] {
  const list = device['mountpoints'];
  if (Array.isArray(list))
    return list.filter((mount): mount is string => typeof mount === 'string' && mount !== '');
  const single = readText(device['mountpoint']);
  return single ? [single] : [];
}

function childrenOf(device: LsblkDevice, where: string): LsblkDevice[] {
  const children = device['children'];
  if (children === undefined || children === null) return [];
  if (!Array.isArray(children)) throw new DriveError('bad-output', 'lsblk: children is not an array', where);
  return children.filter((child): child is LsblkDevice => typeof child === 'object' && child !== null);
}

function holdsSystemMount(device: LsblkDevice, where: string): boolean {
  if (mountsOf(device).some(isSystemMount)) return true;
  return childrenOf(device, where).some((child) => holdsSystemMount(child, where));
}

/**
 * Removable volumes from `lsblk --json --bytes --output …` (any util-linux from 2.27 on: values may be
 * strings or typed, `mountpoint` or `mountpoints`). Only whole disks that are removable, hot-pluggable or
 * on USB are considered; a disk holding `/`, `/boot`, swap or another system mount is dropped whole, and
 * so is a disk with no medium (an empty card reader reports size 0).
 */
export function parseLsblkJson(jsonText: string): RemovableDrive[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch (error) {
    throw new DriveError('bad-output', `lsblk: output is not JSON (${(error as Error).message})`);
  }
  const devices = (parsed as { blockdevices?: unknown } | null)?.blockdevices;
  if (!Array.isArray(devices))
    throw new DriveError('bad-output', 'lsblk: no blockdevices array', 'blockdevices');

  const drives: RemovableDrive[] = [];
  devices.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const disk = entry as LsblkDevice;
    const name = readText(disk['name']) ?? `blockdevices[${index}]`;
    // Only whole disks: ROMs (optical, read-only media), loop devices and zram are never targets.
    if (readText(disk['type']) !== 'disk') return;
    const transport = readText(disk['tran']) ?? '';
    const removable =
      readBoolean(disk['rm']) === true || readBoolean(disk['hotplug']) === true || transport === 'usb';
    if (!removable) return;
    const diskSize = readCount(disk['size']) ?? 0;
    if (diskSize === 0) return;
    if (holdsSystemMount(disk, name)) return;

    const diskReadOnly = readBoolean(disk['ro']) === true;
    const partitions = childrenOf(disk, name).filter((child) => readText(child['type']) === 'part');
    // A stick formatted without a partition table ("superfloppy") carries its file system on the disk itself.
    const volumes = partitions.length > 0 ? partitions : [disk];
    for (const volume of volumes) {
      const fileSystem = readText(volume['fstype']) ?? '';
      const size = readCount(volume['size']) ?? 0;
      if (fileSystem === '' && volume !== disk && size <= EXTENDED_CONTAINER_MAX_BYTES) continue;
      if (fileSystem === 'swap') continue;
      const mountPoint = mountsOf(volume)[0] ?? null;
      const devicePath = readText(volume['path']) ?? `/dev/${readText(volume['name']) ?? name}`;
      drives.push(
        finishDrive(
          {
            id: devicePath,
            devicePath,
            mountPoint,
            label: readText(volume['label']) ?? '',
            sizeBytes: size,
            freeBytes: mountPoint === null ? null : (readCount(volume['fsavail']) ?? null),
            bus: normaliseBus(transport),
            busType: transport,
            model: (readText(disk['model']) ?? '').trim(),
            readOnly: diskReadOnly || readBoolean(volume['ro']) === true,
          },
          fileSystem !== '',
        ),
      );
    }
  });
  return drives;
}
