import { besideBundleEntry } from '../bundle-file';
import type { Worker } from 'node:worker_threads';
import { type ChunkCompressFunction, packBlock, packBlockWith } from './chunk-compression';

export type { ChunkCompressFunction } from './chunk-compression';

/**
 * Compresses blocks of 32 KiB chunks on a pool of worker_threads, falling back to the calling thread when
 * workers cannot start (e.g. inside a bundle that lacks the worker file). Results come back per request, so
 * callers keep block order themselves and the output stays deterministic. A request carries a block of several
 * chunks rather than one: each message costs tens of microseconds on both threads, which at one per 32 KiB
 * chunk was a fifth of a capture's CPU time.
 */
export interface ChunkCompressor {
  readonly mode: 'workers' | 'in-thread';
  /**
   * Compresses each chunk of `block` (consecutive WIM_CHUNK_SIZE chunks, the last may be shorter) and packs
   * what is to be stored — the XPRESS stream when smaller, else the raw chunk — to the front of the block.
   * Takes ownership of `block` (its buffer may be transferred to a worker and come back in the result).
   */
  compressBlock(block: Uint8Array): Promise<StoredBlock>;
  close(): Promise<void>;
}

/** A block after compression: `bytes` (in the block's buffer) holds the stored chunks back to back. */
export interface StoredBlock {
  bytes: Uint8Array;
  /** Stored size of each chunk, in order (equal to the chunk's size when it is stored raw). */
  storedSizes: number[];
}

/**
 * Below this much content, compressing on the calling thread finishes sooner than starting worker threads
 * (measured with bench:wim on the 2-core build machine: 8 MiB took 0.5–0.8 s in-thread vs 0.75–1.7 s with
 * two workers under load).
 */
export const WORKERS_MIN_BYTES = 16 << 20;

/**
 * Name of the bundled worker entry (rollupOptions.input of vite.cli.config.ts, electron.vite.config.ts and
 * bench/vite.config.ts), without its extension: the CLI bundle is CommonJS (`.cjs`), the others ESM (`.js`).
 */
const BUNDLED_WORKER_NAME = 'wim-compress-worker';
const SOURCE_WORKER_FILE = 'compress-worker.ts';

/**
 * A worker holds one 32 KiB chunk at a time, so a small young generation is enough; V8's default lets each
 * worker's heap float up by tens of MiB of garbage, which counts against the 200 MiB peak-RSS budget.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 3 };

/**
 * The worker modules are imported when a worker starts, not with this file: most packages are compressed
 * in-thread, and node:worker_threads alone costs a small CLI build ~2 ms to load (measured on Node 20).
 */
async function startWorker(): Promise<Worker> {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const { startModuleWorker } = await import('../start-worker');
    return startModuleWorker(here, `${BUNDLED_WORKER_NAME}.js`, SOURCE_WORKER_FILE);
  }
  // Not `import()`: the CLI runs its bundle through vm.Script (cli/support/compile-cache.ts), where a dynamic
  // import has no loader and throws, and the pool would quietly fall back to one thread.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  // The worker is bundled in the bundle's format: CommonJS (`.cjs`) for the CLI, ESM (`.js`) elsewhere.
  const file = `${BUNDLED_WORKER_NAME}${here.endsWith('.cjs') ? '.cjs' : '.js'}`;
  return new Worker(besideBundleEntry(file, here), { resourceLimits: WORKER_LIMITS });
}

interface Pending {
  resolve(value: StoredBlock): void;
  reject(error: Error): void;
}

/** Worker → main message: `buffer` (transferred back) holds the packed block, `storedSizes` its chunks. */
export interface CompressResponse {
  id: number;
  buffer?: ArrayBuffer;
  storedSizes?: number[];
  error?: string;
}

