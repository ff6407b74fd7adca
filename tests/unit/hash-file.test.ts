import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile, sha256HexOfFile } from '../../shared/node/hash-file';

const dir = mkdtempSync(join(tmpdir(), 'ppkg-hash-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digest = (algorithm: string, bytes: Uint8Array) =>
  new Uint8Array(createHash(algorithm).update(bytes).digest());

describe('hashFile', () => {
  // Sizes around the 1 MiB read: none, less than one read, exactly one, one and a bit, several.
  it.each([0, 1000, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12345])(
    'digests a file of %i bytes in one pass',
    async (size) => {
      const bytes = randomBytes(size);
      const path = join(dir, `file-${size}.bin`);
      writeFileSync(path, bytes);
      const digests = await hashFile(path, ['sha256', 'sha1']);
      expect(digests.size).toBe(size);
      expect(digests.sha256).toEqual(digest('sha256', bytes));
      expect(digests.sha1).toEqual(digest('sha1', bytes));
      expect(await sha256HexOfFile(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
    },
  );

  it('fails on a missing file, naming it', async () => {
    await expect(hashFile(join(dir, 'missing.bin'), ['sha1'])).rejects.toThrow(/missing\.bin/);
  });
});
