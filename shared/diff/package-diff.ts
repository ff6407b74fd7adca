import { structuredPatch } from 'diff';
import type { DiffSide, SideAsset, SideFile, SideKind, SideSetting } from './side';

/**
 * Compares two sides (packages or projects compiled in memory): package properties, settings (secrets by
 * digest, never by value), files and assets by SHA-256, and a line diff of each provxml (the `diff` library's
 * structured patch, 3 lines of context). The result holds no secret value and is JSON as it is.
 */

export type Change = 'added' | 'removed' | 'changed';

export interface PropertyDifference {
  name: string;
  a: string;
  b: string;
}

export interface SettingDifference {
  change: Change;
  path: string;
  secret: boolean;
  /** Values, only for settings that are not secrets (a secret change says only that it changed). */
  a?: string;
  b?: string;
}

export interface FileDifference {
  /** `renumbered`: the same content under a new index prefix (`3__x.provxml` → `4__x.provxml`). */
  change: Change | 'renumbered';
  /** Path in b (in a when removed). */
  path: string;
  /** Path in a when it differs from `path` (renumbered, or changed and renumbered). */
  previousPath?: string;
  a?: { size: number; sha256: string };
  b?: { size: number; sha256: string };
}

export interface AssetDifference {
  change: Change;
  settingPath: string;
  fileName: string;
  a?: string | null;
  b?: string | null;
}

export interface LineHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Unified-diff lines: ' ' context, '-' only in a, '+' only in b. */
  lines: string[];
}

export interface ProvxmlDifference {
  change: Change;
  /** Path in b (in a when removed). */
  path: string;
  /** Path in a when the file was renumbered. */
  previousPath?: string;
  added: number;
  removed: number;
  hunks: LineHunk[];
}

export interface PackageDiff {
  a: { label: string; kind: SideKind };
  b: { label: string; kind: SideKind };
  equal: boolean;
  properties: PropertyDifference[];
  settings: SettingDifference[];
  files: FileDifference[];
  assets: AssetDifference[];
  provxml: ProvxmlDifference[];
  /** Each side's warnings, prefixed with its label. */
  warnings: string[];
}

function changeOf<T>(a: T | undefined, b: T | undefined): Change {
  if (a === undefined) return 'added';
  if (b === undefined) return 'removed';
  return 'changed';
}

/** Keys of both maps: a's order first, then what only b has, in b's order. */
function unionKeys<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): string[] {
  return [...a.keys(), ...[...b.keys()].filter((key) => !a.has(key))];
}

function diffSettings(a: readonly SideSetting[], b: readonly SideSetting[]): SettingDifference[] {
  const left = new Map(a.map((setting) => [setting.path, setting]));
  const right = new Map(b.map((setting) => [setting.path, setting]));
  const out: SettingDifference[] = [];
  for (const path of unionKeys(left, right)) {
    const x = left.get(path);
    const y = right.get(path);
    if (x && y && x.secret === y.secret && x.value === y.value && x.secretDigest === y.secretDigest) continue;
    const secret = (x?.secret ?? false) || (y?.secret ?? false);
    out.push({
      change: changeOf(x, y),
      path,
      secret,
      ...(!secret && x ? { a: x.value ?? '' } : {}),
      ...(!secret && y ? { b: y.value ?? '' } : {}),
    });
  }
  return out;
}

/**
 * WCD numbers provxml files by their place in RunTime.xml (`3__Policies_….provxml`): one added setting
 * renumbers every file after it. Files are paired by their path without that number, so the diff shows the
 * one added file and the renumbering, not every file removed and added again.
 */
const pairingKey = (path: string): string => path.replace(/\/\d+__(?=[^/]*$)/, '/');

function byPairingKey<T extends { path: string }>(items: readonly T[]): Map<string, T> {
  const keys = items.map((item) => pairingKey(item.path));
  const repeated = new Set(keys.filter((key, index) => keys.indexOf(key) !== index));
  return new Map(items.map((item, index) => [repeated.has(keys[index]!) ? item.path : keys[index]!, item]));
}

