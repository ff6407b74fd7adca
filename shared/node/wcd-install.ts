import { readdir, stat } from 'node:fs/promises';
import { win32 } from 'node:path';

const { join } = win32;

/**
 * Where an installed Windows Configuration Designer keeps its Desktop settings store, so the app can offer "Use the
 * settings store of my installed WCD". WCD resolves `SourcePath` of a project's Sku next to ICD.exe
 * (docs/format/wcd-settings.md §1.2); the ADK installs ICD under "Imaging and Configuration Designer\x86", the Store app under
 * WindowsApps\Microsoft.WindowsConfigurationDesigner_*. Both locations are our reading of those installs, not
 * checked on a real machine here: anything not found is simply not offered, and a .dat can always be picked.
 */
export const DESKTOP_STORE_FILE = 'Microsoft-Desktop-Provisioning.dat';

export interface InstallProbe {
  platform: string;
  env: Record<string, string | undefined>;
  /** Lists a folder's entries; throws when it does not exist or cannot be read. */
  list(folder: string): Promise<string[]>;
  isFile(path: string): Promise<boolean>;
}

export const nodeInstallProbe: InstallProbe = {
  platform: process.platform,
  env: process.env,
  list: (folder) => readdir(folder),
  isFile: async (path) => (await stat(path).catch(() => null))?.isFile() ?? false,
};

export async function findInstalledWcdStores(probe: InstallProbe = nodeInstallProbe): Promise<string[]> {
  if (probe.platform !== 'win32') return [];
  const found: string[] = [];
  const programFiles = [probe.env['ProgramFiles(x86)'], probe.env['ProgramFiles']].filter(
    (folder): folder is string => typeof folder === 'string' && folder !== '',
  );
  for (const root of programFiles) {
    const icd = join(
      root,
      'Windows Kits',
      '10',
      'Assessment and Deployment Kit',
      'Imaging and Configuration Designer',
    );
    for (const architecture of ['x86', 'amd64']) {
      const candidate = join(icd, architecture, DESKTOP_STORE_FILE);
      if (!found.includes(candidate) && (await probe.isFile(candidate))) found.push(candidate);
    }
  }
  const windowsApps = probe.env['ProgramFiles'] ? join(probe.env['ProgramFiles'], 'WindowsApps') : undefined;
  if (windowsApps) {
    // WindowsApps is often unreadable without elevation: then nothing is offered from it.
    const packages = await probe.list(windowsApps).catch(() => [] as string[]);
    for (const name of packages
      .filter((entry) => /^Microsoft\.WindowsConfigurationDesigner_/i.test(entry))
      .sort()) {
      const candidate = join(windowsApps, name, DESKTOP_STORE_FILE);
      if (await probe.isFile(candidate)) found.push(candidate);
    }
  }
  return found;
}
