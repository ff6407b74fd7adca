import { blockDigest, loadBlockWords } from './block-digest';

/**
 * SHA-1 (FIPS 180-4) in pure TypeScript. shared/ has neither Node's crypto nor WebCrypto typings, and the
 * renderer preview needs SettingsGroup GUIDs (uuid v5) and certificate thumbprints synchronously.
 */
const INITIAL_STATE = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

export function sha1(data: Uint8Array): Uint8Array {
  return blockDigest(data, INITIAL_STATE, 80, compress);
}

function compress(state: Int32Array, w: Int32Array, bytes: Uint8Array, offset: number): void {
  loadBlockWords(w, bytes, offset);
  for (let i = 16; i < 80; i++) {
    const x = (w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0);
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 0;
  let e = state[4] ?? 0;
  for (let i = 0; i < 80; i++) {
    let f: number;
    let k: number;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const temp = (((a << 5) | (a >>> 27)) + f + e + k + (w[i] ?? 0)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  state[0] = ((state[0] ?? 0) + a) | 0;
  state[1] = ((state[1] ?? 0) + b) | 0;
  state[2] = ((state[2] ?? 0) + c) | 0;
  state[3] = ((state[3] ?? 0) + d) | 0;
  state[4] = ((state[4] ?? 0) + e) | 0;
}
