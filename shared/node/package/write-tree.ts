import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  const parent = dirname(targetDir);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${basename(targetDir)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    for (const file of files) {
      const target = join(staging, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.bytes);
    }
    if (existing) await rm(targetDir, { recursive: true });
    await rename(staging, targetDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
