/**
 * Writer for the XPRESS bitstream: 16-bit little-endian words of Huffman/offset bits (MSB first) with raw
 * extra-length bytes interleaved between them (spec docs/format/wim-format.md §8.6, "writer model"; §8.5 for items).
 *
 * Two word slots are always reserved ahead of the byte cursor. A word is flushed only once MORE than 16
 * bits are pending — flushing at ≥ 16 yields streams that wimlib and 7-Zip reject [NEG §8.6]. The stream
 * ends with EOD, the pending bits in the first slot and zeros in the second, so it always ends with the
 * word slot 7-Zip insists on reading [NEG §8.7].
 *
 * The whole item list is written by one method over local variables: per-bit-write object field traffic
 * was a measurable part of compression time.
 */
import {
  XPRESS_END_OF_DATA_SYMBOL,
  XPRESS_LENGTH_HEADER_ESCAPE,
  XPRESS_LITERAL_COUNT,
} from './xpress-constants';

/**
 * Writes items — literal: (byte, offset 0); match: (length − 3, offset ≥ 1) — then EOD, into `output` from
 * `start`, with the canonical code given as `codewords`/`lengths` per symbol. Returns the end position.
 * The caller guarantees room for the worst case (2 bytes per input byte plus a few).
 */
export function writeXpressBitstream(
  output: Uint8Array,
  start: number,
  values: Uint16Array,
  offsets: Uint16Array,
  itemCount: number,
  codewords: Uint16Array,
  lengths: Uint8Array,
): number {
  let bitBuffer = 0;
  let bitCount = 0;
  let firstSlot = start;
  let secondSlot = start + 2;
  let byteCursor = start + 4;
  for (let i = 0; i <= itemCount; i++) {
    // Item `itemCount` is the end-of-data symbol.
    const offset = i < itemCount ? offsets[i]! : 0;
    const value = i < itemCount ? values[i]! : XPRESS_END_OF_DATA_SYMBOL;
    let symbol = value;
    let offsetBits = 0;
    if (offset !== 0) {
      offsetBits = 31 - Math.clz32(offset);
      symbol =
        XPRESS_LITERAL_COUNT +
        (offsetBits << 4) +
        (value < XPRESS_LENGTH_HEADER_ESCAPE ? value : XPRESS_LENGTH_HEADER_ESCAPE);
    }
    // Symbol codeword (≤ 15 bits).
    bitBuffer = (bitBuffer << lengths[symbol]!) | codewords[symbol]!;
    bitCount += lengths[symbol]!;
    if (bitCount > 16) {
      bitCount -= 16;
      const word = bitBuffer >>> bitCount;
      output[firstSlot] = word;
      output[firstSlot + 1] = word >>> 8;
      firstSlot = secondSlot;
      secondSlot = byteCursor;
      byteCursor += 2;
    }
    if (offset === 0) continue;
    // Extra length bytes go to the byte stream: L − 15 for L < 270, else 0xFF and L as a u16 (§8.5).
    if (value >= XPRESS_LENGTH_HEADER_ESCAPE) {
      if (value - XPRESS_LENGTH_HEADER_ESCAPE < 0xff) {
        output[byteCursor++] = value - XPRESS_LENGTH_HEADER_ESCAPE;
      } else {
        output[byteCursor] = 0xff;
        output[byteCursor + 1] = value;
        output[byteCursor + 2] = value >>> 8;
        byteCursor += 3;
      }
    }
    // Offset bits (≤ 15): the offset without its leading 1.
    bitBuffer = (bitBuffer << offsetBits) | (offset - (1 << offsetBits));
    bitCount += offsetBits;
    if (bitCount > 16) {
      bitCount -= 16;
      const word = bitBuffer >>> bitCount;
      output[firstSlot] = word;
      output[firstSlot + 1] = word >>> 8;
      firstSlot = secondSlot;
      secondSlot = byteCursor;
      byteCursor += 2;
    }
  }
  // Pending bits, left-aligned and zero-padded, into the first slot; zeros into the second.
  const word = bitBuffer << (16 - bitCount);
  output[firstSlot] = word;
  output[firstSlot + 1] = word >>> 8;
  output[secondSlot] = 0;
  output[secondSlot + 1] = 0;
  return byteCursor;
}
