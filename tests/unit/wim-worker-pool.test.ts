import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { xpressCompress } from '../../shared/wim/xpress';
import { chunkEncoderName, compressChunkOrNull } from '../../shared/node/wim/chunk-compression';
import { createChunkCompressor } from '../../shared/node/wim/worker-pool';

describe('chunk compressor pool', () => {
  it('starts real workers from TS source and returns what the codec returns in-thread', async () => {
    const pool = await createChunkCompressor({ workerCount: 2 });
    try {
      expect(pool.mode).toBe('workers');
      const text = new TextEncoder()
        .encode('The quick brown fox jumps over the lazy dog. '.repeat(800))
        .subarray(0, 32768);
      const random = new Uint8Array(randomBytes(32768));
      expect(chunkEncoderName()).toBe('wasm');
      const expectedText = compressChunkOrNull(text)!;
      expect(expectedText.length).toBeLessThan(text.length);
      const inThreadRandom = xpressCompress(random);
      expect(inThreadRandom.length).toBeGreaterThanOrEqual(random.length);
      // Blocks of several chunks, the last one short: each chunk is packed behind the one before it, the
      // raw ones as they were. The pool takes ownership of what it is given: hand it copies.
      const shortText = text.subarray(0, 1000);
      const expectedShort = compressChunkOrNull(shortText)!;
      const [first, second] = await Promise.all([
        pool.compressBlock(Buffer.concat([random, text, random, shortText])),
        pool.compressBlock(Buffer.concat([text, text])),
      ]);
      expect(first.storedSizes).toEqual([32768, expectedText.length, 32768, expectedShort.length]);
      expect(Buffer.from(first.bytes)).toEqual(Buffer.concat([random, expectedText, random, expectedShort]));
      expect(second.storedSizes).toEqual([expectedText.length, expectedText.length]);
      expect(Buffer.from(second.bytes)).toEqual(Buffer.concat([expectedText, expectedText]));
      // A view into a larger Buffer is copied before it goes (Buffer#slice would hand over the whole buffer).
      const view = await pool.compressBlock(Buffer.concat([random, text]).subarray(32768));
      expect(view.storedSizes).toEqual([expectedText.length]);
      expect(Buffer.from(view.bytes)).toEqual(Buffer.from(expectedText));
    } finally {
      await pool.close();
    }
  });
});

describe('chunk compressor pool failures', () => {
  it('rejects pending and later requests once a worker dies, instead of hanging', async () => {
    const pool = await createChunkCompressor({ workerCount: 1 });
    expect(pool.mode).toBe('workers');
    const workers = (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers;
    await workers[0]?.terminate();
    await expect(pool.compressBlock(new Uint8Array(32768))).rejects.toThrow(/exited/);
    await pool.close();
  });
});
