import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DriveError } from '../../shared/drives/errors';
import type { CopyProgress, RemovableDrive } from '../../shared/drives/types';
import { copyPackageToDrive, removeOtherPackages } from '../../shared/node/drives/copy-to-drive';
import { createDriveHost } from '../../shared/node/drives/drive-host';
import { listRemovableDrives } from '../../shared/node/drives/list-drives';
import type { CommandRunner } from '../../shared/node/drives/list-drives';

let work: string;
let driveRoot: string;
let packagePath: string;
let packageBytes: Buffer;

/** A fake USB stick: a temp folder presented as a listed writable removable drive. */
function fakeDrive(overrides: Partial<RemovableDrive> = {}): RemovableDrive {
  return {
    id: '/dev/sdz1',
    devicePath: '/dev/sdz1',
    mountPoint: driveRoot,
    label: 'PPKG',
    sizeBytes: 16e9,
    freeBytes: 15e9,
    bus: 'usb',
    busType: 'usb',
    model: 'Fake Stick',
    readOnly: false,
    writable: true,
    ...overrides,
  };
}
const listing = (...drives: RemovableDrive[]) => ({ listDrives: async () => drives });

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-drive-'));
  driveRoot = join(work, 'stick');
  await writeFile(join(work, 'placeholder'), '');
  await mkdir(driveRoot);
  packageBytes = randomBytes(2_500_000 + 17); // more than two 1 MiB chunks, not a multiple of one
  packagePath = join(work, 'Contoso-PC001.ppkg');
  await writeFile(packagePath, packageBytes);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('copyPackageToDrive', () => {
  it('copies to the drive root, verifies by SHA-256 and reports progress of both phases', async () => {
    const progress: CopyProgress[] = [];
    const result = await copyPackageToDrive(
      { sourcePath: packagePath, mountPoint: driveRoot },
      { ...listing(fakeDrive()), onProgress: (p) => progress.push(p) },
    );
    const expectedHash = createHash('sha256').update(packageBytes).digest('hex');
    expect(result).toEqual({
      targetPath: join(driveRoot, 'Contoso-PC001.ppkg'),
      sha256: expectedHash,
      bytes: packageBytes.length,
      otherPackages: [],
    });
    // Buffer.equals: a deep toEqual over megabytes is needlessly slow.
    expect((await readFile(result.targetPath)).equals(packageBytes)).toBe(true);
    expect(await readdir(driveRoot)).toEqual(['Contoso-PC001.ppkg']); // no temp file left behind
    const copyPhase = progress.filter((p) => p.phase === 'copy');
    const verifyPhase = progress.filter((p) => p.phase === 'verify');
    expect(copyPhase.length).toBe(3);
    expect(copyPhase.at(-1)).toEqual({
      phase: 'copy',
      bytesDone: packageBytes.length,
      bytesTotal: packageBytes.length,
    });
    expect(verifyPhase.at(-1)?.bytesDone).toBe(packageBytes.length);
    expect(progress.findIndex((p) => p.phase === 'verify')).toBeGreaterThan(
      progress.findLastIndex((p) => p.phase === 'copy'),
    );
  });

  it('reports other packages already in the root, and removeOtherPackages deletes only those', async () => {
    await writeFile(join(driveRoot, 'Old.PPKG'), 'old');
    await writeFile(join(driveRoot, 'another.ppkg'), 'x');
    await writeFile(join(driveRoot, 'notes.txt'), 'keep me');
    const result = await copyPackageToDrive(
      { sourcePath: packagePath, mountPoint: driveRoot },
      listing(fakeDrive()),
    );
    expect(result.otherPackages).toEqual(['Old.PPKG', 'another.ppkg']);

    const removed = await removeOtherPackages(driveRoot, 'Contoso-PC001.ppkg', listing(fakeDrive()));
    expect(removed).toEqual(['Old.PPKG', 'another.ppkg']);
    expect((await readdir(driveRoot)).sort()).toEqual(['Contoso-PC001.ppkg', 'notes.txt']);
  });

  it('refuses a folder that is not a listed removable drive', async () => {
    const elsewhere = join(work, 'not-a-drive');
    const attempt = copyPackageToDrive(
      { sourcePath: packagePath, mountPoint: elsewhere },
      listing(fakeDrive()),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'not-a-removable-drive' });
    await expect(removeOtherPackages(work, 'x.ppkg', listing(fakeDrive()))).rejects.toBeInstanceOf(
      DriveError,
    );
    expect(await readdir(work)).not.toContain('not-a-drive');
  });

  it('refuses a listed drive that is read-only, and one without room', async () => {
    const readOnly = fakeDrive({ readOnly: true, writable: false, unavailableReason: 'read-only' });
    await expect(
      copyPackageToDrive({ sourcePath: packagePath, mountPoint: driveRoot }, listing(readOnly)),
    ).rejects.toMatchObject({ code: 'drive-not-writable' });
    await expect(
      copyPackageToDrive(
        { sourcePath: packagePath, mountPoint: driveRoot },
        listing(fakeDrive({ freeBytes: 1000 })),
      ),
    ).rejects.toMatchObject({ code: 'insufficient-space' });
    expect(await readdir(driveRoot)).toEqual([]);
  });

  it('stops on abort and leaves no file on the drive', async () => {
    const controller = new AbortController();
    const attempt = copyPackageToDrive(
      { sourcePath: packagePath, mountPoint: driveRoot },
      { ...listing(fakeDrive()), signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'aborted' });
    expect(await readdir(driveRoot)).toEqual([]);
  });

  it('removes the copy when cancelled during verification', async () => {
    const controller = new AbortController();
    const attempt = copyPackageToDrive(
      { sourcePath: packagePath, mountPoint: driveRoot },
      {
        ...listing(fakeDrive()),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'verify') controller.abort();
        },
      },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'aborted' });
    expect(await readdir(driveRoot)).toEqual([]);
  });

  it('refuses a source that is not a .ppkg', async () => {
    const other = join(work, 'placeholder');
    await expect(
      copyPackageToDrive({ sourcePath: other, mountPoint: driveRoot }, listing(fakeDrive())),
    ).rejects.toMatchObject({ code: 'bad-source' });
  });
});

