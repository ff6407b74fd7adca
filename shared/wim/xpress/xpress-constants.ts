/**
 * Fixed parameters of the XPRESS-Huffman format as used in WIM chunks (spec docs/format/wim-format.md §8).
 * Evidence levels are those of the spec: [MS] = [MS-XCA], [SRC] = wimlib/7-Zip source, [RT] = round trip.
 */

/** 256 literal symbols + 256 match symbols (16 offset-bit counts × 16 length headers) [MS §8.2]. */
export const XPRESS_SYMBOL_COUNT = 512;
/** Symbols below this value are literal bytes [MS §8.2]. */
export const XPRESS_LITERAL_COUNT = 256;
/** Symbol 256 (length 3, offset 1) doubles as the end-of-data marker [MS §8.2, §8.7]. */
export const XPRESS_END_OF_DATA_SYMBOL = 256;
/** Each codeword length is a nibble of the 256-byte table, so 15 bits is the hard limit [MS §8.3]. */
export const XPRESS_MAX_CODEWORD_LENGTH = 15;
/** 512 nibbles = 256 bytes of code lengths precede the bitstream [MS §8.3]. */
export const XPRESS_CODE_LENGTH_TABLE_SIZE = 256;
/** Table + the two initially reserved 16-bit slots: 7-Zip refuses anything shorter [SRC §8.7]. */
export const XPRESS_MIN_STREAM_SIZE = XPRESS_CODE_LENGTH_TABLE_SIZE + 4;
export const XPRESS_MIN_MATCH_LENGTH = 3;
/** Length header values 0…14 are literal lengths; 15 announces extra length byte(s) [MS §8.5]. */
export const XPRESS_LENGTH_HEADER_ESCAPE = 15;
/** Match offsets are limited by the 4-bit offset-bit count: 2^16 − 1 [MS §8.2]. */
export const XPRESS_MAX_OFFSET = 65535;
/** One XPRESS block never holds more than 64 KiB, so a WIM chunk never does either [MS §8.1][SRC §2.2]. */
export const XPRESS_MAX_CHUNK_SIZE = 65536;
