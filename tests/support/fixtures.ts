import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findReference, REFERENCE_CACHE_DIR, type Requirements } from './reference';

export { REPO_ROOT } from './reference';

const run = promisify(execFile);

/** The five WCD-built packages (tests/reference/sources.json, `fixtures/ppkg/`). */
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

/** The reference-file name (tests/reference/sources.json) of a file in the ppkg fixture set. */
export function ppkgFixtureFile(name: string): string {
  return `fixtures/ppkg/${name}`;
}

/** Every file of the ppkg fixture set. */
export const PPKG_FIXTURE_FILES: readonly string[] = [
  ...FIXTURE_PACKAGES.map((name) => `${name}.ppkg`),
  ...FIXTURE_CUSTOMIZATIONS_FILES,
  ...FIXTURE_ICDPROJ_FILES,
  'osd-invoke-driverpack-devicecontext.cat',
].map(ppkgFixtureFile);

/** What a suite reading the WCD fixture packages needs: the files, and wimlib-imagex to extract from them. */
export const NEEDS_PPKG_FIXTURES: Requirements = { reference: PPKG_FIXTURE_FILES, tools: ['wimlib-imagex'] };

/**
 * Where a fixture file is (tests/support/reference.ts decides the root). Never throws, so it can be called while a
 * skipped suite is collected; a missing file then fails at read time with its path in the message.
 */
export function fixturePath(name: string): string {
  const file = ppkgFixtureFile(name);
  return findReference(file) ?? join(REFERENCE_CACHE_DIR, file);
}

export function packagePath(name: FixturePackage): string {
  return fixturePath(`${name}.ppkg`);
}

/**
 * Lays the osd-setupspecialize fixture out as WCD saves a project folder: `<projectFile>` and `customizations.xml`
 * in `folder` (which must exist). Returns the project file's path.
 */
export async function placeFixtureProject(
  folder: string,
  projectFile = 'setupspecialize.icdproj.xml',
): Promise<string> {
  await copyFile(fixturePath('osd-setupspecialize-cmdline.icdproj.xml'), join(folder, projectFile));
  await copyFile(
    fixturePath('osd-setupspecialize-cmdline.customizations.xml'),
    join(folder, 'customizations.xml'),
  );
  return join(folder, projectFile);
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

/** The customizations.xml WCD embedded in a package (docs/format/ppkg-format.md §3). */
export function readEmbeddedCustomizations(name: FixturePackage): Promise<Uint8Array> {
  return readPackageFile(name, '/Multivariant/0/customizations.xml');
}
