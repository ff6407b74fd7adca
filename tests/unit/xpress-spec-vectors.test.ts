/**
 * The worked examples of docs/format/wim-format.md §8.4 ([MS-XCA] §3.2) and §8.8, byte for byte. Every expected byte
 * below is copied from the spec, not produced by our code.
 */
import { describe, expect, it } from 'vitest';
import { WimFormatError } from '../../shared/wim/errors';
import { xpressCompress, xpressDecompress } from '../../shared/wim/xpress';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A 256-byte code-length table that is zero except for the listed bytes. */
function lengthTable(nonZero: Record<number, number>): Uint8Array {
  const table = new Uint8Array(256);
  for (const [index, value] of Object.entries(nonZero)) table[Number(index)] = value;
  return table;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// §8.4: bytes 48…61 and 128 of the [MS-XCA] §3.2 example table, and its bitstream.
const msXcaTable = lengthTable({
  ...Object.fromEntries(
    [0x50, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x45, 0x44, 0x04].map((value, i) => [
      48 + i,
      value,
    ]),
  ),
  128: 0x04,
});
const msXcaStream = Uint8Array.from([
  0xd8, 0x52, 0x3e, 0xd7, 0x94, 0x11, 0x5b, 0xe9, 0x19, 0x5f, 0xf9, 0xd6, 0x7c, 0xdf, 0x8d, 0x04, 0x00, 0x00,
  0x00, 0x00,
]);

// §8.8 Example A: 'abc' × 10.
const exampleATable = lengthTable({ 48: 0x30, 49: 0x23, 128: 0x02, 143: 0x20 });
const exampleAStream = Uint8Array.from([0xa8, 0xdc, 0x00, 0x00, 0x09]);

// §8.8 Example B: 'abc' × 200 as wimlib stored it (also the golden vector's abc.txt blob, §10.2).
const exampleBTable = lengthTable({ 48: 0x20, 49: 0x33, 128: 0x02, 143: 0x20 });
const exampleBStream = Uint8Array.from([0x2a, 0x37, 0x00, 0x00, 0xff, 0x51, 0x02]);

// §8.8 Example C: '0123456789' × 4.
const exampleCTable = lengthTable({ 24: 0x44, 25: 0x44, 26: 0x44, 27: 0x44, 28: 0x33, 128: 0x03, 159: 0x30 });
const exampleCStream = Uint8Array.from([0xab, 0x89, 0xef, 0xcd, 0xa4, 0x05, 0x00, 0x00, 0x0c]);

describe('XPRESS encoder reproduces the spec examples byte for byte', () => {
  it('[MS-XCA] §3.2: the alphabet, literals only', () => {
    const compressed = xpressCompress(ascii('abcdefghijklmnopqrstuvwxyz'));
    expect(compressed.length).toBe(276);
    expect(hex(compressed)).toBe(hex(concat(msXcaTable, msXcaStream)));
  });

  it('Example A: abc × 10 (one extra length byte after the closing word)', () => {
    const compressed = xpressCompress(ascii('abc'.repeat(10)));
    expect(compressed.length).toBe(261);
    expect(hex(compressed)).toBe(hex(concat(exampleATable, exampleAStream)));
  });

  it('Example C: 0123456789 × 4 (raw byte lands after two flushed words)', () => {
    const compressed = xpressCompress(ascii('0123456789'.repeat(4)));
    expect(compressed.length).toBe(265);
    expect(hex(compressed)).toBe(hex(concat(exampleCTable, exampleCStream)));
  });
});

describe('XPRESS decoder reads the spec examples (strict 7-Zip rules included)', () => {
  const cases: Array<[string, Uint8Array, string]> = [
    ['[MS-XCA] §3.2', concat(msXcaTable, msXcaStream), 'abcdefghijklmnopqrstuvwxyz'],
    ['Example A', concat(exampleATable, exampleAStream), 'abc'.repeat(10)],
    [
      'Example B (wimlib output, u16 extended length)',
      concat(exampleBTable, exampleBStream),
      'abc'.repeat(200),
    ],
    ['Example C', concat(exampleCTable, exampleCStream), '0123456789'.repeat(4)],
  ];
  for (const [name, stream, text] of cases) {
    it(name, () => {
      const expected = ascii(text);
      expect(hex(xpressDecompress(stream, expected.length))).toBe(hex(expected));
      expect(hex(xpressDecompress(stream, expected.length, { strict: true }))).toBe(hex(expected));
    });
  }

  it('strict mode rejects what 7-Zip rejects: two trailing bytes, and a missing EOD', () => {
    const withTrailingBytes = concat(exampleBTable, exampleBStream, Uint8Array.from([0, 0]));
    expect(xpressDecompress(withTrailingBytes, 600)).toHaveLength(600); // wimlib accepts it
    expect(() => xpressDecompress(withTrailingBytes, 600, { strict: true })).toThrow(WimFormatError);
    // Asking the literal-only [MS-XCA] stream for 25 bytes: after 'y' comes 'z', not EOD.
    const alphabet = concat(msXcaTable, msXcaStream);
    expect(xpressDecompress(alphabet, 25)).toEqual(ascii('abcdefghijklmnopqrstuvwxy'));
    expect(() => xpressDecompress(alphabet, 25, { strict: true })).toThrow(/end-of-data/);
  });

  it('decodes a stream even when it is exactly as long as its output (raw chunks are the container’s job)', () => {
    // Example A's 261-byte stream asked for 261 bytes: decoded, not passed through — and then rejected,
    // because the stream only holds 30.
    expect(() => xpressDecompress(concat(exampleATable, exampleAStream), 261)).toThrow(WimFormatError);
  });
});
