import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBundleLoader } from './support/compile-cache';

/**
 * Entry of the bundled CLI (dist/cli/index.js, the `ppkg-studio` bin). It only starts the compile cache and
 * runs the CLI proper, dist/cli/main.cjs (cli/main.ts), whose files all load through that cache. It imports
 * nothing the CLI proper imports, so no module is loaded twice.
 */
const bundleDir = dirname(fileURLToPath(import.meta.url));
const { main } = startBundleLoader().load(join(bundleDir, 'main.cjs')) as { main: () => Promise<void> };
void main();
