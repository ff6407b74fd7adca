import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Repository root (this file is tests/support/fixtures.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The read-only reference fixtures beside the repository (CI lays `shared/` next to the clone). */
export const FIXTURE_DIR = resolve(REPO_ROOT, '../shared/fixtures/ppkg');

/** The five WCD-built packages (SOURCES.md). */
export const FIXTURE_PACKAGES = [
  'kbf-minimal-oobe-policy',
  'acer-localadmin-msi-commands',
  'osd-invoke-driverpack-devicecontext',
  'osd-setupspecialize-cmdline',
  'mosd-signpackage-userscope',
] as const;
export type FixturePackage = (typeof FIXTURE_PACKAGES)[number];

/** Side files WCD wrote (project sources committed next to the packages). */
export const FIXTURE_CUSTOMIZATIONS_FILES = [
  'osd-invoke-driverpack-devicecontext.customizations.xml',
  'osd-setupspecialize-cmdline.customizations.xml',
] as const;
export const FIXTURE_ICDPROJ_FILES = ['osd-setupspecialize-cmdline.icdproj.xml'] as const;

export function fixturePath(name: string): string {
  return join(FIXTURE_DIR, name);
}

export function packagePath(name: FixturePackage): string {
  return fixturePath(`${name}.ppkg`);
}

export async function readFixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(fixturePath(name)));
}

/**
 * Bytes of one file inside a fixture package (a WIM image), e.g. `/Multivariant/0/customizations.xml`.
 * Extracted with wimlib-imagex into a private temp folder that is removed again; until our own WIM
 * reader is the test oracle, wimlib is the independent reference.
 */
export async function readPackageFile(name: FixturePackage, pathInImage: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ppkg-fixture-'));
  try {
    await run('wimlib-imagex', [
      'extract',
      packagePath(name),
      '1',
      pathInImage,
      `--dest-dir=${dir}`,
      '--no-acls',
    ]);
    const base = pathInImage.split('/').pop() ?? pathInImage;
    return new Uint8Array(await readFile(join(dir, base)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The customizations.xml WCD embedded in a package (ppkg-format.md §3). */
export function readEmbeddedCustomizations(name: FixturePackage): Promise<Uint8Array> {
  return readPackageFile(name, '/Multivariant/0/customizations.xml');
}
