import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Third-party reference files (real WCD packages, WCD projects, WCD settings-store hives) are never committed:
 * tests/reference/sources.json lists each one by repository, commit, path and SHA-256. This module finds them and
 * decides what a test does when one is missing:
 * - found in `$PPKG_REFERENCE_DIR`, then `.cache/reference` (what `npm run reference:fetch` fills), then `../shared`
 *   beside the clone (where CI lays them out) — each root has the same layout (`fixtures/ppkg/…`, `fixtures/real/…`,
 *   `reference/settings-store/…`);
 * - missing on a developer machine → the suite is skipped, its title saying so (the reporter counts them);
 * - missing with `CI=true` → the suite fails naming the file, unless `PPKG_REFERENCE=optional` (the clone-alone pass
 *   of .ci/run, which proves the project passes without them). `PPKG_REFERENCE=required` forces failure anywhere.
 * The same applies to the external oracle tools (wimlib-imagex, 7z, openssl, …), which a CI run must have.
 */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REFERENCE_CACHE_DIR = join(REPO_ROOT, '.cache/reference');
export const REFERENCE_FETCH_COMMAND = 'npm run reference:fetch';
/** Marker in the title of a suite skipped for a missing file or tool; tests/support/skip-reporter.ts counts them. */
export const SKIP_MARKER = '[skipped: missing';

export interface ReferenceSource {
  /** Path inside a reference root, e.g. `fixtures/ppkg/kbf-minimal-oobe-policy.ppkg`. */
  file: string;
  repository: string;
  commit: string;
  path: string;
  url: string;
  bytes: number;
  sha256: string;
  exercises: string;
}

export function referenceSources(): ReferenceSource[] {
  const text = readFileSync(join(REPO_ROOT, 'tests/reference/sources.json'), 'utf8');
  return (JSON.parse(text) as { files: ReferenceSource[] }).files;
}

/** The roots searched, in order; only those that exist. */
export function referenceRoots(): string[] {
  const candidates = [process.env.PPKG_REFERENCE_DIR, REFERENCE_CACHE_DIR, resolve(REPO_ROOT, '../shared')];
  return candidates.filter((root): root is string => root !== undefined && root !== '' && existsSync(root));
}

const listed = new Set<string>();
function assertListed(file: string): void {
  if (listed.size === 0) for (const source of referenceSources()) listed.add(source.file);
  if (!listed.has(file))
    throw new Error(`${file} is not listed in tests/reference/sources.json; add it there first.`);
}

/** Absolute path of a reference file, or undefined when no root holds it. */
export function findReference(file: string): string | undefined {
  assertListed(file);
  for (const root of referenceRoots()) {
    const path = join(root, file);
    if (existsSync(path)) return path;
  }
  return undefined;
}

export function missingReferences(files: readonly string[]): string[] {
  return files.filter((file) => findReference(file) === undefined);
}

export function missingReferenceMessage(missing: readonly string[]): string {
  return (
    `Reference file${missing.length === 1 ? '' : 's'} not found: ${missing.join(', ')}. ` +
    `Looked in $PPKG_REFERENCE_DIR, .cache/reference and ../shared. Fetch them with \`${REFERENCE_FETCH_COMMAND}\`.`
  );
}

/** Debian packages that provide each oracle tool (.ci/run installs them). */
export const ORACLE_TOOLS = {
  'wimlib-imagex': 'wimtools',
  '7z': 'p7zip-full',
  openssl: 'openssl',
  osslsigncode: 'osslsigncode',
  python3: 'python3',
  hivexml: 'libhivex-bin',
} as const;
export type OracleTool = keyof typeof ORACLE_TOOLS;

/** Whether an executable of that name is on PATH (checked without running it). */
export function toolAvailable(tool: OracleTool): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

export function missingToolMessage(missing: readonly OracleTool[]): string {
  const packages = [...new Set(missing.map((tool) => ORACLE_TOOLS[tool]))].join(' ');
  return (
    `Oracle tool${missing.length === 1 ? '' : 's'} not on PATH: ${missing.join(', ')}. ` +
    `On Debian/Ubuntu: apt-get install ${packages} (.ci/run installs them).`
  );
}

/** `CI=true` makes a missing file or tool an error; PPKG_REFERENCE=optional|required overrides it for files. */
export function strictAbout(kind: 'reference' | 'tool'): boolean {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (kind === 'reference') {
    if (process.env.PPKG_REFERENCE === 'optional') return false;
    if (process.env.PPKG_REFERENCE === 'required') return true;
  }
  return ci;
}

export interface Requirements {
  /** Files from tests/reference/sources.json (`fixtures/ppkg/…`). */
  reference?: readonly string[];
  tools?: readonly OracleTool[];
}

export interface UnmetRequirements {
  /** Human-readable reasons naming each missing file or tool; empty when everything is there. */
  reasons: string[];
  /** Short form for a suite title: 'reference files' and/or the tool names. */
  missing: string[];
  /** Whether the run must fail rather than skip. */
  strict: boolean;
}

export function checkRequirements(requirements: Requirements): UnmetRequirements {
  const unmet: UnmetRequirements = { reasons: [], missing: [], strict: false };
  const files = missingReferences(requirements.reference ?? []);
  if (files.length > 0) {
    unmet.reasons.push(missingReferenceMessage(files));
    unmet.missing.push('reference files');
    unmet.strict ||= strictAbout('reference');
  }
  const tools = (requirements.tools ?? []).filter((tool) => !toolAvailable(tool));
  if (tools.length > 0) {
    unmet.reasons.push(missingToolMessage(tools));
    unmet.missing.push(...tools);
    unmet.strict ||= strictAbout('tool');
  }
  return unmet;
}

/** Title of a skipped suite: the marker plus what is missing, so both the list and the summary explain it. */
export function skippedTitle(title: string, unmet: UnmetRequirements): string {
  return `${title} ${SKIP_MARKER} ${unmet.missing.join(', ')}]`;
}
