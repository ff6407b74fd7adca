import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads the CLI bundle's own CommonJS files (dist/cli/main.cjs and its chunks) with a V8 code cache, so a run
 * does not parse and compile ~1 MB of JavaScript again (measured with bench:build: the largest share of a small
 * build's time after Node's own start-up).
 *
 * Why by hand: Node 20, which the CLI supports, has no compile cache of its own (`module.enableCompileCache` came
 * in Node 22.1), and the v8-compile-cache package re-serialises every script on every run and keeps its cache in
 * the shared temp folder. Here the cache is written only when a file had none (or V8 rejected it), and after the
 * run, so it holds the functions that run used and not only the top-level code (`Script#createCachedData`). It
 * lives in the user's own cache folder. The cache is an optimisation only: any problem reading or writing it
 * falls back to compiling, silently.
 *
 * Only relative requests of bundle files (`./chunks/x.cjs`) come through here; everything else (Node's built-in
 * modules: the bundle has no other dependencies) goes to Node's `require`.
 */

/** Set to `off` to compile without a cache; any other value is the cache folder to use. */
export const COMPILE_CACHE_ENV = 'PPKG_STUDIO_COMPILE_CACHE';

/** The per-user cache folder for this platform (the OS conventions for caches; never the shared temp folder). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'ppkg-studio', 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'ppkg-studio');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ppkg-studio');
}

/** One cached file: which version of the source it belongs to, and where its data lies in the cache file. */
interface CacheEntry {
  file: string;
  stamp: string;
  offset: number;
  length: number;
}

/**
 * The cache file: a 4-byte little-endian header length, the header (JSON: the entries), then the V8 data of
 * each entry back to back. One file per V8 version and architecture, since V8 accepts data only from its own
 * version and flags; files are keyed by path and stamp, so installed CLI versions share it without mixing.
 */
function readCacheFile(path: string): Map<string, { stamp: string; data: Buffer }> {
  const cached = new Map<string, { stamp: string; data: Buffer }>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return cached;
  }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const entries = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as CacheEntry[];
    const dataStart = 4 + headerLength;
    for (const { file, stamp, offset, length } of entries) {
      const start = dataStart + offset;
      if (start + length > bytes.length) return new Map(); // truncated: start afresh
      cached.set(file, { stamp, data: bytes.subarray(start, start + length) });
    }
  } catch {
    return new Map();
  }
  return cached;
}

function writeCacheFile(path: string, entries: Map<string, { stamp: string; data: Buffer }>): void {
  const header: CacheEntry[] = [];
  let offset = 0;
  for (const [file, { stamp, data }] of entries) {
    header.push({ file, stamp, offset, length: data.length });
    offset += data.length;
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lengthBytes = Buffer.alloc(4);
  lengthBytes.writeUInt32LE(headerBytes.length);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Beside the target and renamed into place: a concurrent run reads the old file or the new one, never half.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(
      temporary,
      Buffer.concat([lengthBytes, headerBytes, ...[...entries.values()].map((e) => e.data)]),
      {
        mode: 0o600,
      },
    );
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * What identifies one version of a file without reading it: V8 checks cache data against its source by length
 * only, and npm's installs give every file the same fixed mtime, so the change time (set by the OS whenever a
 * file is written, which archive extraction cannot preserve) and the inode are part of it.
 */
function stampOf(file: string): string {
  const stats = statSync(file);
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

function isCurrent(file: string, stamp: string): boolean {
  try {
    return stampOf(file) === stamp;
  } catch {
    return false; // the file is gone
  }
}

interface LoadedModule {
  exports: Record<string, unknown>;
}

type ModuleWrapper = (
  exports: LoadedModule['exports'],
  require: (id: string) => unknown,
  module: LoadedModule,
  filename: string,
  dirname: string,
) => void;

export class BundleLoader {
  private readonly modules = new Map<string, LoadedModule>();
  private readonly cached: Map<string, { stamp: string; data: Buffer }>;
  /** Scripts compiled without usable cache data this run: their data is made at exit. */
  private readonly fresh: { file: string; stamp: string; script: Script }[] = [];

  /** `cacheFile` null: compile every file (the cache is off). */
  constructor(private readonly cacheFile: string | null) {
    this.cached = cacheFile ? readCacheFile(cacheFile) : new Map();
  }

  /** Files this run compiled without usable cache data (their data is written by save()). */
  get compiledWithoutCache(): string[] {
    return this.fresh.map(({ file }) => file);
  }

  /** Runs a bundle file (once; later calls return the same exports), as Node would run a CommonJS module. */
  load(file: string): LoadedModule['exports'] {
    const known = this.modules.get(file);
    if (known) return known.exports;
    // Stamp first: a file rewritten after it is read with a newer stamp than its data, so never with a stale one.
    const stamp = stampOf(file);
    const source = readFileSync(file, 'utf8');
    const entry = this.cached.get(file);
    const cachedData = entry?.stamp === stamp ? entry.data : undefined;
    // The same wrapper Node puts around a CommonJS module.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
    });
    if (this.cacheFile && (!cachedData || script.cachedDataRejected))
      this.fresh.push({ file, stamp, script });
    const module: LoadedModule = { exports: {} };
    this.modules.set(file, module);
    const wrapper = script.runInThisContext() as ModuleWrapper;
    wrapper.call(module.exports, module.exports, this.requireFrom(file), module, file, dirname(file));
    return module.exports;
  }

  private requireFrom(file: string): (id: string) => unknown {
    const nodeRequire = createRequire(file);
    const folder = dirname(file);
    return (id) =>
      id.startsWith('./') || id.startsWith('../') ? this.load(resolve(folder, id)) : nodeRequire(id);
  }

  /**
   * Writes the cache when this run compiled a file without it; called at exit, so the data includes every
   * function the run compiled. Files this run did not load keep their data when it is still current.
   */
  save(): void {
    if (!this.cacheFile || this.fresh.length === 0) return;
    const recompiled = new Set(this.fresh.map(({ file }) => file));
    const entries = new Map<string, { stamp: string; data: Buffer }>();
    for (const [file, entry] of this.cached) {
      if (recompiled.has(file)) continue;
      if (this.modules.has(file) || isCurrent(file, entry.stamp)) entries.set(file, entry);
    }
    for (const { file, stamp, script } of this.fresh)
      entries.set(file, { stamp, data: script.createCachedData() });
    writeCacheFile(this.cacheFile, entries);
  }
}

/**
 * The loader for this process: caching in the per-user folder (or `PPKG_STUDIO_COMPILE_CACHE`), and saving at
 * exit. Files are keyed by path and stamp, so installed versions share the cache file without mixing.
 */
export function startBundleLoader(): BundleLoader {
  const setting = process.env[COMPILE_CACHE_ENV];
  const folder = setting === 'off' ? null : setting || defaultCacheDir();
  const name = `cli-v8-${process.versions.v8}-${process.arch}.bin`.replace(/[^\w.-]/g, '_');
  const loader = new BundleLoader(folder ? join(folder, 'compile-cache', name) : null);
  process.once('exit', () => {
    try {
      loader.save();
    } catch {
      // A cache that cannot be written only costs the next run its compile time.
    }
  });
  return loader;
}
