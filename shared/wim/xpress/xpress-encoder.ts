/**
 * XPRESS-Huffman compressor for one WIM chunk (spec docs/format/wim-format.md §8.10).
 *
 * Parsing follows wimlib's default ("lazy", level 50) XPRESS compressor so that sizes stay within a few
 * percent of wimlib's: hash chains keyed by 4-byte sequences plus a one-entry 3-byte table for
 * short matches, a bounded number of chain candidates per position (half as many for the one-step lazy
 * look-ahead, tried after short matches), and length-3 matches passed up when far away (≥ 2048/4096)
 * because they cost more than three literals. Long incompressible stretches are skipped through faster
 * (see MAX_SKIP).
 *
 * Everything lives in typed arrays preallocated once per encoder and reused for every chunk; hash-table
 * entries are tagged with a chunk generation so the tables need clearing only every 255 chunks.
 */
import { writeXpressBitstream } from './bitstream-writer';
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
/**
 * wimlib level 50 uses max_search_depth 46 and nice_match_length 93 and tries the lazy step after every
 * match shorter than 93. We look one byte ahead only after matches of 3–4 bytes, the ones a lazy step most
 * often improves, and search at most 32 candidates. Measured with bench/xpress.ts (16 MiB corpora, CPU
 * time): 17–20 % faster on text and x86 code than the wimlib settings, for +1.0 % (text), +0.3 % (x86),
 * +0.25 % (mixed) output — inside the 3 % size budget, while speed is the tighter target.
 */
const MAX_SEARCH_DEPTH = 32;
const NICE_MATCH_LENGTH = 93;
const LAZY_MATCH_LIMIT = 5;
/**
 * Literal-run acceleration (our addition; wimlib searches every position). After 128 fruitless searches in
 * a row, each further miss also emits the next (misses − 128) / 32 bytes (at most 16) as unsearched
 * literals. Incompressible chunks (already-compressed CAB/MSI payloads) then cost ~3× less, while on the
 * text/x86/mixed corpora of bench/xpress.ts the output changed by < 0.001 %.
 */
const SKIP_AFTER_MISSES = 128;
const SKIP_GROWTH_SHIFT = 5;
const MAX_SKIP = 16;
/** Table entries carry an 8-bit chunk generation; the tables are cleared when it wraps. */
const MAX_GENERATION = 255;
/** Worst case: every byte a 15-bit literal (≤ 2 bytes each), plus EOD and the closing words. */
const OUTPUT_CAPACITY = XPRESS_CODE_LENGTH_TABLE_SIZE + 2 * XPRESS_MAX_CHUNK_SIZE + 64;

export class XpressEncoder {
  private readonly hash3Heads = new Int32Array(1 << HASH3_ORDER);
  private readonly hash4Heads = new Int32Array(1 << HASH4_ORDER);
  /** chainNext[pos] = the hash4 entry pos replaced: the previous position whose 4 bytes hashed alike. */
  private readonly chainNext = new Int32Array(XPRESS_MAX_CHUNK_SIZE);
  /** sequences[pos] = the 4 input bytes at pos as a little-endian int (zeros past the end). */
  private readonly sequences = new Int32Array(XPRESS_MAX_CHUNK_SIZE + 4);
  /** Entries of other generations belong to earlier chunks and end a chain. */
  private generation = 0;

  /** Items: literal → (byte, offset 0); match → (length − 3, offset ≥ 1). */
  private readonly itemValues = new Uint16Array(XPRESS_MAX_CHUNK_SIZE + 1);
  private readonly itemOffsets = new Uint16Array(XPRESS_MAX_CHUNK_SIZE + 1);
  private itemCount = 0;
  /** Raw bytes the matches add to the byte stream (§8.5), needed to know the size before writing. */
  private extraLengthBytes = 0;

  private readonly frequencies = new Uint32Array(XPRESS_SYMBOL_COUNT);
  private readonly codeLengths = new Uint8Array(XPRESS_SYMBOL_COUNT);
  private readonly codewords = new Uint16Array(XPRESS_SYMBOL_COUNT);
  private readonly huffman = new HuffmanCodeBuilder();
  private readonly output = new Uint8Array(OUTPUT_CAPACITY);

  /**
   * Compresses one chunk. With a `sizeLimit`, returns null instead when the stream would be `sizeLimit` bytes
   * or longer — its exact size is known once the Huffman code is built, so nothing is written for chunks
   * that will be stored raw anyway.
   */
  compress(chunk: Uint8Array, sizeLimit = Infinity): Uint8Array | null {
    if (chunk.length > XPRESS_MAX_CHUNK_SIZE) {
      throw new RangeError(`XPRESS chunk of ${chunk.length} bytes exceeds ${XPRESS_MAX_CHUNK_SIZE}`);
    }
    // A Buffer (or other subclass) would make every element access in the hot loops polymorphic.
    const input =
      chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    this.frequencies.fill(0);
    this.itemCount = 0;
    this.extraLengthBytes = 0;
    if (!this.parseSingleByteRun(input)) {
      this.startChunk(input);
      this.parseLazy(input);
    }
    this.frequencies[XPRESS_END_OF_DATA_SYMBOL]!++;
    this.buildCode();
    if (this.predictedSize() >= sizeLimit) return null;
    const size = this.writeBlock();
    return this.output.slice(0, size);
  }

