/**
 * Bundles bench/build.ts into plain Node ESM (bench/.work/build.js) so the benchmark runs on Node 20
 * without a TypeScript loader. See the header of bench/build.ts for the command.
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
      input: { build: resolve(__dirname, 'build.ts') },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: true },
});
