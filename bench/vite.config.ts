/**
 * Bundles every benchmark script (bench/<name>.ts → bench/.work/<name>.js) into plain Node ESM, so they run on
 * Node 20 without a TypeScript loader. The npm scripts `bench:<name>` build this and run one of them.
 */
import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const benchmarks = ['wim', 'build', 'xpress', 'compiler', 'catalog', 'xml', 'preview', 'app-build'] as const;
/** Workers the app-build benchmark starts, bundled beside it under the names out/main uses. */
const workers = {
  'app-task-worker': resolve(__dirname, '../electron/main/tasks/task-worker.ts'),
  'wim-compress-worker': resolve(__dirname, '../shared/node/wim/compress-worker.ts'),
};

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(__dirname, '.work'),
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: {
        ...Object.fromEntries(benchmarks.map((name) => [name, resolve(__dirname, `${name}.ts`)])),
        ...workers,
      },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: true },
});
