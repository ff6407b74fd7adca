import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compilePackage } from '../../compiler/compile';
import { decompilePackage } from '../../compiler/decompile';
import { type ProjectSettingRef, readResults, type ResultsReport } from '../../sandbox/report';
import { checkPackageLimits, DEFAULT_MAX_XML_BYTES } from '../package/verify-package';
import { loadProjectInput } from '../project-input';
import { openWimFile } from '../wim/wim-file-reader';

/**
 * Reads back a sandbox or test-device run: what the package applies, and the results folder the script
 * wrote. Kept apart from sandbox-run.ts (which embeds the script through the bundler) so the app's task
 * worker and the CLI's `report` load it without the script.
 */

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
