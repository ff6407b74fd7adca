import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decompilePackage } from '../../compiler/decompile';
import { compilePackage } from '../../compiler/compile';
import { createHash } from 'node:crypto';
import { type ProjectSettingRef, readResults, type ResultsReport } from '../../sandbox/report';
import { createWsb, RUN_PACKAGE_FILE, RUN_SCRIPT_FILE, type WsbPlan } from '../../sandbox/wsb';
import { DEFAULT_MAX_XML_BYTES, checkPackageLimits } from '../package/verify-package';
import { loadProjectInput } from '../project-input';
import { openWimFile } from '../wim/wim-file-reader';
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

/** Files of a results folder the reader needs, each read with the XML size cap (a hostile folder cannot blow up). */
async function readOptional(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    if (info.size > maxBytes)
      throw new Error(`${path} is ${info.size} bytes, over the ${maxBytes}-byte limit`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

/** What the package applies (setting and CSP paths), from a .ppkg or a project compiled in memory. */
export async function settingsToReport(source: {
  packagePath?: string;
  projectPath?: string;
}): Promise<ProjectSettingRef[]> {
  const files = new Map<string, Uint8Array>();
  if (source.packagePath) {
    const wim = await openWimFile(source.packagePath);
    try {
      checkPackageLimits(wim.entries, DEFAULT_MAX_XML_BYTES);
      for (const entry of wim.entries)
        if (!entry.isDirectory && /\.(provxml|xml)$/i.test(entry.path))
          files.set(entry.path, await wim.readFile(entry));
    } finally {
      await wim.close();
    }
  } else if (source.projectPath) {
    const input = await loadProjectInput(source.projectPath);
    for (const file of compilePackage(input.doc, input.customizationsXml, {
      style: 'store',
      targetSkus: input.targetSkus,
      assets: input.assets,
      sha256,
    }))
      if (/\.(provxml|xml)$/i.test(file.path)) files.set(file.path, file.bytes);
  }
  return decompilePackage(files).applied.map((setting) => ({
    settingPath: setting.settingPath ?? setting.cspPath,
    cspPath: setting.cspPath,
  }));
}

/** Reads a results folder: summary.json, events.xml, provisioning-packages.json. */
export async function readResultsFolder(
  folder: string,
  settings: readonly ProjectSettingRef[],
  maxBytes = DEFAULT_MAX_XML_BYTES,
): Promise<ResultsReport> {
  const info = await stat(folder);
  if (!info.isDirectory()) throw new Error(`${folder} is not a folder`);
  const [summaryJson, eventsXml, packagesJson] = await Promise.all(
    ['summary.json', 'events.xml', 'provisioning-packages.json'].map((name) =>
      readOptional(join(folder, name), maxBytes),
    ),
  );
  return readResults(
    {
      ...(summaryJson !== undefined ? { summaryJson } : {}),
      ...(eventsXml !== undefined ? { eventsXml } : {}),
      ...(packagesJson !== undefined ? { packagesJson } : {}),
    },
    settings,
  );
}