class WorkerPoolCompressor implements ChunkCompressor {
  readonly mode = 'workers';
  private nextId = 0;
  /**
   * Blocks queued per worker. A block goes to the worker with the fewest, so one that drew costly blocks
   * (text, code) does not hold up the in-order writer while the other idles after cheap ones (zeros, noise).
   */
  private readonly queued: number[];
  private readonly pending = new Map<number, Pending>();
  /** Set once a worker dies: later requests fail at once instead of waiting on a dead thread. */
  private failure: Error | null = null;
  private closing = false;

  constructor(private readonly workers: Worker[]) {
    this.queued = workers.map(() => 0);
    for (const [index, worker] of workers.entries()) {
      worker.on('message', (message: CompressResponse) => {
        const request = this.pending.get(message.id);
        if (!request) return;
        this.pending.delete(message.id);
        this.queued[index]!--;
        if (message.error !== undefined || !message.buffer || !message.storedSizes) {
          request.reject(new Error(`chunk compression failed: ${message.error ?? 'no data'}`));
        } else {
          const length = message.storedSizes.reduce((sum, size) => sum + size, 0);
          const bytes = new Uint8Array(message.buffer, 0, length);
          request.resolve({ bytes, storedSizes: message.storedSizes });
        }
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.failAll(new Error(`compression worker exited with code ${code}`));
      });
    }
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  compressBlock(block: Uint8Array): Promise<StoredBlock> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    let index = 0;
    for (let other = 1; other < this.workers.length; other++) {
      if (this.queued[other]! < this.queued[index]!) index = other;
    }
    const worker = this.workers[index]!;
    this.queued[index]!++;
    // Ownership moves to the worker without a copy (the writer hands over a block of its own each time); a
    // view on a shared buffer is copied first (not with slice(), which on a Buffer is a view). Transfers,
    // unlike clones, also keep allocation and release of the block memory balanced per thread, which
    // measurably lowers peak RSS.
    const owned =
      block.byteOffset === 0 && block.buffer instanceof ArrayBuffer ? block : new Uint8Array(block);
    const buffer = owned.buffer as ArrayBuffer;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, buffer, length: owned.length }, [buffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

class InThreadCompressor implements ChunkCompressor {
  readonly mode = 'in-thread';
  /** Without a function, the XPRESS codec (as in the workers). */
  constructor(private readonly compressChunk?: ChunkCompressFunction) {}
  async compressBlock(block: Uint8Array): Promise<StoredBlock> {
    const storedSizes = this.compressChunk ? packBlockWith(block, this.compressChunk) : packBlock(block);
    const length = storedSizes.reduce((sum, size) => sum + size, 0);
    return { bytes: block.subarray(0, length), storedSizes };
  }
  async close(): Promise<void> {}
}

/** Waits until the worker has loaded its entry (first 'online' then a ping round trip) or failed. */
function whenReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start in time')), 20_000);
    const done = (error?: Error): void => {
      clearTimeout(timer);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      if (error) reject(error);
      else resolve();
    };
    const onError = (error: Error): void => done(error);
    const onExit = (code: number): void => done(new Error(`worker exited with code ${code}`));
    const onMessage = (message: { id: number }): void => {
      if (message.id === -1) done();
    };
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.on('message', onMessage);
    // An empty chunk is a cheap readiness probe that exercises the real codec path.
    const probe = new Uint8Array(1).buffer;
    worker.postMessage({ id: -1, buffer: probe, length: 1 }, [probe]);
  });
}

export async function createChunkCompressor(options: {
  workerCount: number;
  /** Replaces the XPRESS codec; always runs in-thread (functions cannot cross to workers). */
  compressChunk?: ChunkCompressFunction;
}): Promise<ChunkCompressor> {
  if (options.compressChunk) return new InThreadCompressor(options.compressChunk);
  if (options.workerCount <= 0) return new InThreadCompressor();
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < options.workerCount; i++) workers.push(await startWorker());
    await Promise.all(workers.map(whenReady));
    return new WorkerPoolCompressor(workers);
  } catch {
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => 0)));
    return new InThreadCompressor();
  }
}
