import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriveError } from '../../shared/drives/errors';
import { diskutilInfoTargets, parseDiskutil } from '../../shared/drives/macos-diskutil';
import { parseLsblkJson } from '../../shared/drives/linux-lsblk';
import { parsePlist } from '../../shared/drives/plist';
import { parseWindowsStorageJson } from '../../shared/drives/windows-storage';
import type { RemovableDrive } from '../../shared/drives/types';

const fixtures = resolve(__dirname, '../fixtures/drives');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const byId = (drives: RemovableDrive[]) => new Map(drives.map((drive) => [drive.id, drive]));

function diskutilInfos(): Record<string, string> {
  const infos: Record<string, string> = {};
  for (const file of readdirSync(join(fixtures, 'diskutil'))) {
    const match = /^info-(disk\w+)\.plist$/.exec(file);
    if (match?.[1]) infos[match[1]] = fixture(join('diskutil', file));
  }
  return infos;
}

describe('lsblk (Linux)', () => {
  it('offers nothing on a recorded machine whose only disk is the system disk', () => {
    // Real output of our Debian 12 build VM: /dev/vda holds `/`, zram0 is a compressed-RAM device.
    expect(parseLsblkJson(fixture('lsblk-recorded-debian12-vm.json'))).toEqual([]);
  });

  const drives = parseLsblkJson(fixture('lsblk-2.38.json'));
  const drivesById = byId(drives);

  it('lists only the removable volumes, in device order', () => {
    expect(drives.map((drive) => drive.id)).toEqual(['/dev/sdb1', '/dev/sdd1', '/dev/sde1']);
  });

  it('never offers the system disk, internal disks, swap, a USB disk holding /boot/efi, optical media or an empty reader', () => {
    const excluded = ['/dev/nvme0n1', '/dev/nvme0n1p1', '/dev/nvme0n1p2', '/dev/nvme0n1p3', '/dev/sda1'];
    for (const id of [...excluded, '/dev/sdf1', '/dev/sdf2', '/dev/sr0', '/dev/sdc']) {
      expect(drivesById.has(id), id).toBe(false);
    }
  });

  it('reads the mounted USB stick', () => {
    expect(drivesById.get('/dev/sdb1')).toEqual({
      id: '/dev/sdb1',
      devicePath: '/dev/sdb1',
      mountPoint: '/media/tech/PPKG',
      label: 'PPKG',
      sizeBytes: 30751588352,
      freeBytes: 30712332288,
      bus: 'usb',
      busType: 'usb',
      model: 'SanDisk 3.2Gen1',
      readOnly: false,
      writable: true,
    });
  });

  it('lists an unmounted USB HDD and a write-protected card as not writable, with the reason', () => {
    expect(drivesById.get('/dev/sdd1')).toMatchObject({
      mountPoint: null,
      freeBytes: null,
      writable: false,
      unavailableReason: 'not-mounted',
      label: 'BACKUP',
    });
    expect(drivesById.get('/dev/sde1')).toMatchObject({
      readOnly: true,
      writable: false,
      unavailableReason: 'read-only',
    });
  });

  it('reads the legacy MOUNTPOINT form with string values, skipping an extended-partition container', () => {
    const legacy = byId(parseLsblkJson(fixture('lsblk-legacy-mountpoint.json')));
    expect([...legacy.keys()]).toEqual(['/dev/sdb5', '/dev/sdc', '/dev/sdd']);
    expect(legacy.get('/dev/sdb5')).toMatchObject({
      mountPoint: '/media/tech/TECH 01',
      label: 'TECH 01',
      sizeBytes: 8003256320,
      freeBytes: 7995916288,
      writable: true,
    });
    // Partitionless stick: the file system is on the disk itself.
    expect(legacy.get('/dev/sdc')).toMatchObject({ mountPoint: '/media/tech/NOPART', writable: true });
    expect(legacy.get('/dev/sdd')).toMatchObject({ writable: false, unavailableReason: 'unformatted' });
  });

  it('rejects output that is not lsblk JSON with a typed error', () => {
    expect(() => parseLsblkJson('lsblk: unknown column: MOUNTPOINTS')).toThrow(DriveError);
    expect(() => parseLsblkJson('{"devices": []}')).toThrow(/blockdevices/);
  });
});

