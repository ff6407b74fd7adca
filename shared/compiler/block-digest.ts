/**
 * The part SHA-1 and SHA-256 share (FIPS 180-4 §5): the message is fed in 64-byte blocks, padded with 0x80, zeros
 * and its bit length as a 64-bit big-endian number, and the digest is the final state as big-endian words.
 * sha1.ts and sha256.ts supply only the initial state and the compression of one block.
 */
export type CompressBlock = (state: Int32Array, words: Int32Array, bytes: Uint8Array, offset: number) => void;

export function blockDigest(
  data: Uint8Array,
  initialState: readonly number[],
  scheduleLength: number,
  compress: CompressBlock,
): Uint8Array {
  const state = new Int32Array(initialState);
  const words = new Int32Array(scheduleLength);
  const fullBlocks = data.length >>> 6;
  for (let block = 0; block < fullBlocks; block++) compress(state, words, data, block * 64);

  const rest = data.length - fullBlocks * 64;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(fullBlocks * 64));
  tail[rest] = 0x80;
  const view = new DataView(tail.buffer);
  const bitLength = data.length * 8;
  view.setUint32(tail.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(tail.length - 4, bitLength >>> 0);
  for (let offset = 0; offset < tail.length; offset += 64) compress(state, words, tail, offset);

  const out = new Uint8Array(state.length * 4);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < state.length; i++) outView.setUint32(i * 4, (state[i] ?? 0) >>> 0);
  return out;
}

/** Loads the block at `offset` into words[0..15] as big-endian 32-bit words. */
export function loadBlockWords(words: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + i * 4;
    words[i] =
      ((bytes[p] ?? 0) << 24) |
      ((bytes[p + 1] ?? 0) << 16) |
      ((bytes[p + 2] ?? 0) << 8) |
      (bytes[p + 3] ?? 0);
  }
}
