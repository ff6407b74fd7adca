/**
 * XPRESS-Huffman compressor for one WIM chunk (spec wim-format.md §8.10).
 *
 * Parsing mirrors wimlib's default ("lazy", level 50) XPRESS compressor so that sizes stay within a few
 * percent of wimlib's: hash chains keyed by 4-byte sequences plus a one-entry 3-byte table for short
 * matches, at most 46 chain candidates per position (23 for the one-step lazy look-ahead), matches of
 * 93+ bytes taken immediately, and length-3 matches passed up when far away (≥ 2048/4096) because they
 * cost more than three literals.
 *
 * Everything lives in typed arrays preallocated once per encoder and reused for every chunk; hash-table
 * entries are tagged with a per-chunk epoch so nothing needs clearing between chunks.
 */
import { XpressBitstreamWriter } from './bitstream-writer';
import { HuffmanCodeBuilder, assignCanonicalCodewords } from './huffman-code';
import {
  XPRESS_CODE_LENGTH_TABLE_SIZE,
  XPRESS_END_OF_DATA_SYMBOL,
  XPRESS_LENGTH_HEADER_ESCAPE,
  XPRESS_LITERAL_COUNT,
  XPRESS_MAX_CHUNK_SIZE,
  XPRESS_MAX_CODEWORD_LENGTH,
  XPRESS_MIN_MATCH_LENGTH,
  XPRESS_SYMBOL_COUNT,
} from './xpress-constants';

const HASH3_ORDER = 15;
const HASH4_ORDER = 16;
const HASH_MULTIPLIER = 0x1e35a7bd;
/** wimlib level 50: max_search_depth = 50·30/32, nice_match_length = 50·60/32. */
const MAX_SEARCH_DEPTH = 46;
const NICE_MATCH_LENGTH = 93;
/** Epochs only grow; rebase (clear the tables) before an absolute position could overflow an Int32. */
const EPOCH_LIMIT = 0x7fffffff - 2 * (XPRESS_MAX_CHUNK_SIZE + 1);
/** Worst case: every byte a 15-bit literal (≤ 2 bytes each), plus EOD and the closing words. */
const OUTPUT_CAPACITY = XPRESS_CODE_LENGTH_TABLE_SIZE + 2 * XPRESS_MAX_CHUNK_SIZE + 64;

export class XpressEncoder {
  private readonly hash3Heads = new Int32Array(1 << HASH3_ORDER);
  private readonly hash4Heads = new Int32Array(1 << HASH4_ORDER);
  /** chainNext[pos] = previous position (epoch-tagged) whose 4-byte sequence hashed like pos's. */
  private readonly chainNext = new Int32Array(XPRESS_MAX_CHUNK_SIZE);
  /** sequences[pos] = the 4 input bytes at pos as a little-endian int (zeros past the end). */
  private readonly sequences = new Int32Array(XPRESS_MAX_CHUNK_SIZE + 4);
  /** Tag added to stored positions; entries below it belong to earlier chunks. */
  private epoch = 1;
  private matchOffset = 0;

  /** Items: literal → (byte, offset 0); match → (length − 3, offset ≥ 1). */
  private readonly itemValues = new Uint16Array(XPRESS_MAX_CHUNK_SIZE + 1);
  private readonly itemOffsets = new Uint16Array(XPRESS_MAX_CHUNK_SIZE + 1);
  private itemCount = 0;

  private readonly frequencies = new Uint32Array(XPRESS_SYMBOL_COUNT);
  private readonly codeLengths = new Uint8Array(XPRESS_SYMBOL_COUNT);
  private readonly codewords = new Uint16Array(XPRESS_SYMBOL_COUNT);
  private readonly huffman = new HuffmanCodeBuilder();
  private readonly output = new Uint8Array(OUTPUT_CAPACITY);
  private readonly writer = new XpressBitstreamWriter(this.output);

  compress(input: Uint8Array): Uint8Array {
    if (input.length > XPRESS_MAX_CHUNK_SIZE) {
      throw new RangeError(`XPRESS chunk of ${input.length} bytes exceeds ${XPRESS_MAX_CHUNK_SIZE}`);
    }
    this.frequencies.fill(0);
    this.itemCount = 0;
    if (!this.parseSingleByteRun(input)) {
      this.startChunk(input);
      this.parseLazy(input);
      // Kept out of parseLazy: code after its hot loop would run with no type feedback in the on-stack-
      // replaced version and deoptimize it once per chunk.
      this.epoch += input.length + 1;
    }
    this.frequencies[XPRESS_END_OF_DATA_SYMBOL]!++;
    const size = this.writeBlock();
    return this.output.slice(0, size);
  }

  /** Fast path for all-zero (or any one-byte) chunks: one literal and one offset-1 match. */
  private parseSingleByteRun(input: Uint8Array): boolean {
    const length = input.length;
    if (length < 1 + XPRESS_MIN_MATCH_LENGTH) return false;
    const first = input[0]!;
    for (let i = 1; i < length; i++) if (input[i] !== first) return false;
    this.recordLiteral(first);
    this.recordMatch(length - 1, 1);
    return true;
  }

