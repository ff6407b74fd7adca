import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const require = createRequire(import.meta.url);

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Package builds compress WIM chunks in worker threads, off main's event loop (see worker-pool.ts).
          'wim-compress-worker': resolve(__dirname, 'shared/node/wim/compress-worker.ts'),
          // Package inspection and the wizard's build run here, so the window never waits on them.
          'app-task-worker': resolve(__dirname, 'electron/main/tasks/task-worker.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    // xmlbuilder2's package entry needs Node's `events`; its browser bundle does not (shared/xml runs here).
    resolve: { alias: { xmlbuilder2: require.resolve('xmlbuilder2/lib/xmlbuilder2.min.js') } },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
