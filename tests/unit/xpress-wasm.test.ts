/**
 * The WebAssembly encoder against the TypeScript reference: both must produce streams that decode (strictly,
 * 7-Zip's rules) to the input, for 10,000 small random inputs and for full chunks; its size limit must be
 * exact; and it must compress about as well.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWasmXpressEncoder } from '../../shared/node/wim/xpress-wasm';
import { xpressCompress, xpressDecompress } from '../../shared/wim/xpress';

const wasm = createWasmXpressEncoder();
const wasmCompress = (input: Uint8Array): Uint8Array => wasm.compress(input, Infinity)!.slice();

function decodesTo(stream: Uint8Array, input: Uint8Array): boolean {
  try {
    return Buffer.compare(xpressDecompress(stream, input.length, { strict: true }), input) === 0;
  } catch {
    return false;
  }
}

/** Small inputs of several shapes: random bytes, a few-symbol alphabet (many matches), and runs. */
const smallInput = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.integer({ min: 97, max: 100 }), { maxLength: 600 }).map((a) => Uint8Array.from(a)),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 300 })), { maxLength: 12 })
    .map((runs) => Uint8Array.from(runs.flatMap(([byte, length]) => Array<number>(length).fill(byte)))),
);

describe('wasm XPRESS encoder', () => {
  it('agrees with the TypeScript encoder on decodability for 10,000 random inputs', () => {
    fc.assert(
      fc.property(smallInput, (input) => {
        const fromWasm = wasmCompress(input);
        const fromTs = xpressCompress(input);
        expect(decodesTo(fromWasm, input)).toBe(true);
        expect(decodesTo(fromTs, input)).toBe(true);
      }),
      { numRuns: 10_000, seed: 12 },
    );
  });

  it('round-trips full 32 KiB and 64 KiB chunks of code, text, runs and noise, across many calls', () => {
    const binary = readFileSync(process.execPath).subarray(1 << 20, (1 << 20) + 40 * 32768);
    const text = new TextEncoder().encode(
      Array.from(
        { length: 30000 },
        (_, i) => `<Setting Name="S${i % 97}">${(i * 31) % 1000}</Setting>\n`,
      ).join(''),
    );
    let failures = 0;
    let chunks = 0;
    for (const source of [binary, text]) {
      for (let at = 0; at + 65536 <= source.length; at += 20000, chunks++) {
        const input = source.subarray(at, at + (chunks % 2 === 0 ? 32768 : 65536));
        if (!decodesTo(wasmCompress(input), input)) failures++;
      }
    }
    const edge = [
      new Uint8Array(0),
      Uint8Array.of(7),
      Uint8Array.of(1, 2, 3, 4),
      new Uint8Array(65536),
      new Uint8Array(65536).fill(0xff),
      Uint8Array.from({ length: 65536 }, (_, i) => (i * 2654435761) >>> 24),
    ];
    for (const input of edge) if (!decodesTo(wasmCompress(input), input)) failures++;
    expect(chunks).toBeGreaterThan(50);
    expect(failures).toBe(0);
  });

  it('knows the exact stream size: null at the size, the same stream one byte above', () => {
    fc.assert(
      fc.property(fc.oneof(smallInput, fc.uint8Array({ minLength: 1000, maxLength: 40000 })), (input) => {
        const stream = wasmCompress(input);
        expect(wasm.compress(input, stream.length)).toBeNull();
        expect(Buffer.compare(wasm.compress(input, stream.length + 1)!, stream)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('stores noise raw (null at the chunk size) and compresses a zero chunk to literal + one match', () => {
    let state = 2463534242;
    const noise = Uint8Array.from({ length: 32768 }, () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    });
    expect(wasm.compress(noise)).toBeNull();
    expect(wasm.compress(new Uint8Array(32768))?.length).toBe(256 + 4 + 3);
  });

  it('compresses code and text no worse than 0.5 % above the TypeScript encoder', () => {
    const binary = readFileSync(process.execPath).subarray(1 << 20, (1 << 20) + 64 * 32768);
    let wasmTotal = 0;
    let tsTotal = 0;
    for (let at = 0; at < binary.length; at += 32768) {
      const input = binary.subarray(at, at + 32768);
      wasmTotal += Math.min(input.length, wasmCompress(input).length);
      tsTotal += Math.min(input.length, xpressCompress(input).length);
    }
    expect(wasmTotal / tsTotal).toBeLessThan(1.005);
  });

  it('rejects chunks over 64 KiB', () => {
    expect(() => wasm.compress(new Uint8Array(65537))).toThrow(RangeError);
  });
});
