import { parentPort } from 'node:worker_threads';
import { packBlock } from './chunk-compression';
import type { CompressResponse } from './worker-pool';
import { errorMessage } from '../../text/error-message';

/**
 * Worker entry of the chunk-compression pool. Bundled as `dist/cli/wim-compress-worker.cjs` (second input of
 * vite.cli.config.ts) and run from TS source under vitest through the loader in worker-pool.ts.
 * Protocol: { id, buffer, length } (a block of chunks) in, CompressResponse out; buffers are transferred both ways.
 */
interface CompressRequest {
  id: number;
  buffer: ArrayBuffer;
  length: number;
}

parentPort?.on('message', (request: CompressRequest) => {
  try {
    // The stored chunks are packed into the block's own buffer, which goes back to the writer to be
    // recycled (no per-block allocation on either thread).
    const storedSizes = packBlock(new Uint8Array(request.buffer, 0, request.length));
    const response: CompressResponse = { id: request.id, buffer: request.buffer, storedSizes };
    parentPort?.postMessage(response, [request.buffer]);
  } catch (error) {
    const response: CompressResponse = {
      id: request.id,
      error: errorMessage(error),
    };
    parentPort?.postMessage(response);
  }
});
