import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rendererDir, repoRoot } from './fixtures';

/** `npm test` on a fresh checkout has no built renderer yet: build it once instead of failing every spec. */
export default function globalSetup(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
