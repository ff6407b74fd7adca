/**
 * XPRESS-Huffman codec for WIM chunks (spec docs/format/wim-format.md §8). Pure TypeScript, no Node APIs.
 * The WIM writer compresses with the WebAssembly encoder (wasm/xpress/, loaded by shared/node/wim/
 * chunk-compression.ts); this encoder is its reference in tests and its fallback where WebAssembly is missing.
 *
 * Each call reuses one module-level encoder/decoder (preallocated typed arrays); JavaScript is
 * single-threaded per isolate, so worker threads each get their own instances.
 */
import { XpressDecoder, type XpressDecodeOptions } from './xpress-decoder';
import { XpressEncoder } from './xpress-encoder';

export type { XpressDecodeOptions } from './xpress-decoder';
export { XPRESS_MAX_CHUNK_SIZE } from './xpress-constants';

let sharedEncoder: XpressEncoder | undefined;
let sharedDecoder: XpressDecoder | undefined;

/** Compresses one chunk (≤ 65536 bytes, WIM uses 32768) into an XPRESS-Huffman stream. The caller stores the
 *  chunk raw when the result is not smaller than the input. */
export function xpressCompress(input: Uint8Array): Uint8Array {
  return encoder().compress(input)!;
}

/** Like xpressCompress, but returns null — without writing the stream — when it would be `sizeLimit` bytes
 *  or longer (default: the chunk's own size, i.e. "store it raw"). Saves the bitstream write for
 *  incompressible chunks (wimlib passes its compressor the same kind of budget, spec §3.2). */
export function xpressCompressIfSmaller(
  input: Uint8Array,
  sizeLimit: number = input.length,
): Uint8Array | null {
  return encoder().compress(input, sizeLimit);
}

function encoder(): XpressEncoder {
  sharedEncoder ??= new XpressEncoder();
  return sharedEncoder;
}

/** Decompresses one chunk to exactly `outputSize` bytes; throws WimFormatError('xpress' | 'huffman table', offset, …)
 *  on any malformed input (never hangs, never allocates beyond outputSize + small constant).
 *
 *  The input is always decoded as a stream: recognising raw chunks (stored size = chunk size, spec §3.2)
 *  is the container's job, since a stream may legitimately be exactly as long as its output.
 *  `options.strict` adds 7-Zip's end-of-data and exact-length checks (§8.7). The default is wimlib's
 *  leniency (a missing EOD or trailing bytes are tolerated), which is what Windows is reported to do;
 *  every chunk of the real WCD fixtures and all of our own output also pass the strict checks. */
export function xpressDecompress(
  input: Uint8Array,
  outputSize: number,
  options?: XpressDecodeOptions,
): Uint8Array {
  sharedDecoder ??= new XpressDecoder();
  return sharedDecoder.decompress(input, outputSize, options);
}
