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
        .encode('The quick brown fox jumps over the lazy dog. '.repeat(700))
        .subarray(0, 32768);
      const random = new Uint8Array(randomBytes(32768));
      expect(chunkEncoderName()).toBe('wasm');
      const expectedText = compressChunkOrNull(text);
      const inThreadRandom = xpressCompress(random);
      // The pool takes ownership of what it is given: hand it copies.
      const [storedText, storedRandom] = await Promise.all([
        pool.compress(text.slice()),
        pool.compress(random.slice()),
      ]);
      expect(storedText).toEqual({ bytes: expectedText, compressed: true });
      expect(inThreadRandom.length).toBeGreaterThanOrEqual(random.length);
      expect(storedRandom).toEqual({ bytes: random, compressed: false });
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
    await expect(pool.compress(new Uint8Array(32768))).rejects.toThrow(/exited/);
    await pool.close();
  });
});
