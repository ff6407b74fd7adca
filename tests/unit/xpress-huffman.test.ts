/**
 * The length-limited canonical Huffman builder (spec §8.3, §8.4): every code is complete, within 15 bits,
 * optimal when the limit does not bind (cost checked against an independent priority-queue Huffman), and
 * canonical codewords follow (length, symbol) order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HuffmanCodeBuilder, assignCanonicalCodewords } from '../../shared/wim/xpress/huffman-code';

const kraftSum = (lengths: Uint8Array): number =>
  lengths.reduce((sum, length) => sum + (length ? 2 ** (15 - length) : 0), 0);

/** Optimal prefix-code cost = sum of all merged weights (textbook Huffman, sorted-array queue). */
function referenceHuffmanCost(frequencies: number[]): number {
  const queue = frequencies.filter((f) => f > 0).sort((a, b) => a - b);
  let cost = 0;
  while (queue.length > 1) {
    const merged = queue.shift()! + queue.shift()!;
    cost += merged;
    const at = queue.findIndex((w) => w > merged);
    queue.splice(at === -1 ? queue.length : at, 0, merged);
  }
  return cost;
}

function build(frequencies: number[]): Uint8Array {
  const lengths = new Uint8Array(512);
  new HuffmanCodeBuilder().buildLengths(frequencies, 512, 15, lengths);
  return lengths;
}

describe('HuffmanCodeBuilder', () => {
  it('is optimal and complete when 15 bits suffice', () => {
    fc.assert(
      // Frequencies within a factor 5 of each other keep an unlimited tree far below 15 levels.
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 5000 })), {
          minLength: 512,
          maxLength: 512,
        }),
        (frequencies) => {
          const used = frequencies.filter((f) => f > 0).length;
          fc.pre(used >= 2);
          const lengths = build(frequencies);
          expect(kraftSum(lengths)).toBe(2 ** 15);
          const cost = frequencies.reduce((sum, f, symbol) => sum + f * lengths[symbol]!, 0);
          expect(cost).toBe(referenceHuffmanCost(frequencies));
          frequencies.forEach((f, symbol) => expect(lengths[symbol] === 0).toBe(f === 0));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays complete within 15 bits, and close to optimal, when the limit binds', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 70000 }), { minLength: 512, maxLength: 512 }), (frequencies) => {
        fc.pre(frequencies.filter((f) => f > 0).length >= 2);
        const lengths = build(frequencies);
        expect(Math.max(...lengths)).toBeLessThanOrEqual(15);
        expect(kraftSum(lengths)).toBe(2 ** 15);
        const cost = frequencies.reduce((sum, f, symbol) => sum + f * lengths[symbol]!, 0);
        const optimal = referenceHuffmanCost(frequencies);
        expect(cost).toBeGreaterThanOrEqual(optimal);
        expect(cost).toBeLessThanOrEqual(optimal * 1.01);
      }),
      { numRuns: 100 },
    );
  });

  it('limits Fibonacci-skewed frequencies (unlimited depth > 15) to 15 bits and stays complete', () => {
    const frequencies = new Array<number>(512).fill(0);
    let [a, b] = [1, 1];
    for (let symbol = 0; symbol < 30; symbol++) {
      frequencies[symbol * 7] = a;
      [a, b] = [b, a + b];
    }
    const lengths = build(frequencies);
    expect(Math.max(...lengths)).toBe(15);
    expect(kraftSum(lengths)).toBe(2 ** 15);
    frequencies.forEach((f, symbol) => expect(lengths[symbol] === 0).toBe(f === 0));
    // More frequent symbols never get longer codewords.
    const used = frequencies.map((f, symbol) => [f, lengths[symbol]!] as const).filter(([f]) => f > 0);
    for (const [f1, l1] of used) for (const [f2, l2] of used) if (f1 > f2) expect(l1).toBeLessThanOrEqual(l2);
  });

  it('gives a lone symbol a partner so the code is complete (§8.3)', () => {
    const frequencies = new Array<number>(512).fill(0);
    frequencies[256] = 1;
    const lengths = build(frequencies);
    expect(lengths[256]).toBe(1);
    expect(kraftSum(lengths)).toBe(2 ** 15);
  });

  it('assigns canonical codewords in (length, symbol) order (§8.4, Example A)', () => {
    const lengths = new Uint8Array(512);
    lengths[97] = 3; // a
    lengths[98] = 3; // b
    lengths[99] = 2; // c
    lengths[256] = 2;
    lengths[287] = 2;
    const codewords = new Uint16Array(512);
    expect(assignCanonicalCodewords(lengths, 512, 15, codewords)).toBe(true);
    // c = 00, 256 = 01, 287 = 10, a = 110, b = 111 (spec §8.8).
    expect([codewords[99], codewords[256], codewords[287], codewords[97], codewords[98]]).toEqual([
      0, 1, 2, 6, 7,
    ]);
    lengths[98] = 0;
    expect(assignCanonicalCodewords(lengths, 512, 15, codewords)).toBe(false);
  });
});
