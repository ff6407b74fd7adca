import { WIM_CHUNK_SIZE } from '../../wim/header';
import { xpressCompressIfSmaller } from './xpress-codec';
import { type WasmXpressEncoder, wasmXpressEncoder } from './xpress-wasm';

/**
 * Chunk compression for the WIM writer: the WebAssembly encoder (wasm/xpress/), or the TypeScript reference
 * encoder when WebAssembly cannot start or PPKG_XPRESS_ENCODER=ts asks for it (benchmarks, comparisons).
 * Both are size-limited: a chunk whose stream would not be smaller than the chunk is detected once the Huffman
 * code is known and no stream is written (docs/format/wim-format.md §3.2: such a chunk is stored raw).
 */
export type XpressEncoderName = 'wasm' | 'ts';

let selected: { name: XpressEncoderName; wasm: WasmXpressEncoder | null } | undefined;

function encoder(): { name: XpressEncoderName; wasm: WasmXpressEncoder | null } {
  if (!selected) {
    const wasm = process.env.PPKG_XPRESS_ENCODER === 'ts' ? null : wasmXpressEncoder();
    selected = { name: wasm ? 'wasm' : 'ts', wasm };
  }
  return selected;
}

/** The encoder this thread uses. */
export function chunkEncoderName(): XpressEncoderName {
  return encoder().name;
}

export type ChunkCompressFunction = (chunk: Uint8Array) => Uint8Array | null;

/** The stream for `chunk` when it is smaller than the chunk (as a view valid until the next call), else null. */
function encodeIfSmaller(chunk: Uint8Array): Uint8Array | null {
  const { wasm } = encoder();
  return wasm ? wasm.compress(chunk, chunk.length) : xpressCompressIfSmaller(chunk, chunk.length);
}

/**
 * Compresses each WIM_CHUNK_SIZE chunk of `block` (the last may be shorter) with `encode` and packs what is to
 * be stored — the stream, or the raw chunk when `encode` returns null — to the front of the block, in order.
 * Packing in place is safe: a chunk's stored form is never longer than the chunk, so it only lands on bytes
 * of this chunk or of chunks already encoded. Returns each chunk's stored size.
 */
export function packBlockWith(block: Uint8Array, encode: ChunkCompressFunction): number[] {
  const storedSizes: number[] = [];
  let packed = 0;
  for (let at = 0; at < block.length; at += WIM_CHUNK_SIZE) {
    const end = Math.min(at + WIM_CHUNK_SIZE, block.length);
    const stream = encode(block.subarray(at, end));
    if (stream && stream.length < end - at) {
      block.set(stream, packed);
      packed += stream.length;
      storedSizes.push(stream.length);
    } else {
      if (packed !== at) block.copyWithin(packed, at, end);
      packed += end - at;
      storedSizes.push(end - at);
    }
  }
  return storedSizes;
}

/** packBlockWith this thread's XPRESS encoder (size-limited: a chunk that cannot shrink is not encoded). */
export function packBlock(block: Uint8Array): number[] {
  return packBlockWith(block, encodeIfSmaller);
}

/** The stream for `chunk` in new memory when it is smaller than the chunk, else null; `chunk` is left alone. */
export function compressChunkOrNull(chunk: Uint8Array): Uint8Array | null {
  return encodeIfSmaller(chunk)?.slice() ?? null;
}
