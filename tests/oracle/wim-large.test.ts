import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { writeWim } from '../../shared/node/wim/wim-writer';
import { sevenZipTest, wimlibVerify } from '../support/oracles';

/**
 * A resource of ≥ 4 GiB needs 8-byte chunk-table entries (docs/format/wim-format.md §3.2), which the spec never exercised.
 * Slow (minutes, ~40 MB of output), so it runs only with PPKG_WIM_LARGE=1.
 */
const SIZE = 2 ** 32 + 3 * 32_768 + 123;

describe.skipIf(process.env.PPKG_WIM_LARGE !== '1')('WIM with a file over 4 GiB', () => {
  it('uses 8-byte chunk-table entries that wimlib, 7-Zip and our reader accept', async () => {
    const work = await mkdtemp(join(tmpdir(), 'wim-large-'));
    try {
      const wim = join(work, 'large.wim');
      const block = new Uint8Array(1 << 20);
      for (let i = 0; i < block.length; i++) block[i] = i % 251 === 0 ? i & 0xff : 0;
      await writeWim(wim, {
        entries: [
          {
            kind: 'file',
            name: 'large.bin',
            content: {
              async *stream() {
                for (let at = 0; at < SIZE; at += block.length)
                  yield block.subarray(0, Math.min(block.length, SIZE - at));
              },
            },
          },
        ],
      });
      const reader = await openWimFile(wim);
      try {
        const blob = [...reader.container.blobTable.blobs.values()][0];
        expect(blob?.resource.originalSize).toBe(SIZE);
        expect(blob?.resource.flags).toBe(4);
        let total = 0;
        for await (const piece of reader.stream(reader.entries[0] ?? expect.unreachable()))
          total += piece.length;
        expect(total).toBe(SIZE);
      } finally {
        await reader.close();
      }
      const verify = await wimlibVerify(wim);
      expect(verify.problems).toEqual([]);
      expect(verify.ok).toBe(true);
      expect((await sevenZipTest(wim)).ok).toBe(true);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 1_800_000);
});
