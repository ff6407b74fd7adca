import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileHandle } from 'node:fs/promises';

/**
 * Writes a file through a temporary sibling and renames it into place, so a failed or cancelled write
 * never leaves a half-written output or destroys the previous file.
 */
export async function writeFileAtomic(
  target: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await write(handle);
    await handle.sync();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

export async function writeBytesAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  await writeFileAtomic(target, async (handle) => {
    await handle.writeFile(bytes);
  });
}