  private recordLiteral(byte: number): void {
    const index = this.itemCount++;
    this.itemValues[index] = byte;
    this.itemOffsets[index] = 0;
    this.frequencies[byte]!++;
  }

  private recordMatch(length: number, offset: number): void {
    const index = this.itemCount++;
    const adjustedLength = length - XPRESS_MIN_MATCH_LENGTH;
    this.itemValues[index] = adjustedLength;
    this.itemOffsets[index] = offset;
    const offsetBits = 31 - Math.clz32(offset);
    const lengthHeader =
      adjustedLength < XPRESS_LENGTH_HEADER_ESCAPE ? adjustedLength : XPRESS_LENGTH_HEADER_ESCAPE;
    this.frequencies[XPRESS_LITERAL_COUNT + (offsetBits << 4) + lengthHeader]!++;
  }

  private startChunk(input: Uint8Array): void {
    const length = input.length;
    if (this.epoch > EPOCH_LIMIT) {
      this.hash3Heads.fill(0);
      this.hash4Heads.fill(0);
      this.epoch = 1;
    }
    const sequences = this.sequences;
    let sequence = 0;
    for (let pos = length - 1; pos >= 0; pos--) {
      sequence = (sequence << 8) | input[pos]!;
      sequences[pos] = sequence;
    }
  }

  /** wimlib-style one-step lazy parse (xpress_compress_lazy). */
  private parseLazy(input: Uint8Array): void {
    const length = input.length;
    const tooFarForLength3 = length <= 8192 ? 2048 : 4096;
    let pos = 0;
    while (pos < length) {
      let remaining = length - pos;
      let currentLength =
        remaining < 4
          ? 0
          : this.findLongestMatch(
              input,
              pos,
              2,
              remaining,
              Math.min(remaining, NICE_MATCH_LENGTH),
              MAX_SEARCH_DEPTH,
            );
      let currentOffset = this.matchOffset;
      pos++;
      if (currentLength < 3 || (currentLength === 3 && currentOffset >= tooFarForLength3)) {
        this.recordLiteral(input[pos - 1]!);
        continue;
      }
      for (;;) {
        if (currentLength >= NICE_MATCH_LENGTH) {
          this.recordMatch(currentLength, currentOffset);
          this.skipPositions(pos, currentLength - 1, length);
          pos += currentLength - 1;
          break;
        }
        remaining = length - pos;
        const nextLength =
          remaining < 4
            ? 0
            : this.findLongestMatch(
                input,
                pos,
                currentLength,
                remaining,
                Math.min(remaining, NICE_MATCH_LENGTH),
                MAX_SEARCH_DEPTH >>> 1,
              );
        pos++;
        if (nextLength > currentLength) {
          this.recordLiteral(input[pos - 2]!);
          currentLength = nextLength;
          currentOffset = this.matchOffset;
          continue;
        }
        this.recordMatch(currentLength, currentOffset);
        this.skipPositions(pos, currentLength - 2, length);
        pos += currentLength - 2;
        break;
      }
    }
  }

  /** Inserts positions [pos, pos + count) into the hash tables without searching. */
  private skipPositions(pos: number, count: number, length: number): void {
    const end = Math.min(pos + count, length - 3);
    const sequences = this.sequences;
    const hash3Heads = this.hash3Heads;
    const hash4Heads = this.hash4Heads;
    const chainNext = this.chainNext;
    const epoch = this.epoch;
    for (let p = pos; p < end; p++) {
      const sequence = sequences[p]!;
      const hash3 = Math.imul(sequence & 0xffffff, HASH_MULTIPLIER) >>> (32 - HASH3_ORDER);
      const hash4 = Math.imul(sequence, HASH_MULTIPLIER) >>> (32 - HASH4_ORDER);
      hash3Heads[hash3] = epoch + p;
      chainNext[p] = hash4Heads[hash4]!;
      hash4Heads[hash4] = epoch + p;
    }
  }