  /** Fast path for all-zero (or any one-byte) chunks: one literal and one offset-1 match. */
  private parseSingleByteRun(input: Uint8Array): boolean {
    if (input.length < 1 + XPRESS_MIN_MATCH_LENGTH || !isSingleByteRun(input)) return false;
    this.recordLiteral(input[0]!);
    this.recordMatch(input.length - 1, 1);
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
    this.extraLengthBytes += extraLengthByteCount(adjustedLength);
    const offsetBits = 31 - Math.clz32(offset);
    const lengthHeader =
      adjustedLength < XPRESS_LENGTH_HEADER_ESCAPE ? adjustedLength : XPRESS_LENGTH_HEADER_ESCAPE;
    this.frequencies[XPRESS_LITERAL_COUNT + (offsetBits << 4) + lengthHeader]!++;
  }

  private startChunk(input: Uint8Array): void {
    const length = input.length;
    if (++this.generation > MAX_GENERATION) {
      this.hash3Heads.fill(0);
      this.hash4Heads.fill(0);
      this.generation = 1;
    }
    const sequences = this.sequences;
    let sequence = 0;
    for (let pos = length - 1; pos >= 0; pos--) {
      sequence = (sequence << 8) | input[pos]!;
      sequences[pos] = sequence;
    }
  }

