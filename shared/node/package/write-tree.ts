import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  commitTemp,
  makeTempDirBeside,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  removeTemp,
} from '../atomic-write';
import { fileBackedAsset } from '../file-backed-assets';
import type { PackageFile } from '../../compiler/compile';

/** The `compile` output folder already exists and holds files. */
export class OutputExistsError extends Error {
  override readonly name = 'OutputExistsError';
}

/**
 * Writes the compiled tree into `targetDir` as a whole: the files go to a hidden sibling folder first,
 * which is renamed into place only once everything is written, so a failure leaves nothing behind.
 * An existing empty `targetDir` is replaced; a non-empty one is refused.
 */
export async function writePackageTree(files: readonly PackageFile[], targetDir: string): Promise<void> {
  const existing = await stat(targetDir).catch(() => undefined);
  if (existing) {
    if (!existing.isDirectory() || (await readdir(targetDir)).length > 0)
      throw new OutputExistsError(`output ${targetDir} already exists and is not an empty folder`);
  }
  // Private (0700 / 0600): the provxml files hold passwords and keys in plain text.
  const staging = await makeTempDirBeside(targetDir);
  try {
    for (const file of files) {
      const target = join(staging, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      const onDisk = fileBackedAsset(file.bytes);
      if (onDisk) await copyFile(onDisk.path, target);
      else await writeFile(target, file.bytes, { mode: PRIVATE_FILE_MODE });
    }
    if (existing) await rm(targetDir, { recursive: true });
    await commitTemp(staging, targetDir);
  } catch (error) {
    await removeTemp(staging);
    throw error;
  }
}
