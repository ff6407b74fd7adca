import { xpressCompress } from './xpress-codec';

/**
 * Compresses one chunk; returns null when the result is not smaller, in which case the chunk is stored raw
 * (wim-format.md §3.2: a compressed chunk must be strictly smaller than its uncompressed size).
 */
export function compressChunkOrNull(chunk: Uint8Array): Uint8Array | null {
  const compressed = xpressCompress(chunk);
  return compressed.length < chunk.length ? compressed : null;
}
