import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareWimNames, FileAttributes } from '../../wim/dentry';
import { filetimeFromUnixNs } from '../../wim/filetime';
import { type WimDirectoryInput, type WimEntryInput, WimInputError, type WimTimes } from './wim-writer';

/**
 * Turns a folder into writer input. Children are sorted the way wimlib writes them (docs/format/wim-format.md §5.4:
 * upper-cased UTF-16 code units, ties broken on raw units); WCD's own order is not reproducible from a
 * folder anyway (it lists files before subfolders by insertion, docs/format/ppkg-format.md §2.5) and nothing checks order.
 * Only regular files and folders are captured: symlinks and special files are rejected, because the writer
 * does not produce reparse points.
 */
export async function captureDirectory(
  dir: string,
  /** Called with each file's size as the scan finds it (lets a caller start workers before it ends). */
  onFileFound?: (size: number) => void,
): Promise<WimDirectoryInput> {
  const stats = await lstat(dir, { bigint: true });
  if (!stats.isDirectory()) throw new WimInputError(`${dir} is not a folder`);
  return {
    kind: 'directory',
    name: '',
    children: await captureChildren(dir, onFileFound),
    times: timesOf(stats),
  };
}

function timesOf(stats: { birthtimeNs: bigint; atimeNs: bigint; mtimeNs: bigint }): WimTimes {
  return {
    // Linux may report no birth time (0): use the modification time then.
    creationTime: filetimeFromUnixNs(stats.birthtimeNs > 0n ? stats.birthtimeNs : stats.mtimeNs),
    lastAccessTime: filetimeFromUnixNs(stats.atimeNs),
    lastWriteTime: filetimeFromUnixNs(stats.mtimeNs),
  };
}

async function captureChildren(
  dir: string,
  onFileFound: ((size: number) => void) | undefined,
): Promise<WimEntryInput[]> {
  const names = (await readdir(dir)).sort(compareWimNames);
  const children: WimEntryInput[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const stats = await lstat(path, { bigint: true });
    if (stats.isDirectory()) {
      children.push({
        kind: 'directory',
        name,
        children: await captureChildren(path, onFileFound),
        times: timesOf(stats),
      });
    } else if (stats.isFile()) {
      onFileFound?.(Number(stats.size));
      const readOnly = (stats.mode & 0o222n) === 0n ? FileAttributes.READONLY : 0;
      children.push({
        kind: 'file',
        name,
        content: { path },
        attributes: FileAttributes.ARCHIVE | readOnly,
        times: timesOf(stats),
      });
    } else {
      throw new WimInputError(`${path} is not a regular file or folder (symlinks are not captured)`);
    }
  }
  return children;
}