describe('diskutil (macOS)', () => {
  const list = fixture('diskutil/list.plist');
  const drives = parseDiskutil(list, diskutilInfos());
  const drivesById = byId(drives);

  it('asks for info on every disk and partition of the list', () => {
    expect(diskutilInfoTargets(list)).toEqual(
      Object.keys(diskutilInfos()).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    );
  });

  it('lists only the external volumes, dropping the internal SSD, EFI partitions and the disk holding /', () => {
    expect(drives.map((drive) => drive.id)).toEqual(['disk4s1', 'disk5s2', 'disk6s1']);
  });

  it('reads the mounted USB stick with FreeSpace', () => {
    expect(drivesById.get('disk4s1')).toEqual({
      id: 'disk4s1',
      devicePath: '/dev/disk4s1',
      mountPoint: '/Volumes/PPKG',
      label: 'PPKG',
      sizeBytes: 30751588352,
      freeBytes: 30712332288,
      bus: 'usb',
      busType: 'USB',
      model: 'SanDisk 3.2Gen1',
      readOnly: false,
      writable: true,
    });
  });

  it('marks the unmounted HDD and the write-protected card as not writable', () => {
    expect(drivesById.get('disk5s2')).toMatchObject({
      mountPoint: null,
      writable: false,
      unavailableReason: 'not-mounted',
    });
    expect(drivesById.get('disk6s1')).toMatchObject({
      readOnly: true,
      writable: false,
      unavailableReason: 'read-only',
    });
  });

  it('falls back to APFSContainerFree when FreeSpace is absent', () => {
    const infos = diskutilInfos();
    infos['disk4s1'] = infos['disk4s1']!.replace(
      /<key>FreeSpace<\/key>\s*<integer>\d+<\/integer>/,
      '<key>APFSContainerFree</key><integer>1234567</integer>',
    );
    expect(byId(parseDiskutil(list, infos)).get('disk4s1')?.freeBytes).toBe(1234567);
  });

  it('fails with a typed error naming the identifier when an info output is missing', () => {
    const infos = diskutilInfos();
    delete infos['disk6s1'];
    expect(() => parseDiskutil(list, infos)).toThrow(/disk6s1/);
  });

  it('parses plist values of every type', () => {
    expect(
      parsePlist(
        '<?xml version="1.0"?><plist version="1.0"><dict><key>A &amp; B</key><array><string>x</string>' +
          '<integer>-3</integer><real>1.5</real><true/><false/></array><key>E</key><string/></dict></plist>',
      ),
    ).toEqual({ 'A & B': ['x', -3, 1.5, true, false], E: '' });
    expect(() => parsePlist('<plist><dict><key>A</key></dict></plist>')).toThrow(DriveError);
  });
});

describe('Get-Disk / Get-Partition / Get-Volume (Windows)', () => {
  const drives = parseWindowsStorageJson(fixture('windows-storage.json'));
  const drivesById = byId(drives);

  it('lists only USB volumes, dropping the boot/system disk, the internal HDD, MSR partitions and the empty reader', () => {
    expect(drives.map((drive) => drive.id)).toEqual(['disk2-part1', 'disk4-part2', 'disk5-part1']);
  });

  it('reads the USB stick', () => {
    expect(drivesById.get('disk2-part1')).toEqual({
      id: 'disk2-part1',
      devicePath: '\\\\.\\PhysicalDrive2',
      mountPoint: 'E:\\',
      label: 'PPKG',
      sizeBytes: 30735335424,
      freeBytes: 30712332288,
      bus: 'usb',
      busType: 'USB',
      model: 'SanDisk Ultra USB 3.0',
      readOnly: false,
      writable: true,
    });
  });

  it('marks a volume without a drive letter and a read-only disk as not writable', () => {
    expect(drivesById.get('disk4-part2')).toMatchObject({
      mountPoint: null,
      writable: false,
      unavailableReason: 'not-mounted',
    });
    expect(drivesById.get('disk5-part1')).toMatchObject({
      mountPoint: 'G:\\',
      writable: false,
      unavailableReason: 'read-only',
    });
  });

  it('copes with PowerShell 5.1 shapes: BOM, {value, Count}, numeric bus codes, a lone object', () => {
    expect(parseWindowsStorageJson(fixture('windows-storage-ps51.json'))).toEqual([
      {
        id: 'disk1-part1',
        devicePath: '\\\\.\\PhysicalDrive1',
        mountPoint: 'H:\\',
        label: 'STORE N GO',
        sizeBytes: 16006512640,
        freeBytes: 15990000000,
        bus: 'usb',
        busType: 'USB',
        model: 'Verbatim STORE N GO',
        readOnly: false,
        writable: true,
      },
    ]);
  });

  it('drops a USB disk that carries the %SystemDrive% letter (Windows To Go)', () => {
    const json = JSON.parse(fixture('windows-storage.json')) as { SystemDrive: string };
    json.SystemDrive = 'E:';
    expect(parseWindowsStorageJson(JSON.stringify(json)).map((drive) => drive.id)).not.toContain(
      'disk2-part1',
    );
  });

  it('rejects a disk without a Number with a typed error naming the field', () => {
    expect(() => parseWindowsStorageJson('{"Disks":[{"BusType":"USB"}]}')).toThrow(/Disks\[\]\.Number/);
  });
});
