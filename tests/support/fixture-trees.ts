import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/fixtures/ppkg` beside the repository (see the team notes: CI clones with shared/ beside it). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURE_DIR = resolve(REPO_ROOT, '../shared/fixtures/ppkg');

export const FIXTURE_NAMES = [
  'kbf-minimal-oobe-policy',
  'acer-localadmin-msi-commands',
  'osd-invoke-driverpack-devicecontext',
  'osd-setupspecialize-cmdline',
  'mosd-signpackage-userscope',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export interface FixtureTree {
  /** Every file of image 1, by `/`-separated path without a leading `/` (`Multivariant/0/Prov/RunTime.xml`). */
  files: Map<string, Uint8Array>;
  /** The `<NOTES>` string of the image's WIM XML data. */
  notes: string;
}

let scratch: string | undefined;
const cache = new Map<FixtureName, Promise<FixtureTree>>();

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

async function extract(name: FixtureName): Promise<FixtureTree> {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'ppkg-fixture-trees-'));
    const dir = scratch;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const ppkg = join(FIXTURE_DIR, `${name}.ppkg`);
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
  let tree = cache.get(name);
  if (!tree) cache.set(name, (tree = extract(name)));
  return tree;
}

/** `TargetSkus=…` from the NOTES string. */
export function targetSkusOf(notes: string): string {
  return /TargetSkus=([^;]*);/.exec(notes)?.[1] ?? '';
}
