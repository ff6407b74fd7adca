/**
 * Bundles bench/compiler.ts into plain Node ESM (bench/.work/compiler.js) so the benchmark runs on Node 20
 * without a TypeScript loader. See the header of bench/compiler.ts for the command.
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
      input: { compiler: resolve(__dirname, 'compiler.ts') },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: true },
});
