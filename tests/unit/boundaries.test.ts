import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

/**
 * Type-checks one probe file as if it belonged to `project` (shared/ or renderer/): the probe's tsconfig
 * extends the real one, so its paths/types/lib settings apply. The probe lives in a dot-folder (ignored by
 * the projects' `**` globs) and is removed afterwards.
 */
async function typecheckProbe(project: 'shared' | 'renderer', source: string): Promise<string> {
  const dir = join(
    repoRoot,
    project,
    `.boundary-probe-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(join(dir, 'probe.ts'), source);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: { noEmit: true, composite: false, incremental: false, rootDir: '..' },
        include: ['probe.ts'],
        exclude: [],
      }),
    );
    try {
      await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false']);
      return '';
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('process boundaries enforced by the type checker', () => {
  it('accepts a shared/ file that stays platform-neutral (control)', async () => {
    const output = await typecheckProbe(
      'shared',
      "import { APP_NAME } from '../version';\nexport const probe = APP_NAME;\n",
    );
    expect(output).toBe('');
  });

  it("rejects `import 'electron'` in shared/ via the poison file", async () => {
    const output = await typecheckProbe(
      'shared',
      "import electron from 'electron';\nexport const probe = electron;\n",
    );
    expect(output).toMatch(
      /shared\/__forbidden__\/electron\.ts\(\d+,\d+\): error TS2322: Type '"see the tsconfig paths mapping"' is not assignable to type '"electron cannot be imported from shared\/"'/,
    );
  });

  it("rejects `import 'node:fs'` in renderer/ (no Node types there)", async () => {
    const output = await typecheckProbe(
      'renderer',
      "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    );
    expect(output).toMatch(/probe\.ts\(1,30\): error TS2307: Cannot find module 'node:fs'/);
  });
});
