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

/**
 * Compresses `chunk` and, when the stream is smaller, writes it over the start of `chunk` and returns its
 * length; returns null (chunk untouched) when the chunk is to be stored raw.
 */
export function compressChunkInPlace(chunk: Uint8Array): number | null {
  const { wasm } = encoder();
  const stream = wasm ? wasm.compress(chunk, chunk.length) : xpressCompressIfSmaller(chunk, chunk.length);
  if (!stream) return null;
  chunk.set(stream);
  return stream.length;
}

/** Like compressChunkInPlace, but returns the stream in new memory and leaves `chunk` alone. */
export function compressChunkOrNull(chunk: Uint8Array): Uint8Array | null {
  const { wasm } = encoder();
  return wasm ? (wasm.compress(chunk, chunk.length)?.slice() ?? null) : xpressCompressIfSmaller(chunk);
}
