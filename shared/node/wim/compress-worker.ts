import { parentPort } from 'node:worker_threads';
import { compressChunkOrNull } from './chunk-compression';

/**
 * Worker entry of the chunk-compression pool. Bundled as `dist/cli/wim-compress-worker.js` (second input of
 * vite.cli.config.ts) and run from TS source under vitest through the loader in worker-pool.ts.
 * Protocol: { id, chunk: ArrayBuffer } in, { id, compressed: ArrayBuffer | null } out (buffers transferred).
 */
interface CompressRequest {
  id: number;
  chunk: ArrayBuffer;
}

parentPort?.on('message', (request: CompressRequest) => {
  try {
    const compressed = compressChunkOrNull(new Uint8Array(request.chunk));
    const buffer = compressed ? compressed.slice().buffer : null;
    parentPort?.postMessage({ id: request.id, compressed: buffer }, buffer ? [buffer] : []);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
