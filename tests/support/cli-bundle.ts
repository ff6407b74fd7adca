import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { COMPILE_CACHE_ENV } from '../../cli/support/compile-cache';
import { REPO_ROOT } from './fixtures';

/**
 * The ppkg-studio CLI as shipped, for the tests that run it as a process: bundled with vite into a private temp
 * folder (so parallel test files and other builds cannot race on dist/) and run with node.
 */

export interface CliRun {
  /** The exit code; -1 when the process was killed by a signal or could not start. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliBundle {
  /** The temp folder the bundle lives in (`<work>/cli`); tests write their inputs and outputs here too. */
  work: string;
  /** The bundle's entry, where package.json's bin points: `<work>/cli/index.js`. */
  cliPath: string;
  /**
   * Runs the CLI in `work` with SOURCE_DATE_EPOCH cleared unless `env` sets it, and its compile cache
   * (cli/support/compile-cache.ts) in `<work>/cli/.compile-cache` rather than the user's cache folder; never rejects.
   */
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
}

/** The `ppkg-studio` bin as package.json names it (what npx runs), relative to the repository. */
export const CLI_BIN_PATH: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
).bin['ppkg-studio']!;

/** Makes a temp folder named `<prefix>XXXXXX` and bundles the CLI into its `cli/` subfolder. The caller removes it. */
export async function bundleCliIntoTemp(prefix: string): Promise<CliBundle> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  const cliDir = join(work, 'cli');
  // The bundle sits in a `"type": "module"` package, as dist/cli does in the repository, so it runs as it will there.
  await writeFile(join(work, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);
  await new Promise<void>((resolve, reject) => {
    execFile(
      'npx',
      [
        'vite',
        'build',
        '--config',
        'vite.cli.config.ts',
        '--outDir',
        cliDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: REPO_ROOT },
      (error, _stdout, stderr) => (error ? reject(new Error(`CLI bundle failed: ${stderr}`)) : resolve()),
    );
  });
  const cliPath = join(cliDir, basename(CLI_BIN_PATH));
  const run = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
    runCliEntry(cliPath, args, work, env);
  return { work, cliPath, run };
}

/**
 * The environment a test runs a bundled CLI entry (`<folder>/index.js`) in: SOURCE_DATE_EPOCH cleared unless
 * `env` sets it, and the compile cache (cli/support/compile-cache.ts) in `<folder>/.compile-cache` rather than
 * the user's cache folder.
 */
export function cliProcessEnv(cliPath: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SOURCE_DATE_EPOCH: '',
    [COMPILE_CACHE_ENV]: join(dirname(cliPath), '.compile-cache'),
    ...env,
  };
}

/** Runs a bundled CLI entry with node in `cwd`, in cliProcessEnv. */
export function runCliEntry(
  cliPath: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      {
        cwd,
        env: cliProcessEnv(cliPath, env),
        maxBuffer: 32 << 20,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
