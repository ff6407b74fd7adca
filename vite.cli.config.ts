import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
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

// The CLI is bundled into plain Node ESM so it runs with `node` and `npx ppkg-studio` without a TS loader.
// Start-up is most of a small build's time, so the bundle is minified (less to parse) and split per command
// (cli/index.ts imports each lazily): `wim` loads only the WIM code, `build` not the reader or batch code.
export default defineConfig({
  plugins: [executableCliEntry()],
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
        'wim-compress-worker': resolve(__dirname, 'shared/node/wim/compress-worker.ts'),
        'catalog-generate': resolve(__dirname, 'cli/catalog-generate.ts'),
      },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.name === 'index' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  ssr: { noExternal: true },
});
