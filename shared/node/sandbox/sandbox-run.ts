import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWsb, RUN_PACKAGE_FILE, RUN_SCRIPT_FILE, type WsbPlan } from '../../sandbox/wsb';
import scriptText from '../../../sandbox/Test-ProvisioningPackage.ps1?raw';

/** The PowerShell script the sandbox runs (sandbox/Test-ProvisioningPackage.ps1, embedded by the bundler). */
export const SANDBOX_SCRIPT = scriptText;

export const WSB_FILE = 'run.wsb';

export interface PrepareRunOptions {
  networking?: boolean;
  timeoutMinutes?: number;
  /** The run folder as Windows sees it (default: runFolder itself, which is right on Windows). */
  hostRunFolder?: string;
}

/**
 * Lays out a fresh run folder: package\package.ppkg (a copy; mapped read-only), script\ with the script,
 * results\ (empty, the only writable mapping) and run.wsb. Refuses a folder that exists and is not empty,
 * so one run's results are never mixed with another's.
 */
export async function prepareSandboxRun(
  runFolder: string,
  packagePath: string,
  options: PrepareRunOptions = {},
): Promise<WsbPlan> {
  const existing = await readdir(runFolder).catch(() => null);
  if (existing && existing.length > 0)
    throw new Error(`${runFolder}: the run folder is not empty (each run gets a fresh folder)`);
  const plan = createWsb({
    hostRunFolder: options.hostRunFolder ?? runFolder,
    ...(options.networking !== undefined ? { networking: options.networking } : {}),
    ...(options.timeoutMinutes !== undefined ? { timeoutMinutes: options.timeoutMinutes } : {}),
  });
  for (const part of ['package', 'script', 'results'])
    await mkdir(join(runFolder, part), { recursive: true });
  await copyFile(packagePath, join(runFolder, 'package', RUN_PACKAGE_FILE));
  // CRLF: Windows PowerShell 5.1 reads either, but the file should look native to whoever opens it.
  await writeFile(
    join(runFolder, 'script', RUN_SCRIPT_FILE),
    `\uFEFF${SANDBOX_SCRIPT.replace(/\r?\n/g, '\r\n')}`,
  );
  await writeFile(join(runFolder, WSB_FILE), plan.xml);
  return plan;
}