  /**
   * Inserts `pos` and returns the longest match longer than `bestLength` (or `bestLength` itself when none
   * is found; `matchOffset` is then meaningless). Requires maxLength ≥ 4 (4 bytes readable at pos).
   */
  private findLongestMatch(
    input: Uint8Array,
    pos: number,
    bestLength: number,
    maxLength: number,
    niceLength: number,
    maxDepth: number,
  ): number {
    const sequences = this.sequences;
    const chainNext = this.chainNext;
    const epoch = this.epoch;
    const current = sequences[pos]!;
    const hash3 = Math.imul(current & 0xffffff, HASH_MULTIPLIER) >>> (32 - HASH3_ORDER);
    const hash4 = Math.imul(current, HASH_MULTIPLIER) >>> (32 - HASH4_ORDER);
    const candidate3 = this.hash3Heads[hash3]!;
    let candidate = this.hash4Heads[hash4]!;
    this.hash3Heads[hash3] = epoch + pos;
    this.hash4Heads[hash4] = epoch + pos;
    chainNext[pos] = candidate;
    if (bestLength >= maxLength) return bestLength;

    let bestOffset = 0;
    if (bestLength < 3 && candidate3 >= epoch) {
      const matchPos = candidate3 - epoch;
      if (((sequences[matchPos]! ^ current) & 0xffffff) === 0) {
        bestLength = 3;
        bestOffset = pos - matchPos;
      }
    }
    let depthRemaining = maxDepth;
    if (bestLength < 4) {
      // No 4-byte match yet: walk the chain until the first candidate whose 4 bytes agree.
      for (;;) {
        if (candidate < epoch) {
          this.matchOffset = bestOffset;
          return bestLength;
        }
        const matchPos = candidate - epoch;
        if (sequences[matchPos] === current) break;
        candidate = chainNext[matchPos]!;
        if (--depthRemaining === 0) {
          this.matchOffset = bestOffset;
          return bestLength;
        }
      }
      const matchPos = candidate - epoch;
      bestLength = extendMatch(input, sequences, pos, matchPos, 4, maxLength);
      bestOffset = pos - matchPos;
      if (bestLength >= niceLength || --depthRemaining === 0) {
        this.matchOffset = bestOffset;
        return bestLength;
      }
      candidate = chainNext[matchPos]!;
    }
    // Look for longer matches: a candidate must agree on its first 4 bytes and on the 4 bytes ending
    // one past the current best before it is worth extending.
    for (;;) {
      if (candidate < epoch) break;
      const matchPos = candidate - epoch;
      if (
        sequences[matchPos + bestLength - 3] === sequences[pos + bestLength - 3] &&
        sequences[matchPos] === current
      ) {
        const length = extendMatch(input, sequences, pos, matchPos, 4, maxLength);
        if (length > bestLength) {
          bestLength = length;
          bestOffset = pos - matchPos;
          if (bestLength >= niceLength) break;
        }
      }
      if (--depthRemaining === 0) break;
      candidate = chainNext[matchPos]!;
    }
    this.matchOffset = bestOffset;
    return bestLength;
  }

  /** Builds the code, writes the length table, the items, EOD and the closing words. Returns the size. */
  private writeBlock(): number {
    const lengths = this.codeLengths;
    const codewords = this.codewords;
    this.huffman.buildLengths(this.frequencies, XPRESS_SYMBOL_COUNT, XPRESS_MAX_CODEWORD_LENGTH, lengths);
    assignCanonicalCodewords(lengths, XPRESS_SYMBOL_COUNT, XPRESS_MAX_CODEWORD_LENGTH, codewords);
    const output = this.output;
    for (let i = 0; i < XPRESS_CODE_LENGTH_TABLE_SIZE; i++) {
      output[i] = lengths[2 * i]! | (lengths[2 * i + 1]! << 4);
    }
    const writer = this.writer;
    writer.reset(output, XPRESS_CODE_LENGTH_TABLE_SIZE);
    const values = this.itemValues;
    const offsets = this.itemOffsets;
    const count = this.itemCount;
    for (let i = 0; i < count; i++) {
      const offset = offsets[i]!;
      const value = values[i]!;
      if (offset === 0) {
        writer.writeBits(codewords[value]!, lengths[value]!);
        continue;
      }
      const offsetBits = 31 - Math.clz32(offset);
      if (value < XPRESS_LENGTH_HEADER_ESCAPE) {
        const symbol = XPRESS_LITERAL_COUNT + (offsetBits << 4) + value;
        writer.writeBits(codewords[symbol]!, lengths[symbol]!);
      } else {
        const symbol = XPRESS_LITERAL_COUNT + (offsetBits << 4) + XPRESS_LENGTH_HEADER_ESCAPE;
        writer.writeBits(codewords[symbol]!, lengths[symbol]!);
        // §8.5: one byte L − 15 for L < 270, else 0xFF and L itself as a u16.
        if (value - XPRESS_LENGTH_HEADER_ESCAPE < 0xff) {
          writer.writeByte(value - XPRESS_LENGTH_HEADER_ESCAPE);
        } else {
          writer.writeByte(0xff);
          writer.writeUint16(value);
        }
      }
      writer.writeBits(offset - (1 << offsetBits), offsetBits);
    }
    writer.writeBits(codewords[XPRESS_END_OF_DATA_SYMBOL]!, lengths[XPRESS_END_OF_DATA_SYMBOL]!);
    return XPRESS_CODE_LENGTH_TABLE_SIZE + writer.finish();
  }
}

/**
 * Length of the common prefix of input[pos…] and input[matchPos…] (matchPos < pos), known to be at least
 * `length`, capped at maxLength (bytes available at pos). Compares 4 bytes at a time via `sequences`.
 */
function extendMatch(
  input: Uint8Array,
  sequences: Int32Array,
  pos: number,
  matchPos: number,
  length: number,
  maxLength: number,
): number {
  while (length + 4 <= maxLength) {
    const difference = sequences[matchPos + length]! ^ sequences[pos + length]!;
    if (difference !== 0) return length + ((31 - Math.clz32(difference & -difference)) >>> 3);
    length += 4;
  }
  while (length < maxLength && input[matchPos + length] === input[pos + length]) length++;
  return length;
}
