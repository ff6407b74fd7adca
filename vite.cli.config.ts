import { chmod, copyFile, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

/**
 * npx sets the exec bit only when it first links the package; every rebuild writes a fresh file, so the bundle
 * marks its own entry executable (`npx ppkg-studio` after `npm run build` would otherwise say Permission denied).
 */
function executableCliEntry(): Plugin {
  return {
    name: 'ppkg-executable-cli-entry',
    async writeBundle(options, bundle) {
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.name === 'index');
      if (entry && options.dir) await chmod(resolve(options.dir, entry.fileName), 0o755);
    },
  };
}

/**
 * The bin stays `dist/cli/index.js`, the path every earlier build had: npx links a project's bin into its own
 * cache once per project folder and never relinks it (observed with npm 11.19.1: after the entry was renamed
 * `index.cjs`, `npx ppkg-studio` in a folder that had run it before said "ppkg-studio: not found"). The package
 * is `"type": "module"`, so the bundle folder gets its own package.json making its `.js` files CommonJS.
 */
const CLI_ENTRY_FILE = 'index.js';

function commonJsBundleScope(): Plugin {
  return {
    name: 'ppkg-commonjs-bundle-scope',
    async writeBundle(options) {
      if (!options.dir) throw new Error('the CLI bundle needs an output folder for its package scope');
      await writeFile(resolve(options.dir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
    },
  };
}

/**
 * JSON modules (the locale strings) become `JSON.parse('…')` instead of an object literal: V8 parses JSON text
 * several times faster than the same data as JavaScript (measured: 7 ms instead of 27 ms for the settings
 * catalog, when it was still a module). Vite's own `json.stringify` option is not applied by this Vite's
 * bundler, hence the plugin.
 */
function jsonAsParse(): Plugin {
  const suffix = '?json-parse';
  return {
    name: 'ppkg-json-as-parse',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `\0${resolved.id}${suffix}` : null;
    },
    async load(id) {
      if (!id.startsWith('\0') || !id.endsWith(suffix)) return null;
      const text = await readFile(id.slice(1, -suffix.length), 'utf8');
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`;
    },
  };
}

/**
 * commander requires node:child_process when it loads, for executable subcommands, which this CLI does not have;
 * child_process brings net, dgram and the stream modules with it (~4 ms of every run, measured on Node 20).
 * commander gets a stand-in that loads it on first use instead.
 */
const builtins = new Set(builtinModules);

const commanderChildProcess = (source: string, importer: string | undefined): boolean =>
  importer !== undefined &&
  /[\\/]node_modules[\\/]commander[\\/]/.test(importer) &&
  source.replace(/^node:/, '') === 'child_process';

function lazyChildProcessForCommander(): Plugin {
  const standIn = '\0ppkg-lazy-child-process';
  return {
    name: 'ppkg-lazy-child-process',
    enforce: 'pre',
    resolveId: (source, importer) => (commanderChildProcess(source, importer) ? standIn : null),
    load(id) {
      if (id !== standIn) return null;
      return "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });";
    },
  };
}

/**
 * The built-in settings catalog is not bundled as code: shared/catalog/builtin-source.ts becomes
 * cli/support/builtin-catalog-file.ts, which reads the catalog file this plugin copies beside the entry, on first
 * use and one top-level group at a time (compiling the 700 KB JSON as a string literal cost each build 6–10 ms).
 */
function builtinCatalogBesideBundle(): Plugin {
  const source = resolve(__dirname, 'shared/catalog/builtin-source');
  const reader = resolve(__dirname, 'cli/support/builtin-catalog-file.ts');
  return {
    name: 'ppkg-builtin-catalog-file',
    enforce: 'pre',
    resolveId: (id, importer) =>
      importer && id.startsWith('.') && resolve(dirname(importer), id).replace(/\.ts$/, '') === source
        ? reader
        : null,
    // Copied under its own name when the bundle is written (an SSR build drops emitted assets).
    async writeBundle(options) {
      if (!options.dir) throw new Error('the CLI bundle needs an output folder for its catalog file');
      const catalog = resolve(__dirname, 'shared/catalog/generated/desktop-store.json');
      await copyFile(catalog, resolve(options.dir, basename(catalog)));
    },
  };
}

// The CLI is bundled into plain Node CommonJS (`.cjs` files, and the entry a `.js` in a CommonJS scope, see
// above) so it runs with `node` and `npx ppkg-studio` without a TS loader. Start-up is most of a small build's
// time, so the bundle is minified (less to parse), split per command (cli/main.ts imports each lazily: `wim`
// loads only the WIM code, `build` not the reader or batch code), and CommonJS: Node 20 loads it faster than ESM
// (measured ~30 ms less per build: no asynchronous module graph), and a CommonJS file can be run from V8's code
// cache (cli/support/compile-cache.ts, loaded by the entry, cli/index.ts, before the CLI proper in main.cjs).
export default defineConfig({
  plugins: [
    executableCliEntry(),
    commonJsBundleScope(),
    builtinCatalogBesideBundle(),
    jsonAsParse(),
    lazyChildProcessForCommander(),
  ],
  build: {
    ssr: true,
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'cli/index.ts'),
        main: resolve(__dirname, 'cli/main.ts'),
        'wim-compress-worker': resolve(__dirname, 'shared/node/wim/compress-worker.ts'),
        'catalog-generate': resolve(__dirname, 'cli/catalog-generate.ts'),
      },
      // Node's built-in modules stay requires (commander's child_process excepted, see above).
      external: (source, importer) =>
        builtins.has(source.replace(/^node:/, '')) && !commanderChildProcess(source, importer),
      output: {
        format: 'cjs',
        entryFileNames: (chunk) => (chunk.name === 'index' ? CLI_ENTRY_FILE : '[name].cjs'),
        chunkFileNames: 'chunks/[name]-[hash].cjs',
        banner: (chunk) => (chunk.name === 'index' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  ssr: { noExternal: true },
});
