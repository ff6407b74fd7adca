import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encryptedSize,
  NotAPackageError,
  withPlainPackage,
} from '../../shared/node/package-security/encryption';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-encryption-shape-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a file that is neither a WIM nor shaped like an encrypted package', () => {
  it('is read as a package, so the reader names the byte offset instead of asking for a password', async () => {
    const path = join(work, 'corrupt.ppkg');
    await writeFile(path, Buffer.alloc(12_345, 7)); // 12,345 does not fit 16 + 160·n + 32
    const seen: boolean[] = [];
    const outcome = withPlainPackage(path, undefined, async (plainPath, encrypted) => {
      seen.push(encrypted);
      const wim = await openWimFile(plainPath);
      await wim.close();
    });
    await expect(outcome).rejects.toThrow(/byte offset 0/);
    expect(seen).toEqual([false]);
  });

  it('still asks for a password when the size fits the encrypted layout', async () => {
    const path = join(work, 'maybe-encrypted.ppkg');
    await writeFile(path, Buffer.alloc(encryptedSize(300), 7));
    await expect(withPlainPackage(path, undefined, () => Promise.resolve())).rejects.toThrow(
      NotAPackageError,
    );
    await expect(withPlainPackage(path, undefined, () => Promise.resolve())).rejects.toThrow(/password/);
  });
});
