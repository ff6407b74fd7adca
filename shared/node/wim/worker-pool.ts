import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { compressChunkOrNull } from './chunk-compression';

/**
 * Compresses 32 KiB chunks on a pool of worker_threads, falling back to the calling thread when workers
 * cannot start (e.g. inside a bundle that lacks the worker file). Results come back per request, so callers
 * keep chunk order themselves and the output stays deterministic.
 */
export interface ChunkCompressor {
  readonly mode: 'workers' | 'in-thread';
  /** Compressed bytes, or null when compression did not make the chunk smaller (store it raw). */
  compress(chunk: Uint8Array): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export type ChunkCompressFunction = (chunk: Uint8Array) => Uint8Array | null;

/** Name of the bundled worker entry next to dist/cli/index.js (vite.cli.config.ts rollupOptions.input). */
const BUNDLED_WORKER_FILE = 'wim-compress-worker.js';
const SOURCE_WORKER_FILE = 'compress-worker.ts';

/**
 * Loader used only when running from TS source (vitest): Node 20 cannot execute .ts in a worker, so the
 * worker registers these hooks, which transpile .ts with the project's TypeScript and resolve the
 * extension-less imports that moduleResolution "Bundler" allows.
 */
const SOURCE_LOADER = `
let ts;
export async function initialize(data) { ts = (await import(data.typescriptUrl)).default; }
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (context.parentURL && context.parentURL.endsWith('.ts') && specifier.startsWith('.')) {
      for (const suffix of ['.ts', '/index.ts']) {
        try { return await next(specifier + suffix, context); } catch {}
      }
    }
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL(url), 'utf8');
  const output = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
}`;

function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(BUNDLED_WORKER_FILE, here));
  const typescriptUrl = new URL(`file://${createRequire(here).resolve('typescript')}`).href;
  const entryUrl = new URL(SOURCE_WORKER_FILE, here).href;
  const bootstrap = `
    const { register } = require('node:module');
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(SOURCE_LOADER)}), {
      data: { typescriptUrl: ${JSON.stringify(typescriptUrl)} },
    });
    import(${JSON.stringify(entryUrl)});`;
  return new Worker(bootstrap, { eval: true });
}

interface Pending {
  resolve(value: Uint8Array | null): void;
  reject(error: Error): void;
}

class WorkerPoolCompressor implements ChunkCompressor {
  readonly mode = 'workers';
  private nextId = 0;
  private nextWorker = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: { id: number; compressed?: ArrayBuffer | null; error?: string }) => {
        const request = this.pending.get(message.id);
        if (!request) return;
        this.pending.delete(message.id);
        if (message.error !== undefined)
          request.reject(new Error(`chunk compression failed: ${message.error}`));
        else request.resolve(message.compressed ? new Uint8Array(message.compressed) : null);
      });
      worker.on('error', (error) => this.failAll(error));
    }
  }

  private failAll(error: Error): void {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  compress(chunk: Uint8Array): Promise<Uint8Array | null> {
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length] as Worker;
    // A private copy is transferred, so the caller may reuse its buffer.
    const buffer = chunk.slice().buffer;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, chunk: buffer }, [buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

class InThreadCompressor implements ChunkCompressor {
  readonly mode = 'in-thread';
  constructor(private readonly compressChunk: ChunkCompressFunction) {}
  async compress(chunk: Uint8Array): Promise<Uint8Array | null> {
    return this.compressChunk(chunk);
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
    worker.postMessage({ id: -1, chunk: probe }, [probe]);
  });
}

export async function createChunkCompressor(options: {
  workerCount: number;
  /** Replaces the XPRESS codec; always runs in-thread (functions cannot cross to workers). */
  compressChunk?: ChunkCompressFunction;
}): Promise<ChunkCompressor> {
  if (options.compressChunk) return new InThreadCompressor(options.compressChunk);
  if (options.workerCount <= 0) return new InThreadCompressor(compressChunkOrNull);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < options.workerCount; i++) workers.push(startWorker());
    await Promise.all(workers.map(whenReady));
    return new WorkerPoolCompressor(workers);
  } catch {
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => 0)));
    return new InThreadCompressor(compressChunkOrNull);
  }
}
