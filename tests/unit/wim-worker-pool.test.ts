import { describe, expect, it } from 'vitest';
import { xpressCompress } from '../../shared/wim/xpress';
import { createChunkCompressor } from '../../shared/node/wim/worker-pool';

describe('chunk compressor pool', () => {
  it('starts real workers from TS source and returns what the codec returns in-thread', async () => {
    const pool = await createChunkCompressor({ workerCount: 2 });
    try {
      expect(pool.mode).toBe('workers');
      const text = new TextEncoder()
        .encode('The quick brown fox jumps over the lazy dog. '.repeat(700))
        .subarray(0, 32768);
      const random = Uint8Array.from({ length: 32768 }, (_, i) => (i * 2654435761) >>> 24);
      const [compressedText, compressedRandom] = await Promise.all([
        pool.compress(text),
        pool.compress(random),
      ]);
      expect(compressedText).toEqual(xpressCompress(text));
      const inThreadRandom = xpressCompress(random);
      expect(compressedRandom).toEqual(inThreadRandom.length < random.length ? inThreadRandom : null);
    } finally {
      await pool.close();
    }
  });
});
