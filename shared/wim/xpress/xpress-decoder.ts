/**
 * XPRESS-Huffman decompressor for one WIM chunk (spec docs/format/wim-format.md §8.9).
 *
 * Table-driven: a 2^15-entry table indexed by the next 15 bits gives (symbol << 4 | codeword length), the
 * [MS-XCA] method. The code must be complete — wimlib and 7-Zip both reject oversubscribed and incomplete
 * codes [NEG §8.3]. Work is bounded by construction: every loop iteration produces at least one output
 * byte and the loop stops at `outputSize`; the only allocation is the output itself.
 */
import { WimFormatError } from '../errors';
import { XpressBitstreamReader } from './bitstream-reader';
import {
  XPRESS_CODE_LENGTH_TABLE_SIZE,
  XPRESS_END_OF_DATA_SYMBOL,
  XPRESS_LENGTH_HEADER_ESCAPE,
  XPRESS_LITERAL_COUNT,
  XPRESS_MAX_CHUNK_SIZE,
  XPRESS_MAX_CODEWORD_LENGTH,
  XPRESS_MIN_MATCH_LENGTH,
  XPRESS_MIN_STREAM_SIZE,
  XPRESS_SYMBOL_COUNT,
} from './xpress-constants';

const TABLE_BITS = XPRESS_MAX_CODEWORD_LENGTH;

export interface XpressDecodeOptions {
  /**
   * Apply 7-Zip's extra rules (§8.7): no bits may be read past the chunk, the symbol after the last output
   * byte must be the end-of-data symbol 256, and the stream must end exactly after it. Our encoder always
   * satisfies them; Windows and wimlib do not require them, so readers default to lenient.
   */
  readonly strict?: boolean;
}

export class XpressDecoder {
  private readonly decodeTable = new Uint16Array(1 << TABLE_BITS);
  private readonly lengthCounts = new Int32Array(XPRESS_MAX_CODEWORD_LENGTH + 1);
  private readonly sortedSymbols = new Uint16Array(XPRESS_SYMBOL_COUNT);
  private readonly lengthStarts = new Int32Array(XPRESS_MAX_CODEWORD_LENGTH + 2);
  private readonly reader = new XpressBitstreamReader();

  decompress(chunk: Uint8Array, outputSize: number, options: XpressDecodeOptions = {}): Uint8Array {
    // A Buffer (or other subclass) would make every element access in the decode loop polymorphic.
    const input =
      chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    if (!Number.isInteger(outputSize) || outputSize < 0 || outputSize > XPRESS_MAX_CHUNK_SIZE) {
      throw new WimFormatError('xpress', 0, `chunk size ${outputSize} is not 0…${XPRESS_MAX_CHUNK_SIZE}`);
    }
    if (input.length < XPRESS_MIN_STREAM_SIZE) {
      throw new WimFormatError(
        'xpress',
        input.length,
        `stream of ${input.length} bytes is shorter than the ${XPRESS_MIN_STREAM_SIZE}-byte minimum`,
      );
    }
    const strict = options.strict === true;
    this.buildDecodeTable(input);
    const table = this.decodeTable;
    const reader = this.reader;
    reader.reset(input, XPRESS_CODE_LENGTH_TABLE_SIZE, strict);
    const output = new Uint8Array(outputSize);
    let outputPosition = 0;
    while (outputPosition < outputSize) {
      const entry = table[reader.peek15()]!;
      reader.consume(entry & 15);
      const symbol = entry >>> 4;
      if (symbol < XPRESS_LITERAL_COUNT) {
        output[outputPosition++] = symbol;
        continue;
      }
      const matchHeader = symbol - XPRESS_LITERAL_COUNT;
      const offsetBits = matchHeader >>> 4;
      let length = matchHeader & 15;
      if (length === XPRESS_LENGTH_HEADER_ESCAPE) {
        const extra = reader.readByte();
        length = extra === 0xff ? reader.readUint16() : XPRESS_LENGTH_HEADER_ESCAPE + extra;
      }
      length += XPRESS_MIN_MATCH_LENGTH;
      const offset = (1 << offsetBits) + reader.readBits(offsetBits);
      if (offset > outputPosition) {
        throw new WimFormatError(
          'xpress',
          reader.position,
          `match offset ${offset} reaches before the chunk start (output position ${outputPosition})`,
        );
      }
      if (length > outputSize - outputPosition) {
        throw new WimFormatError(
          'xpress',
          reader.position,
          `match length ${length} overruns the chunk (${outputSize - outputPosition} bytes left)`,
        );
      }
      // Byte by byte: a match may overlap the bytes it produces (offset < length).
      let source = outputPosition - offset;
      const end = outputPosition + length;
      while (outputPosition < end) output[outputPosition++] = output[source++]!;
    }
    if (strict) {
      const entry = table[reader.peek15()]!;
      reader.consume(entry & 15);
      if (entry >>> 4 !== XPRESS_END_OF_DATA_SYMBOL) {
        throw new WimFormatError(
          'xpress',
          reader.position,
          'no end-of-data symbol after the last output byte',
        );
      }
      if (reader.position !== input.length) {
        throw new WimFormatError(
          'xpress',
          reader.position,
          `stream ends at byte ${reader.position} but the chunk holds ${input.length} bytes`,
        );
      }
    }
    return output;
  }

  /** Unpacks the 512 nibbles, checks the code is complete and fills the 15-bit lookup table (§8.3, §8.9). */
  private buildDecodeTable(input: Uint8Array): void {
    const counts = this.lengthCounts;
    counts.fill(0);
    for (let i = 0; i < XPRESS_CODE_LENGTH_TABLE_SIZE; i++) {
      const byte = input[i]!;
      counts[byte & 15]!++;
      counts[byte >>> 4]!++;
    }
    let kraftTotal = 0;
    for (let length = 1; length <= XPRESS_MAX_CODEWORD_LENGTH; length++) {
      kraftTotal += counts[length]! << (XPRESS_MAX_CODEWORD_LENGTH - length);
    }
    if (kraftTotal !== 1 << XPRESS_MAX_CODEWORD_LENGTH) {
      throw new WimFormatError(
        'huffman table',
        0,
        `code lengths are ${kraftTotal > 1 << XPRESS_MAX_CODEWORD_LENGTH ? 'oversubscribed' : 'incomplete'}` +
          ` (Kraft sum ${kraftTotal}/${1 << XPRESS_MAX_CODEWORD_LENGTH})`,
      );
    }
    // Counting sort of the used symbols by (length, symbol): canonical order, so their table ranges are
    // consecutive from index 0.
    const starts = this.lengthStarts;
    starts[1] = 0;
    for (let length = 1; length <= XPRESS_MAX_CODEWORD_LENGTH; length++) {
      starts[length + 1] = starts[length]! + counts[length]!;
    }
    const sorted = this.sortedSymbols;
    for (let symbol = 0; symbol < XPRESS_SYMBOL_COUNT; symbol++) {
      const byte = input[symbol >>> 1]!;
      const length = symbol & 1 ? byte >>> 4 : byte & 15;
      if (length !== 0) sorted[starts[length]!++] = symbol;
    }
    const table = this.decodeTable;
    let tableIndex = 0;
    let sortedIndex = 0;
    for (let length = 1; length <= XPRESS_MAX_CODEWORD_LENGTH; length++) {
      const span = 1 << (TABLE_BITS - length);
      for (let n = counts[length]!; n > 0; n--) {
        const symbol = sorted[sortedIndex++]!;
        table.fill((symbol << 4) | length, tableIndex, tableIndex + span);
        tableIndex += span;
      }
    }
  }
}
