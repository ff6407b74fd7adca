import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixturePackage } from './fixtures';
import { referenceRoots } from './reference';

/** The repository root; the fixture folders below are found through the reference roots (tests/support/reference.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURE_DIR = referenceSubfolder('fixtures/ppkg', 'kbf-minimal-oobe-policy.ppkg');
/** `fixtures/real`: WCD packages (avd-*.ppkg, Store WCD 2025) and projects (*.xml) from public repositories. */
export const REAL_FIXTURE_DIR = referenceSubfolder('fixtures/real', 'avd-head-SharedPC-AutoLogon.ppkg');

/** A reference folder under the first root that holds `probe` in it (tests/support/reference.ts), else ../shared's. */
function referenceSubfolder(folder: string, probe: string): string {
  return (
    referenceRoots()
      .map((root) => join(root, folder))
      .find((dir) => existsSync(join(dir, probe))) ?? resolve(REPO_ROOT, '../shared', folder)
  );
}

/** A WCD-built package whose tree can be captured: any of FIXTURE_PACKAGES (fixtures.ts). */
export type FixtureName = FixturePackage;

export interface FixtureTree {
  /** Every file of image 1, by `/`-separated path without a leading `/` (`Multivariant/0/Prov/RunTime.xml`). */
  files: Map<string, Uint8Array>;
  /** The `<NOTES>` string of the image's WIM XML data. */
  notes: string;
}

let scratch: string | undefined;
const cache = new Map<string, Promise<FixtureTree>>();

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.toString()}`));
      else resolvePromise(decodeXmlData(stdout));
    });
  });
}

/** wimlib prints the XML data as stored: UTF-16LE with BOM. */
function decodeXmlData(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, full)));
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

async function extract(ppkg: string, name: string): Promise<FixtureTree> {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'ppkg-fixture-trees-'));
    const dir = scratch;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const dest = join(scratch, name);
  await run('wimlib-imagex', ['extract', ppkg, '1', `--dest-dir=${dest}`, '--no-acls', '--no-attributes']);
  const xml = await run('wimlib-imagex', ['info', ppkg, '1', '--xml']);
  const notes = /<NOTES>([^<]*)<\/NOTES>/.exec(xml)?.[1] ?? '';
  const files = new Map<string, Uint8Array>();
  for (const path of (await listFiles(dest)).sort())
    files.set(path, new Uint8Array(await readFile(join(dest, path))));
  // The extracted copies are not needed once read; the large acer payloads would otherwise sit on disk.
  rmSync(dest, { recursive: true, force: true });
  return { files, notes };
}

/** Extracts a fixture's image 1 once per test process (wimlib-imagex) and returns its files. */
export function fixtureTree(name: FixtureName): Promise<FixtureTree> {
  return packageTree(join(FIXTURE_DIR, `${name}.ppkg`));
}

/** The same for any package file (e.g. one of realFixturePackages()). */
export function packageTree(ppkgPath: string): Promise<FixtureTree> {
  let tree = cache.get(ppkgPath);
  if (!tree) cache.set(ppkgPath, (tree = extract(ppkgPath, `${cache.size}-${basename(ppkgPath, '.ppkg')}`)));
  return tree;
}

/** File names of the real packages (`avd-*.ppkg`), sorted; [] when ../shared is absent. */
export function realFixturePackages(): string[] {
  return listReal('.ppkg');
}

/** File names of the real WCD projects (customizations.xml files), sorted; [] when ../shared is absent. */
export function realFixtureProjects(): string[] {
  return listReal('.xml');
}

function listReal(extension: string): string[] {
  if (!existsSync(REAL_FIXTURE_DIR)) return [];
  return readdirSync(REAL_FIXTURE_DIR)
    .filter((name) => name.endsWith(extension))
    .sort();
}

export function realFixturePath(name: string): string {
  return join(REAL_FIXTURE_DIR, name);
}

/** `TargetSkus=…` from the NOTES string. */
export function targetSkusOf(notes: string): string {
  return /TargetSkus=([^;]*);/.exec(notes)?.[1] ?? '';
}
