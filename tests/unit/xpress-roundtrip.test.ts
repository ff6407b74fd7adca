/**
 * Property tests: compress → decompress returns the input for arbitrary and structured chunks, and every
 * stream we write satisfies 7-Zip's strict end-of-data and exact-length rules (spec §8.7).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xpressCompress, xpressCompressIfSmaller, xpressDecompress } from '../../shared/wim/xpress';

/** Index of the first byte where compress → strict decompress differs from the input, or -1. */
function roundTripMismatch(input: Uint8Array): number {
  const output = xpressDecompress(xpressCompress(input), input.length, { strict: true });
  if (output.length !== input.length) return Math.min(output.length, input.length);
  for (let i = 0; i < input.length; i++) if (output[i] !== input[i]) return i;
  return -1;
}

/** Deterministic filler so structured cases can contain incompressible stretches. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

type Segment =
  | { kind: 'literals'; length: number; seed: number }
  | { kind: 'run'; byte: number; length: number }
  | { kind: 'repeat'; distance: number; length: number };

/** Appends segments until the chunk limit; a repeat copies from `distance` back (clamped to what exists). */
function buildChunk(segments: Segment[], limit: number): Uint8Array {
  const out = new Uint8Array(limit);
  let size = 0;
  for (const segment of segments) {
    if (size >= limit) break;
    const length = Math.min(segment.length, limit - size);
    if (segment.kind === 'literals') {
      out.set(pseudoRandomBytes(length, segment.seed), size);
    } else if (segment.kind === 'run') {
      out.fill(segment.byte, size, size + length);
    } else {
      if (size === 0) continue;
      const distance = Math.min(segment.distance, size);
      for (let i = 0; i < length; i++) out[size + i] = out[size + i - distance]!;
    }
    size += length;
  }
  return out.slice(0, size);
}

const segmentArbitrary: fc.Arbitrary<Segment> = fc.oneof(
  fc.record({
    kind: fc.constant('literals' as const),
    length: fc.integer({ min: 1, max: 9000 }),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
  }),
  fc.record({
    kind: fc.constant('run' as const),
    byte: fc.integer({ min: 0, max: 255 }),
    length: fc.oneof(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 265, max: 300 }),
      fc.integer({ min: 1, max: 70000 }),
    ),
  }),
  fc.record({
    kind: fc.constant('repeat' as const),
    distance: fc.oneof(
      fc.integer({ min: 1, max: 16 }),
      fc.integer({ min: 17, max: 8192 }),
      fc.integer({ min: 8193, max: 32768 }),
      fc.integer({ min: 65000, max: 65535 }),
    ),
    length: fc.oneof(
      fc.integer({ min: 3, max: 17 }),
      fc.integer({ min: 18, max: 272 }),
      fc.integer({ min: 273, max: 5000 }),
    ),
  }),
);

describe('XPRESS compress → decompress round trip', () => {
  it('arbitrary byte arrays (0…4096 bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (input) => {
        expect(roundTripMismatch(input)).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('structured 32 KiB and 64 KiB chunks: runs, repeats at near and far distances, long matches', () => {
    fc.assert(
      fc.property(
        fc.array(segmentArbitrary, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(32768, 65536),
        (segments, limit) => {
          const input = buildChunk(segments, limit);
          expect(roundTripMismatch(input)).toBe(-1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('edge sizes: empty, 1…5 bytes, one-byte runs up to 65536, full random chunks', () => {
    const inputs = [
      new Uint8Array(0),
      Uint8Array.of(7),
      Uint8Array.of(1, 2),
      Uint8Array.of(0, 0, 0),
      Uint8Array.of(9, 9, 9, 9),
      Uint8Array.of(1, 2, 3, 4, 5),
      new Uint8Array(65536),
      new Uint8Array(65536).fill(0xff),
      new Uint8Array(32768).fill(0x41),
      pseudoRandomBytes(32768, 1),
      pseudoRandomBytes(65536, 2),
    ];
    for (const input of inputs) expect(roundTripMismatch(input)).toBe(-1);
  });

  it('round-trips a chunk whose stream is exactly as long as the chunk (found by fast-check)', () => {
    const input = new Uint8Array(8343 + 286);
    input.set(pseudoRandomBytes(8343, 786003087));
    input.fill(98, 8343);
    expect(xpressCompress(input).length).toBe(input.length);
    expect(roundTripMismatch(input)).toBe(-1);
  });

  it('uses a match at offset 64535 (k = 15 offset bits) instead of re-sending 1000 bytes', () => {
    const block = pseudoRandomBytes(1000, 42);
    const withFarRepeat = new Uint8Array(65535);
    withFarRepeat.set(block, 0);
    withFarRepeat.set(pseudoRandomBytes(63535, 7), 1000);
    withFarRepeat.set(block, 64535);
    const withoutRepeat = withFarRepeat.slice();
    withoutRepeat.set(pseudoRandomBytes(1000, 99), 64535);
    const far = xpressCompress(withFarRepeat);
    const none = xpressCompress(withoutRepeat);
    expect(none.length - far.length).toBeGreaterThan(950);
    expect(roundTripMismatch(withFarRepeat)).toBe(-1);
  });

  it('compresses a one-byte run of 65536 to the minimal literal + one-match stream', () => {
    // Literal, one match (u16 extended length) and EOD: 3 symbols, a handful of bits → 2 words, 3 raw bytes.
    const stream = xpressCompress(new Uint8Array(65536));
    expect(stream.length).toBe(256 + 4 + 3);
  });

  it('stays correct across many chunks (hash tables are reused and cleared every 255 chunks)', () => {
    // Consecutive chunks share content, so stale entries from earlier chunks would be tempting matches.
    const text = new TextEncoder().encode(
      Array.from(
        { length: 3000 },
        (_, i) => `<Setting Name="S${i % 97}">${(i * 31) % 1000}</Setting>\n`,
      ).join(''),
    );
    let failures = 0;
    for (let chunkIndex = 0; chunkIndex < 600; chunkIndex++) {
      const size = chunkIndex % 3 === 0 ? 65536 : 4096 + ((chunkIndex * 977) % 28672);
      const start = (chunkIndex * 1237) % (text.length - size);
      const input = text.slice(start, start + size);
      input[chunkIndex % size]! ^= 0x55; // every chunk differs a little from the others
      if (roundTripMismatch(input) !== -1) failures++;
    }
    expect(failures).toBe(0);
  });

  it('rejects chunks over 64 KiB', () => {
    expect(() => xpressCompress(new Uint8Array(65537))).toThrow(RangeError);
  });
});

describe('xpressCompressIfSmaller', () => {
  it('knows the exact stream size before writing it (null at the size, the stream one byte above)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          fc.array(segmentArbitrary, { minLength: 1, maxLength: 12 }).map((s) => buildChunk(s, 32768)),
        ),
        (input) => {
          const stream = xpressCompress(input);
          expect(xpressCompressIfSmaller(input, stream.length)).toBeNull();
          const again = xpressCompressIfSmaller(input, stream.length + 1);
          expect(again && Buffer.compare(again, stream)).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('defaults the limit to the chunk size: incompressible chunks give null', () => {
    expect(xpressCompressIfSmaller(pseudoRandomBytes(32768, 5))).toBeNull();
    expect(xpressCompressIfSmaller(new Uint8Array(32768))?.length).toBe(256 + 4 + 3);
  });
});
