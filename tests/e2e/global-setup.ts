import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PPKG_FIXTURE_FILES } from '../support/fixtures';
import { missingReferenceMessage, missingReferences, strictAbout } from '../support/reference';
import { rendererDir, repoRoot } from './fixtures';

/**
 * `npm test` on a fresh checkout has no built renderer yet: build it once instead of failing every spec. Also says
 * up front when the specs that open real WCD packages will be skipped (or, with CI=true, fail).
 */
export default function globalSetup(): void {
  const missing = missingReferences(PPKG_FIXTURE_FILES);
  if (missing.length > 0) {
    const effect = strictAbout('reference') ? 'will FAIL (CI=true)' : 'are skipped';
    console.log(
      `\nThe e2e specs that open real WCD packages ${effect}: ${missingReferenceMessage(missing)}\n`,
    );
  }
  if (existsSync(join(rendererDir, 'index.html'))) return;
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