function diffFiles(a: readonly SideFile[], b: readonly SideFile[]): FileDifference[] {
  const left = byPairingKey(a);
  const right = byPairingKey(b);
  const out: FileDifference[] = [];
  for (const key of unionKeys(left, right)) {
    const x = left.get(key);
    const y = right.get(key);
    const same = x && y && x.sha256 === y.sha256 && x.size === y.size;
    if (same && x.path === y.path) continue;
    out.push({
      change: same ? 'renumbered' : changeOf(x, y),
      path: (y ?? x)!.path,
      ...(x && y && x.path !== y.path ? { previousPath: x.path } : {}),
      ...(x ? { a: { size: x.size, sha256: x.sha256 } } : {}),
      ...(y ? { b: { size: y.size, sha256: y.sha256 } } : {}),
    });
  }
  return out.sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
}

function diffAssets(a: readonly SideAsset[], b: readonly SideAsset[]): AssetDifference[] {
  const key = (asset: SideAsset) => `${asset.settingPath}\n${asset.fileName}`;
  const left = new Map(a.map((asset) => [key(asset), asset]));
  const right = new Map(b.map((asset) => [key(asset), asset]));
  const out: AssetDifference[] = [];
  for (const id of unionKeys(left, right)) {
    const x = left.get(id);
    const y = right.get(id);
    if (x && y && x.sha256 === y.sha256) continue;
    const { settingPath, fileName } = (x ?? y)!;
    out.push({
      change: changeOf(x, y),
      settingPath,
      fileName,
      ...(x ? { a: x.sha256 } : {}),
      ...(y ? { b: y.sha256 } : {}),
    });
  }
  return out;
}

/** Line diff of one file; CRLF and LF are the same line ending here (the files diff shows byte changes). */
export function lineDiff(
  path: string,
  a: string | undefined,
  b: string | undefined,
): ProvxmlDifference | null {
  if (a === b) return null;
  const normalise = (text: string | undefined) => (text ?? '').replace(/\r\n/g, '\n');
  const patch = structuredPatch(path, path, normalise(a), normalise(b), '', '', { context: 3 });
  const hunks = patch.hunks.map((hunk) => ({
    oldStart: hunk.oldStart,
    oldLines: hunk.oldLines,
    newStart: hunk.newStart,
    newLines: hunk.newLines,
    lines: hunk.lines.filter((line) => !line.startsWith('\\')),
  }));
  const count = (mark: string) =>
    hunks.reduce((sum, hunk) => sum + hunk.lines.filter((line) => line.startsWith(mark)).length, 0);
  return { change: changeOf(a, b), path, added: count('+'), removed: count('-'), hunks };
}

function diffProvxml(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): ProvxmlDifference[] {
  const asItems = (texts: Readonly<Record<string, string>>) =>
    Object.keys(texts).map((path) => ({ path, text: texts[path]! }));
  const left = byPairingKey(asItems(a));
  const right = byPairingKey(asItems(b));
  const out: ProvxmlDifference[] = [];
  for (const key of unionKeys(left, right)) {
    const x = left.get(key);
    const y = right.get(key);
    const difference = lineDiff((y ?? x)!.path, x?.text, y?.text);
    if (!difference) continue;
    out.push(x && y && x.path !== y.path ? { ...difference, previousPath: x.path } : difference);
  }
  return out.sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
}

export function diffSides(a: DiffSide, b: DiffSide): PackageDiff {
  const rightProperties = new Map(b.properties);
  const properties = a.properties
    .map(([name, value]) => ({ name, a: value, b: rightProperties.get(name) ?? '' }))
    .filter((property) => property.a !== property.b);
  const settings = diffSettings(a.settings, b.settings);
  const files = diffFiles(a.files, b.files);
  const assets = diffAssets(a.assets, b.assets);
  const provxml = diffProvxml(a.provxml, b.provxml);
  const warnings = [
    ...a.warnings.map((warning) => `${a.label}: ${warning}`),
    ...b.warnings.map((warning) => `${b.label}: ${warning}`),
  ];
  if (a.settingsSource !== b.settingsSource)
    warnings.push(
      `settings are compared across sources: ${a.label} from its ${a.settingsSource === 'applied' ? 'applied provxml' : 'customizations.xml'}, ${b.label} from its ${b.settingsSource === 'applied' ? 'applied provxml' : 'customizations.xml'}`,
    );
  return {
    a: { label: a.label, kind: a.kind },
    b: { label: b.label, kind: b.kind },
    equal: properties.length + settings.length + files.length + assets.length + provxml.length === 0,
    properties,
    settings,
    files,
    assets,
    provxml,
    warnings,
  };
}