  /**
   * wimlib-style one-step lazy parse (xpress_compress_lazy). Written as one loop over locals — no `this`
   * and no calls on the common path — because this is where almost all compression time goes. The hash
   * tables are updated inline, and a stored entry's tag byte rejects most wrong candidates before their
   * bytes are loaded (on incompressible data those dependent loads were the main cost).
   */
  private parseLazy(input: Uint8Array): void {
    const length = input.length;
    const sequences = this.sequences;
    const hash3Heads = this.hash3Heads;
    const hash4Heads = this.hash4Heads;
    const chainNext = this.chainNext;
    const values = this.itemValues;
    const offsets = this.itemOffsets;
    const frequencies = this.frequencies;
    const generation = this.generation;
    const generationBits = generation << 8;
    const tooFarForLength3 = length <= 8192 ? 2048 : 4096;
    const lazyDepth = MAX_SEARCH_DEPTH >>> 1;
    // Positions past this one have fewer than 4 bytes left: they are neither hashed nor searched.
    const lastSearchable = length - 4;
    let itemCount = this.itemCount;
    let extraLengthBytes = this.extraLengthBytes;
    let missCount = 0;
    let pos = 0;
    while (pos < length) {
      let currentLength = 0;
      let currentOffset = 0;
      if (pos <= lastSearchable) {
        const current = sequences[pos]!;
        const hash3 = Math.imul(current & 0xffffff, HASH_MULTIPLIER) >>> (32 - HASH3_ORDER);
        const hash4 = Math.imul(current, HASH_MULTIPLIER) >>> (32 - HASH4_ORDER);
        const entry3 = hash3Heads[hash3]!;
        const entry4 = hash4Heads[hash4]!;
        const positionBits = (pos + 1) << 16;
        hash3Heads[hash3] = positionBits | generationBits | (current & 0xff);
        hash4Heads[hash4] = positionBits | generationBits | (current >>> 24);
        chainNext[pos] = entry4;
        if ((entry3 & 0xffff) === (generationBits | (current & 0xff))) {
          const matchPos = (entry3 >>> 16) - 1;
          if (((sequences[matchPos]! ^ current) & 0xffffff) === 0) {
            currentLength = 3;
            currentOffset = pos - matchPos;
          }
        }
        if (((entry4 >>> 8) & 0xff) === generation) {
          const remaining = length - pos;
          currentLength = searchChain(
            input,
            sequences,
            chainNext,
            generation,
            pos,
            entry4,
            currentLength,
            currentOffset,
            remaining,
            remaining < NICE_MATCH_LENGTH ? remaining : NICE_MATCH_LENGTH,
            MAX_SEARCH_DEPTH,
          );
          currentOffset = foundOffset;
        }
      }
      pos++;
      if (currentLength < 3 || (currentLength === 3 && currentOffset >= tooFarForLength3)) {
        const literal = input[pos - 1]!;
        values[itemCount] = literal;
        offsets[itemCount] = 0;
        itemCount++;
        frequencies[literal]!++;
        // Incompressible stretch: after SKIP_AFTER_MISSES fruitless searches, emit the next few bytes as
        // literals without hashing or searching them, more of them the longer the stretch lasts.
        if (++missCount > SKIP_AFTER_MISSES) {
          let skip = (missCount - SKIP_AFTER_MISSES) >>> SKIP_GROWTH_SHIFT;
          if (skip > MAX_SKIP) skip = MAX_SKIP;
          if (skip > lastSearchable - pos) skip = lastSearchable - pos;
          for (; skip > 0; skip--) {
            const skipped = input[pos++]!;
            values[itemCount] = skipped;
            offsets[itemCount] = 0;
            itemCount++;
            frequencies[skipped]!++;
          }
        }
        continue;
      }
      missCount = 0;
      // We have a match at pos − 1. Take it at once unless it is very short; otherwise see whether pos has
      // a longer one (searching half as deep), and if so emit a literal and repeat from there.
      let consumed: number;
      for (;;) {
        if (currentLength >= LAZY_MATCH_LIMIT) {
          consumed = currentLength - 1;
          break;
        }
        let nextLength = 0;
        let nextOffset = 0;
        if (pos <= lastSearchable) {
          const current = sequences[pos]!;
          const hash3 = Math.imul(current & 0xffffff, HASH_MULTIPLIER) >>> (32 - HASH3_ORDER);
          const hash4 = Math.imul(current, HASH_MULTIPLIER) >>> (32 - HASH4_ORDER);
          const entry4 = hash4Heads[hash4]!;
          const positionBits = (pos + 1) << 16;
          hash3Heads[hash3] = positionBits | generationBits | (current & 0xff);
          hash4Heads[hash4] = positionBits | generationBits | (current >>> 24);
          chainNext[pos] = entry4;
          if (((entry4 >>> 8) & 0xff) === generation) {
            const remaining = length - pos;
            // Only a match longer than the current one matters here, so the 3-byte table is not consulted.
            nextLength = searchChain(
              input,
              sequences,
              chainNext,
              generation,
              pos,
              entry4,
              currentLength,
              0,
              remaining,
              remaining < NICE_MATCH_LENGTH ? remaining : NICE_MATCH_LENGTH,
              lazyDepth,
            );
            nextOffset = foundOffset;
          }
        }
        pos++;
        if (nextLength > currentLength) {
          const literal = input[pos - 2]!;
          values[itemCount] = literal;
          offsets[itemCount] = 0;
          itemCount++;
          frequencies[literal]!++;
          currentLength = nextLength;
          currentOffset = nextOffset;
          continue;
        }
        consumed = currentLength - 2;
        break;
      }
      // Record the match.
      const adjustedLength = currentLength - XPRESS_MIN_MATCH_LENGTH;
      values[itemCount] = adjustedLength;
      offsets[itemCount] = currentOffset;
      itemCount++;
      extraLengthBytes += extraLengthByteCount(adjustedLength);
      const lengthHeader =
        adjustedLength < XPRESS_LENGTH_HEADER_ESCAPE ? adjustedLength : XPRESS_LENGTH_HEADER_ESCAPE;
      frequencies[XPRESS_LITERAL_COUNT + ((31 - Math.clz32(currentOffset)) << 4) + lengthHeader]!++;
      // Insert the positions the match covers, without searching them.
      const end = pos + consumed < lastSearchable + 1 ? pos + consumed : lastSearchable + 1;
      for (let p = pos; p < end; p++) {
        const sequence = sequences[p]!;
        const hash4 = Math.imul(sequence, HASH_MULTIPLIER) >>> (32 - HASH4_ORDER);
        const positionBits = (p + 1) << 16;
        hash3Heads[Math.imul(sequence & 0xffffff, HASH_MULTIPLIER) >>> (32 - HASH3_ORDER)] =
          positionBits | generationBits | (sequence & 0xff);
        chainNext[p] = hash4Heads[hash4]!;
        hash4Heads[hash4] = positionBits | generationBits | (sequence >>> 24);
      }
      pos += consumed;
    }
    this.itemCount = itemCount;
    this.extraLengthBytes = extraLengthBytes;
  }

  private buildCode(): void {
    this.huffman.buildLengths(
      this.frequencies,
      XPRESS_SYMBOL_COUNT,
      XPRESS_MAX_CODEWORD_LENGTH,
      this.codeLengths,
    );
    assignCanonicalCodewords(
      this.codeLengths,
      XPRESS_SYMBOL_COUNT,
      XPRESS_MAX_CODEWORD_LENGTH,
      this.codewords,
    );
  }

