import { parentPort } from 'node:worker_threads';
import { compressChunkInPlace } from './chunk-compression';
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
    // The stream is smaller than the chunk, so it goes into the chunk's own buffer: that one buffer goes back
    // either way, which lets the writer recycle it (no per-chunk allocation on the main thread).
    const streamLength = compressChunkInPlace(chunk);
    const response: CompressResponse = {
      id: request.id,
      buffer: request.buffer,
      length: streamLength ?? chunk.length,
      compressed: streamLength !== null,
    };
    parentPort?.postMessage(response, [request.buffer]);
  } catch (error) {
    const response: CompressResponse = {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    };
    parentPort?.postMessage(response);
  }
});
