import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleLoader, defaultCacheDir } from '../../cli/support/compile-cache';

/** A two-file CommonJS "bundle" like dist/cli: main.cjs requires ./chunks/count.cjs twice and a built-in. */
let dir: string;
let cacheFile: string;
const mainFile = () => join(dir, 'main.cjs');
const chunkFile = () => join(dir, 'chunks', 'count.cjs');

function writeChunk(body: string): void {
  writeFileSync(chunkFile(), body);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ppkg-compile-cache-'));
  cacheFile = join(dir, 'cache', 'cli.bin');
  mkdirSync(join(dir, 'chunks'));
  writeChunk('globalThis.__ppkgLoads = (globalThis.__ppkgLoads ?? 0) + 1; exports.double = (n) => n * 2;');
  writeFileSync(
    mainFile(),
    [
      'const first = require("./chunks/count.cjs");',
      'const again = require("./chunks/../chunks/count.cjs");',
      'const { basename } = require("node:path");',
      'exports.result = () => [first === again, first.double(21), basename(__filename), typeof module.exports];',
    ].join('\n'),
  );
  (globalThis as { __ppkgLoads?: number }).__ppkgLoads = 0;
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (loader: BundleLoader) => (loader.load(mainFile()) as { result: () => unknown[] }).result();

describe('BundleLoader', () => {
  it('runs a CommonJS graph once per file, with Node built-ins from Node', () => {
    const loader = new BundleLoader(null);
    expect(run(loader)).toEqual([true, 42, 'main.cjs', 'object']);
    expect(loader.load(mainFile())).toBe(loader.load(mainFile()));
    expect((globalThis as { __ppkgLoads?: number }).__ppkgLoads).toBe(1);
  });

  it('writes the cache after a cold run and compiles nothing the next run', () => {
    const cold = new BundleLoader(cacheFile);
    run(cold);
    expect(cold.compiledWithoutCache.sort()).toEqual([chunkFile(), mainFile()].sort());
    cold.save();
    expect(statSync(cacheFile).size).toBeGreaterThan(0);
    if (process.platform !== 'win32') expect(statSync(cacheFile).mode & 0o777).toBe(0o600);

    const warm = new BundleLoader(cacheFile);
    expect(run(warm)).toEqual([true, 42, 'main.cjs', 'object']);
    expect(warm.compiledWithoutCache).toEqual([]);
    const before = readFileSync(cacheFile);
    warm.save(); // nothing new: the file is not rewritten
    expect(readFileSync(cacheFile).equals(before)).toBe(true);
  });

  it('recompiles a file that changed and keeps the data of the others', () => {
    // npm gives every installed file this mtime, whatever its version.
    const npmTime = new Date('1985-10-26T08:15:00Z');
    utimesSync(chunkFile(), npmTime, npmTime);
    const cold = new BundleLoader(cacheFile);
    run(cold);
    cold.save();

    // Same length and, as after an npm install over an older one, the same mtime: V8's own check of cache data
    // against its source is by length only, so only the stamp (change time) tells the versions apart.
    writeChunk(readFileSync(chunkFile(), 'utf8').replace('n * 2', 'n * 3'));
    utimesSync(chunkFile(), npmTime, npmTime);
    const changed = new BundleLoader(cacheFile);
    expect(run(changed)[1]).toBe(63);
    expect(changed.compiledWithoutCache).toEqual([chunkFile()]);
    changed.save();

    const after = new BundleLoader(cacheFile);
    expect(run(after)[1]).toBe(63);
    expect(after.compiledWithoutCache).toEqual([]);
  });

  it('ignores a damaged cache file and replaces it', () => {
    mkdirSync(join(dir, 'cache'));
    for (const damaged of [Buffer.from('not a cache'), Buffer.from([0xff, 0xff, 0xff, 0x7f, 0x7b])]) {
      writeFileSync(cacheFile, damaged);
      const loader = new BundleLoader(cacheFile);
      expect(run(loader)[1]).toBe(42);
      expect(loader.compiledWithoutCache).toHaveLength(2);
      loader.save();
      expect(new BundleLoader(cacheFile).load(mainFile())).toBeDefined();
    }
    const header = readFileSync(cacheFile);
    writeFileSync(cacheFile, header.subarray(0, header.length - 10)); // truncated data
    const truncated = new BundleLoader(cacheFile);
    expect(run(truncated)[1]).toBe(42);
    expect(truncated.compiledWithoutCache).toHaveLength(2);
  });

  it('writes nothing when the cache is off', () => {
    const loader = new BundleLoader(null);
    run(loader);
    loader.save();
    expect(existsSync(join(dir, 'cache'))).toBe(false);
    expect(loader.compiledWithoutCache).toEqual([]);
  });

  it('reports an error in a bundle file with that file in the stack', () => {
    writeChunk('throw new Error("broken chunk");');
    let stack = '';
    try {
      run(new BundleLoader(null));
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(stack).toContain('broken chunk');
    expect(stack).toContain(chunkFile());
  });
});

describe('defaultCacheDir', () => {
  it('uses each platform’s per-user cache folder, never the temp folder', () => {
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Local', 'ppkg-studio', 'Cache'),
    );
    expect(defaultCacheDir({}, 'darwin')).toMatch(/Library[/\\]Caches[/\\]ppkg-studio$/);
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/home/a/.xdg' }, 'linux')).toBe(
      join('/home/a/.xdg', 'ppkg-studio'),
    );
    expect(defaultCacheDir({}, 'linux')).toMatch(/\.cache[/\\]ppkg-studio$/);
    expect(defaultCacheDir({}, 'linux').startsWith(tmpdir())).toBe(false);
  });
});
