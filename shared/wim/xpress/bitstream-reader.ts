/**
 * Reader for the XPRESS bitstream (spec docs/format/wim-format.md §8.6, "reader model"; §8.9 step 4).
 *
 * A 32-bit buffer holds the unread bits left-aligned. It starts with the first two words; whenever fewer
 * than 16 bits remain after a read, the next word at the byte cursor is loaded below them. Raw bytes are
 * taken at the byte cursor, which is therefore always just past the last loaded word.
 *
 * Strict mode follows 7-Zip [SRC §8.7]: every word must really be in the input. Lenient mode follows
 * wimlib, which reads missing words as zeros; we allow at most MAX_VIRTUAL_WORDS of them so a truncated
 * chunk still fails instead of decoding into zeros.
 */
import { WimFormatError } from '../errors';

const MAX_VIRTUAL_WORDS = 2;

export class XpressBitstreamReader {
  private input: Uint8Array = new Uint8Array(0);
  private bitBuffer = 0;
  private bitCount = 0;
  private virtualWords = 0;
  private strict = false;
  /** Byte cursor: the next word or raw byte is read here. */
  position = 0;

  /** Starts reading at `start`, preloading two words; the caller guarantees 4 bytes are there. */
  reset(input: Uint8Array, start: number, strict: boolean): void {
    this.input = input;
    this.strict = strict;
    this.virtualWords = 0;
    this.bitBuffer =
      ((input[start + 1]! << 24) | (input[start]! << 16) | (input[start + 3]! << 8) | input[start + 2]!) >>>
      0;
    this.bitCount = 32;
    this.position = start + 4;
  }

  /** The next 15 bits without consuming them (Huffman table index). */
  peek15(): number {
    return this.bitBuffer >>> 17;
  }

  /** Consumes `count` (0…16) bits and refills below 16. */
  consume(count: number): void {
    this.bitBuffer = (this.bitBuffer << count) >>> 0;
    this.bitCount -= count;
    if (this.bitCount < 16) this.refill();
  }

  /** Reads `count` (0…15) bits as an unsigned number, most significant first. */
  readBits(count: number): number {
    if (count === 0) return 0;
    const value = this.bitBuffer >>> (32 - count);
    this.consume(count);
    return value;
  }

  /** Reads one raw byte at the byte cursor (an extra match-length byte). */
  readByte(): number {
    const position = this.position;
    if (position >= this.input.length) {
      throw new WimFormatError('xpress', position, 'extra match-length byte lies past the end of the chunk');
    }
    this.position = position + 1;
    return this.input[position]!;
  }

  /** Reads a raw little-endian u16 at the byte cursor. */
  readUint16(): number {
    const position = this.position;
    if (position + 2 > this.input.length) {
      throw new WimFormatError('xpress', position, 'extra match-length u16 lies past the end of the chunk');
    }
    this.position = position + 2;
    return this.input[position]! | (this.input[position + 1]! << 8);
  }

  private refill(): void {
    const position = this.position;
    let word: number;
    if (position + 2 <= this.input.length) {
      word = this.input[position]! | (this.input[position + 1]! << 8);
    } else if (!this.strict && ++this.virtualWords <= MAX_VIRTUAL_WORDS) {
      word = 0;
    } else {
      throw new WimFormatError('xpress', position, 'bitstream runs past the end of the chunk');
    }
    this.bitBuffer = (this.bitBuffer | (word << (16 - this.bitCount))) >>> 0;
    this.bitCount += 16;
    this.position = position + 2;
  }
}
