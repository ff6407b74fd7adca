import { XPRESS_WASM_BASE64 } from './xpress-wasm-binary';

/**
 * The WebAssembly XPRESS encoder (wasm/xpress/xpress-encoder.c), instantiated synchronously from the bytes
 * embedded in xpress-wasm-binary.ts. One instance per thread: its state lives in its own linear memory.
 */

// shared/node compiles without the DOM lib, which is where TypeScript declares WebAssembly; Node and
// Electron's main process both provide it, so only the few members used here are declared.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

interface EncoderExports {
  memory: { buffer: ArrayBuffer };
  xpress_input(): number;
  xpress_output(): number;
  xpress_compress(length: number, sizeLimit: number): number;
}

export interface WasmXpressEncoder {
  /**
   * Compresses `chunk` (≤ 64 KiB). Returns the stream as a view into the encoder's memory — valid only until
   * the next call — or null when the stream would be `sizeLimit` bytes or longer (nothing is encoded then).
   */
  compress(chunk: Uint8Array, sizeLimit?: number): Uint8Array | null;
}

const MAX_CHUNK = 65536;

export function createWasmXpressEncoder(): WasmXpressEncoder {
  const bytes = new Uint8Array(Buffer.from(XPRESS_WASM_BASE64, 'base64'));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const exports = instance.exports as unknown as EncoderExports;
  // The memory never grows (all buffers are static), so these views stay valid.
  const memory = new Uint8Array(exports.memory.buffer);
  const inputAt = exports.xpress_input();
  const outputAt = exports.xpress_output();
  return {
    compress(chunk, sizeLimit = chunk.length) {
      if (chunk.length > MAX_CHUNK) {
        throw new RangeError(`XPRESS chunk of ${chunk.length} bytes exceeds ${MAX_CHUNK}`);
      }
      memory.set(chunk, inputAt);
      // The C side compares unsigned: clamp so "no limit" stays representable.
      const limit = Math.min(Math.max(sizeLimit, 0), 0xffffffff) >>> 0;
      const size = exports.xpress_compress(chunk.length, limit) >>> 0;
      return size === 0 ? null : memory.subarray(outputAt, outputAt + size);
    },
  };
}

let shared: WasmXpressEncoder | null | undefined;

/** This thread's wasm encoder, or null when WebAssembly is unavailable (the TypeScript encoder is used then). */
export function wasmXpressEncoder(): WasmXpressEncoder | null {
  if (shared === undefined) {
    try {
      shared = createWasmXpressEncoder();
    } catch {
      shared = null;
    }
  }
  return shared;
}
