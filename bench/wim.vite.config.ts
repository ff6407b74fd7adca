/**
 * Bundles bench/wim.ts into plain Node ESM (bench/.work/wim.js) so it runs on Node 20 without a TS loader.
 * `npm run bench:wim` builds the CLI and this file, then runs it.
 */
import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(__dirname, '.work'),
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { wim: resolve(__dirname, 'wim.ts') },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: true },
});
