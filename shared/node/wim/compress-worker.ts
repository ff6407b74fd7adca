import { parentPort } from 'node:worker_threads';
import { compressChunkOrNull } from './chunk-compression';
import type { CompressResponse } from './worker-pool';

/**
 * Worker entry of the chunk-compression pool. Bundled as `dist/cli/wim-compress-worker.js` (second input of
 * vite.cli.config.ts) and run from TS source under vitest through the loader in worker-pool.ts.
 * Protocol: { id, buffer, length } in, CompressResponse out; buffers are transferred both ways.
 */
interface CompressRequest {
  id: number;
  buffer: ArrayBuffer;
  length: number;
}

parentPort?.on('message', (request: CompressRequest) => {
  try {
    const chunk = new Uint8Array(request.buffer, 0, request.length);
    const compressed = compressChunkOrNull(chunk);
    // Hand back either the compressed stream or the caller's own chunk buffer, transferred (no copy when
    // the stream owns its whole buffer).
    const result = compressed ?? chunk;
    const owned = result.byteOffset === 0 && result.buffer instanceof ArrayBuffer ? result : result.slice();
    const buffer = owned.buffer as ArrayBuffer;
    const response: CompressResponse = {
      id: request.id,
      buffer,
      length: owned.length,
      compressed: !!compressed,
    };
    parentPort?.postMessage(response, [buffer]);
  } catch (error) {
    const response: CompressResponse = {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    };
    parentPort?.postMessage(response);
  }
});