  /** Table + 2·(⌈c/16⌉ + 1) + extra length bytes, c = all Huffman and offset bits incl. EOD (spec §8.6). */
  private predictedSize(): number {
    const frequencies = this.frequencies;
    const lengths = this.codeLengths;
    let bits = 0;
    for (let symbol = 0; symbol < XPRESS_SYMBOL_COUNT; symbol++) {
      const frequency = frequencies[symbol]!;
      if (frequency === 0) continue;
      bits += frequency * lengths[symbol]!;
      if (symbol >= XPRESS_LITERAL_COUNT) bits += frequency * ((symbol - XPRESS_LITERAL_COUNT) >>> 4);
    }
    return XPRESS_CODE_LENGTH_TABLE_SIZE + 2 * (Math.ceil(bits / 16) + 1) + this.extraLengthBytes;
  }

  /** Writes the length table, the items, EOD and the closing words. Returns the size. */
  private writeBlock(): number {
    const lengths = this.codeLengths;
    const codewords = this.codewords;
    const output = this.output;
    for (let i = 0; i < XPRESS_CODE_LENGTH_TABLE_SIZE; i++) {
      output[i] = lengths[2 * i]! | (lengths[2 * i + 1]! << 4);
    }
    return writeXpressBitstream(
      output,
      XPRESS_CODE_LENGTH_TABLE_SIZE,
      this.itemValues,
      this.itemOffsets,
      this.itemCount,
      codewords,
      lengths,
    );
  }
}

/** Offset of the match searchChain returned (a second return value without allocating). */
let foundOffset = 0;

/**
 * Walks the 4-byte hash chain from `entry` (a table entry of this chunk's generation) for a match longer
 * than `bestLength` at `pos`, looking at no more than `maxDepth` candidates and stopping at `niceLength`.
 * Returns the best length (bestLength itself if nothing longer) and leaves its offset in `foundOffset`.
 * Requires maxLength ≥ 4, i.e. 4 bytes readable at pos (hc_matchfinder_longest_match in wimlib/libdeflate).
 * Entries are (position + 1) << 16 | generation << 8 | last byte of the candidate's 4-byte sequence.
 */
function searchChain(
  input: Uint8Array,
  sequences: Int32Array,
  chainNext: Int32Array,
  generation: number,
  pos: number,
  entry: number,
  bestLength: number,
  bestOffset: number,
  maxLength: number,
  niceLength: number,
  maxDepth: number,
): number {
  foundOffset = bestOffset;
  if (bestLength >= maxLength) return bestLength;
  const current = sequences[pos]!;
  const wantedTag = (generation << 8) | (current >>> 24);
  let depthRemaining = maxDepth;
  let matchPos = (entry >>> 16) - 1;
  if (bestLength < 4) {
    // No 4-byte match yet: walk the chain until the first candidate whose 4 bytes agree.
    while ((entry & 0xffff) !== wantedTag || sequences[matchPos] !== current) {
      entry = chainNext[matchPos]!;
      if (((entry >>> 8) & 0xff) !== generation || --depthRemaining === 0) return bestLength;
      matchPos = (entry >>> 16) - 1;
    }
    bestLength = extendMatch(input, sequences, pos, matchPos, 4, maxLength);
    bestOffset = pos - matchPos;
    foundOffset = bestOffset;
    if (bestLength >= niceLength || --depthRemaining === 0) return bestLength;
    entry = chainNext[matchPos]!;
    if (((entry >>> 8) & 0xff) !== generation) return bestLength;
    matchPos = (entry >>> 16) - 1;
  }
  // Longer matches only: a candidate must agree on its first 4 bytes and on the byte one past the current
  // best before it is worth extending. That byte is read from `input` (32 KiB, cache-resident) rather
  // than from `sequences` (4× larger), which made this check the hottest line of the encoder.
  for (;;) {
    if (
      (entry & 0xffff) === wantedTag &&
      input[matchPos + bestLength] === input[pos + bestLength] &&
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
    entry = chainNext[matchPos]!;
    if (((entry >>> 8) & 0xff) !== generation) break;
    matchPos = (entry >>> 16) - 1;
  }
  foundOffset = bestOffset;
  return bestLength;
}

/**
 * True when every byte equals the first. A separate function so that its loop, when on-stack-replaced, has
 * no never-run code after it to deoptimize on (this happened once per all-zero chunk).
 */
function isSingleByteRun(input: Uint8Array): boolean {
  const first = input[0];
  for (let i = 1; i < input.length; i++) if (input[i] !== first) return false;
  return true;
}

/** Extra length bytes a match with this (length − 3) needs: none below 15, one below 270, else three. */
function extraLengthByteCount(adjustedLength: number): number {
  if (adjustedLength < XPRESS_LENGTH_HEADER_ESCAPE) return 0;
  return adjustedLength - XPRESS_LENGTH_HEADER_ESCAPE < 0xff ? 1 : 3;
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
