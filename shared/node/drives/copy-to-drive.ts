import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DriveError } from '../../drives/errors';
import type {
  CancelSignal,
  CopyProgress,
  CopyToDriveRequest,
  CopyToDriveResult,
  RemovableDrive,
} from '../../drives/types';
import { writeFileAtomic } from '../atomic-write';
import { listRemovableDrives } from './list-drives';

export interface DriveOperationOptions {
  /** Where the drives come from; tests pass a fake drive backed by a temp folder. */
  listDrives?: () => Promise<RemovableDrive[]>;
}

export interface CopyToDriveOptions extends DriveOperationOptions {
  onProgress?: (progress: CopyProgress) => void;
  signal?: CancelSignal;
}

const CHUNK_BYTES = 1024 * 1024;
const PACKAGE_EXTENSION = /\.ppkg$/i;

/** Case-insensitive on Windows and macOS, whose default file systems are. */
function samePath(a: string, b: string): boolean {
  const strip = (path: string) => resolve(path).replace(/[\\/]+$/, '');
  const [left, right] = [strip(a), strip(b)];
  return process.platform === 'linux' ? left === right : left.toLowerCase() === right.toLowerCase();
}

/** The listed drive mounted at `mountPoint`; refuses anything else, so only a removable drive is ever written. */
async function findTargetDrive(mountPoint: string, options: DriveOperationOptions): Promise<RemovableDrive> {
  const drives = await (options.listDrives ?? (() => listRemovableDrives()))();
  const drive = drives.find(
    (candidate) => candidate.mountPoint !== null && samePath(candidate.mountPoint, mountPoint),
  );
  if (!drive)
    throw new DriveError('not-a-removable-drive', 'not the root of a listed removable drive', mountPoint);
  if (!drive.writable || drive.mountPoint === null) {
    throw new DriveError(
      'drive-not-writable',
      `drive is not writable (${drive.unavailableReason ?? 'unknown'})`,
      mountPoint,
    );
  }
  return drive;
}

/** File-system failures on the drive as typed errors the UI can explain (full, write-protected, gone). */
async function asDriveError<T>(root: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DriveError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new DriveError('insufficient-space', 'the drive is full', root);
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
      throw new DriveError('drive-not-writable', `the drive refused the write (${code})`, root);
    }
    if (code === 'ENOENT' || code === 'EIO' || code === 'ENODEV') {
      throw new DriveError('drive-gone', `the drive is not reachable (${code})`, root);
    }
    throw error;
  }
}

function throwIfAborted(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new DriveError('aborted', 'copy cancelled');
}

async function sha256OfFile(
  path: string,
  onChunk: (bytes: number) => void,
  signal: CancelSignal | undefined,
): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    throwIfAborted(signal);
    hash.update(chunk as Buffer);
    onChunk((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

/** Other `.ppkg` files in a drive's root (names), sorted; OOBE would ask which one to apply. */
export async function findOtherPackages(root: string, keep: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter(
      (entry) =>
        entry.isFile() &&
        PACKAGE_EXTENSION.test(entry.name) &&
        entry.name.toLowerCase() !== keep.toLowerCase(),
    )
    .map((entry) => entry.name)
    .sort();
}

/**
 * Copies a package to the root of a removable drive (where OOBE looks for it): through a temp file +
 * rename, fsync'd, then read back and compared by SHA-256 with the source. The target must be the mount
 * point of a writable drive from the drive listing.
 *
 * The read-back can be served from the OS page cache rather than the medium; the fsync before it is what
 * makes the bytes reach the stick, and the hash comparison catches a bad copy or a full/failing FAT.
 */
export async function copyPackageToDrive(
  request: CopyToDriveRequest,
  options: CopyToDriveOptions = {},
): Promise<CopyToDriveResult> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const drive = await findTargetDrive(request.mountPoint, options);
  const root = drive.mountPoint ?? request.mountPoint;
  const fileName = basename(request.sourcePath);
  if (!PACKAGE_EXTENSION.test(fileName))
    throw new DriveError('bad-source', 'the package must be a .ppkg file', fileName);

  let size: number;
  try {
    const info = await stat(request.sourcePath);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch (error) {
    throw new DriveError(
      'bad-source',
      `cannot read the package (${(error as Error).message})`,
      request.sourcePath,
    );
  }
  if (drive.freeBytes !== null && drive.freeBytes < size) {
    throw new DriveError('insufficient-space', `${size} bytes needed, ${drive.freeBytes} free`, root);
  }

  const targetPath = join(root, fileName);
  const sourceHash = createHash('sha256');
  let copied = 0;
  await asDriveError(
    root,
    writeFileAtomic(targetPath, async (handle) => {
      const source = await open(request.sourcePath, 'r');
      try {
        const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        for (;;) {
          throwIfAborted(signal);
          const { bytesRead } = await source.read(buffer, 0, CHUNK_BYTES, copied);
          if (bytesRead === 0) break;
          const chunk = buffer.subarray(0, bytesRead);
          sourceHash.update(chunk);
          await handle.write(chunk);
          copied += bytesRead;
          onProgress?.({ phase: 'copy', bytesDone: copied, bytesTotal: size });
        }
      } finally {
        await source.close();
      }
    }),
  );
  await syncDirectory(root);

  const expected = sourceHash.digest('hex');
  let verified = 0;
  try {
    const actual = await sha256OfFile(
      targetPath,
      (bytes) => {
        verified += bytes;
        onProgress?.({ phase: 'verify', bytesDone: verified, bytesTotal: copied });
      },
      signal,
    );
    if (actual !== expected || verified !== copied) {
      throw new DriveError('verify-mismatch', 'the copy on the drive differs from the package', targetPath);
    }
  } catch (error) {
    // A copy that is not known to be good must not stay where OOBE would pick it up.
    await rm(targetPath, { force: true });
    throw error;
  }
  return {
    targetPath,
    sha256: expected,
    bytes: copied,
    otherPackages: await findOtherPackages(root, fileName),
  };
}

/** Makes the rename durable: on POSIX a directory's entries reach the disk only when the directory is synced. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return; // Windows cannot open a directory as a file; FlushFileBuffers covers it.
  const handle = await open(directory, 'r');
  try {
    await handle.sync().catch(() => undefined); // Some FUSE/exFAT drivers refuse fsync on a directory.
  } finally {
    await handle.close();
  }
}

/**
 * Deletes every `.ppkg` in a removable drive's root except `keep` (a file name), so OOBE finds one package.
 * Returns the removed names. `root` must be a listed writable drive's mount point.
 */
export async function removeOtherPackages(
  root: string,
  keep: string,
  options: DriveOperationOptions = {},
): Promise<string[]> {
  if (basename(keep) !== keep || keep === '')
    throw new DriveError('bad-source', 'keep must be a file name', keep);
  const drive = await findTargetDrive(root, options);
  const mountPoint = drive.mountPoint ?? root;
  const others = await findOtherPackages(mountPoint, keep);
  for (const name of others) await rm(join(mountPoint, name), { force: true });
  return others;
}
