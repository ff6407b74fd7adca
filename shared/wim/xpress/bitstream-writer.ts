/**
 * Writer for the XPRESS bitstream: 16-bit little-endian words of Huffman/offset bits (MSB first) with raw
 * extra-length bytes interleaved between them (spec wim-format.md §8.6, "writer model").
 *
 * Two word slots are always reserved ahead of the byte cursor. A word is flushed only once MORE than 16
 * bits are pending — flushing at ≥ 16 yields streams that wimlib and 7-Zip reject [NEG §8.6]. `finish()`
 * stores the pending bits into the first slot and zeros into the second, so the stream always ends with
 * the word slot 7-Zip insists on reading [NEG §8.7].
 */
export class XpressBitstreamWriter {
  private buffer: Uint8Array;
  private start = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  private firstSlot = 0;
  private secondSlot = 0;
  private byteCursor = 0;

  constructor(buffer: Uint8Array) {
    this.buffer = buffer;
  }

  /** Starts a stream at `start` in the buffer (the caller has room for the worst case after it). */
  reset(buffer: Uint8Array, start: number): void {
    this.buffer = buffer;
    this.start = start;
    this.bitBuffer = 0;
    this.bitCount = 0;
    this.firstSlot = start;
    this.secondSlot = start + 2;
    this.byteCursor = start + 4;
  }

  /** Appends the low `count` (0…16) bits of `bits`, most significant first. */
  writeBits(bits: number, count: number): void {
    this.bitBuffer = (this.bitBuffer << count) | bits;
    this.bitCount += count;
    if (this.bitCount > 16) {
      this.bitCount -= 16;
      const word = this.bitBuffer >>> this.bitCount;
      const buffer = this.buffer;
      buffer[this.firstSlot] = word & 0xff;
      buffer[this.firstSlot + 1] = (word >>> 8) & 0xff;
      this.firstSlot = this.secondSlot;
      this.secondSlot = this.byteCursor;
      this.byteCursor += 2;
    }
  }

  /** Stores one raw byte at the byte cursor (extra match-length bytes, §8.5). */
  writeByte(value: number): void {
    this.buffer[this.byteCursor++] = value;
  }

  /** Stores a raw u16, low byte first. */
  writeUint16(value: number): void {
    const buffer = this.buffer;
    buffer[this.byteCursor] = value & 0xff;
    buffer[this.byteCursor + 1] = value >>> 8;
    this.byteCursor += 2;
  }

  /** Flushes the pending bits (left-aligned, zero-padded) and the closing zero word; returns the stream size. */
  finish(): number {
    const word = (this.bitBuffer << (16 - this.bitCount)) & 0xffff;
    const buffer = this.buffer;
    buffer[this.firstSlot] = word & 0xff;
    buffer[this.firstSlot + 1] = word >>> 8;
    buffer[this.secondSlot] = 0;
    buffer[this.secondSlot + 1] = 0;
    return this.byteCursor - this.start;
  }
}
