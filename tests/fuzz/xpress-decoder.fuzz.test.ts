/**
 * Decoder robustness: random mutations of valid streams and random streams with valid (complete) codes.
 * The decoder may only return exactly `outputSize` bytes or throw WimFormatError, and must finish each input
 * quickly — its work is bounded by the output size by construction.
 *
 * Iterations: PPKG_FUZZ_ITERATIONS (default 10000). Seed: PPKG_FUZZ_SEED (default fixed, printed on failure).
 */
import { describe, expect, it } from 'vitest';
import { WimFormatError } from '../../shared/wim/errors';
import { xpressCompress, xpressDecompress } from '../../shared/wim/xpress';

const iterations = Number(process.env['PPKG_FUZZ_ITERATIONS'] ?? 10000);
const seed = Number(process.env['PPKG_FUZZ_SEED'] ?? 0x5eed1234);

/** xorshift32: reproducible from the seed. */
function makeRandom(initial: number): (bound: number) => number {
  let state = initial >>> 0 || 1;
  return (bound: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % bound;
  };
}

function seedCorpus(random: (bound: number) => number): Array<{ stream: Uint8Array; size: number }> {
  const text = new TextEncoder().encode(
    'The quick brown fox jumps over the lazy dog. <Settings><Setting Name="x">1</Setting></Settings>\n'.repeat(
      60,
    ),
  );
  const noise = Uint8Array.from({ length: 3000 }, () => random(256));
  const mixed = new Uint8Array(32768);
  for (let i = 0; i < mixed.length; i++) mixed[i] = i % 700 < 350 ? (i * 7) & 0xff : random(4);
  const inputs = [text, noise, mixed, new Uint8Array(20000), new TextEncoder().encode('abc'.repeat(200))];
  return inputs.map((input) => ({ stream: xpressCompress(input), size: input.length }));
}

/** A random complete code: random lengths repaired by the same Kraft bookkeeping a real table needs. */
function randomCompleteTable(random: (bound: number) => number): Uint8Array {
  const lengths = new Uint8Array(512);
  const used = 2 + random(300);
  let kraft = 0;
  const full = 1 << 15;
  for (let n = 0; n < used && kraft < full; n++) {
    const symbol = random(512);
    if (lengths[symbol] !== 0) continue;
    let length = 1 + random(15);
    while (kraft + (1 << (15 - length)) > full) length++;
    lengths[symbol] = length;
    kraft += 1 << (15 - length);
  }
  // Fill the remaining Kraft space with 15-bit codes on unused symbols, if enough remain.
  for (let symbol = 0; symbol < 512 && kraft < full; symbol++) {
    if (lengths[symbol] === 0) {
      let length = 1;
      while (kraft + (1 << (15 - length)) > full) length++;
      lengths[symbol] = length;
      kraft += 1 << (15 - length);
    }
  }
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = lengths[2 * i]! | (lengths[2 * i + 1]! << 4);
  return table;
}

function mutate(source: Uint8Array, random: (bound: number) => number): Uint8Array {
  let bytes = source.slice();
  const edits = 1 + random(8);
  for (let e = 0; e < edits; e++) {
    switch (random(6)) {
      case 0: // flip a bit anywhere
        bytes[random(bytes.length)]! ^= 1 << random(8);
        break;
      case 1: // overwrite a bitstream byte
        bytes[256 + random(Math.max(1, bytes.length - 256))] = random(256);
        break;
      case 2: // corrupt a code length (usually breaks completeness)
        bytes[random(256)] = random(256);
        break;
      case 3: // truncate
        bytes = bytes.slice(0, random(bytes.length + 1));
        break;
      case 4: // append garbage
        bytes = Uint8Array.from([...bytes, ...Array.from({ length: 1 + random(8) }, () => random(256))]);
        break;
      default: // duplicate a slice of the stream onto itself
        if (bytes.length > 300) {
          const from = 256 + random(bytes.length - 256);
          bytes.copyWithin(256 + random(bytes.length - 256), from, from + 1 + random(64));
        }
    }
  }
  return bytes;
}

describe('XPRESS decoder fuzz', () => {
  it(`only ever returns outputSize bytes or throws WimFormatError (${iterations} inputs, seed ${seed})`, () => {
    const random = makeRandom(seed);
    const corpus = seedCorpus(random);
    const outcomes = { decoded: 0, rejected: 0 };
    let slowest = 0;
    for (let i = 0; i < iterations; i++) {
      let stream: Uint8Array;
      let size: number;
      const choice = random(10);
      if (choice < 6) {
        const base = corpus[random(corpus.length)]!;
        stream = mutate(base.stream, random);
        size = random(4) === 0 ? random(65537) : base.size;
      } else if (choice < 9) {
        // A valid complete code followed by random bits: decoding goes deep instead of failing on the table.
        const body = Uint8Array.from({ length: 4 + random(3000) }, () => random(256));
        stream = new Uint8Array(256 + body.length);
        stream.set(randomCompleteTable(random), 0);
        stream.set(body, 256);
        size = random(3) === 0 ? random(65537) : random(8192);
      } else {
        stream = Uint8Array.from({ length: random(600) }, () => random(256));
        size = random(65537);
      }
      const strict = random(2) === 0;
      const started = performance.now();
      try {
        const output = xpressDecompress(stream, size, { strict });
        expect(output.length, `iteration ${i}`).toBe(size);
        outcomes.decoded++;
      } catch (error) {
        if (!(error instanceof WimFormatError)) {
          throw new Error(`iteration ${i} (seed ${seed}) threw ${String(error)}`, { cause: error });
        }
        expect(['xpress', 'huffman table']).toContain(error.structure);
        outcomes.rejected++;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(outcomes.decoded + outcomes.rejected).toBe(iterations);
    // Both outcomes must actually occur, or the fuzzer is not exercising the decoder.
    expect(outcomes.decoded).toBeGreaterThan(iterations / 100);
    expect(outcomes.rejected).toBeGreaterThan(iterations / 100);
    // Generous bound (shared 2-core CI machine): a 64 KiB decode takes well under a millisecond.
    expect(slowest).toBeLessThan(1000);
  });
});