describe('createDriveHost', () => {
  it('offers list, copy and remove over the same drive listing', async () => {
    const host = createDriveHost(async () => [fakeDrive()]);
    expect((await host.listRemovableDrives()).map((drive) => drive.mountPoint)).toEqual([driveRoot]);
    await writeFile(join(driveRoot, 'stale.ppkg'), 'old');
    const phases = new Set<string>();
    const result = await host.copyPackageToDrive({ sourcePath: packagePath, mountPoint: driveRoot }, (p) =>
      phases.add(p.phase),
    );
    expect(result.otherPackages).toEqual(['stale.ppkg']);
    expect([...phases]).toEqual(['copy', 'verify']);
    expect(await host.removeOtherPackages(driveRoot, 'Contoso-PC001.ppkg')).toEqual(['stale.ppkg']);
    await expect(host.removeOtherPackages(work, 'Contoso-PC001.ppkg')).rejects.toMatchObject({
      code: 'not-a-removable-drive',
    });
  });
});

describe('listRemovableDrives', () => {
  const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/drives', name), 'utf8');

  it('runs lsblk without a shell and retries with MOUNTPOINT when MOUNTPOINTS is unknown', async () => {
    const calls: string[][] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      if (
        args.includes('NAME,PATH,TYPE,RM,HOTPLUG,SIZE,FSAVAIL,FSUSED,FSTYPE,LABEL,MOUNTPOINTS,TRAN,MODEL,RO')
      ) {
        throw new DriveError('command-failed', 'lsblk: unknown column: MOUNTPOINTS', 'lsblk');
      }
      return fixture('lsblk-legacy-mountpoint.json');
    };
    const drives = await listRemovableDrives('linux', run);
    expect(drives.map((drive) => drive.id)).toEqual(['/dev/sdb5', '/dev/sdc', '/dev/sdd']);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual([
      'lsblk',
      '--json',
      '--bytes',
      '--output',
      'NAME,PATH,TYPE,RM,HOTPLUG,SIZE,FSAVAIL,FSUSED,FSTYPE,LABEL,MOUNTPOINT,TRAN,MODEL,RO',
    ]);
  });

  it('runs diskutil list then info for each identifier', async () => {
    const asked: string[] = [];
    const run: CommandRunner = async (file, args) => {
      expect(file).toBe('diskutil');
      if (args[0] === 'list') return fixture('diskutil/list.plist');
      asked.push(args[2]!);
      return fixture(`diskutil/info-${args[2]}.plist`);
    };
    const drives = await listRemovableDrives('darwin', run);
    expect(drives.map((drive) => drive.id)).toEqual(['disk4s1', 'disk5s2', 'disk6s1']);
    expect(asked).toContain('disk0');
  });

  it('runs PowerShell on Windows and rejects an unknown platform with a typed error', async () => {
    const run: CommandRunner = async (file) => {
      expect(file).toBe('powershell.exe');
      return fixture('windows-storage.json');
    };
    expect((await listRemovableDrives('win32', run)).length).toBe(3);
    await expect(listRemovableDrives('aix', run)).rejects.toMatchObject({ code: 'unsupported-platform' });
  });

  it.runIf(process.platform === 'linux')(
    'lists this machine through the real lsblk without throwing',
    async () => {
      const drives = await listRemovableDrives();
      for (const drive of drives) expect(drive.mountPoint).not.toBe('/');
    },
  );
});
