import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBytesAtomic, writeFileAtomic } from '../../shared/node/atomic-write';

describe('writeFileAtomic', () => {
  it('replaces the target only when the write succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ppkg-atomic-'));
    const target = join(dir, 'out.bin');
    await writeFile(target, 'previous');
    await expect(
      writeFileAtomic(target, async (h) => {
        await h.writeFile('partial');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['out.bin']);
    await writeBytesAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });
});
