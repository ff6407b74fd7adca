import { CATALOG, isSecretSetting } from '../catalog';
import { parseSettingPath, SettingPathError } from '../model/settings-edit';
import { SECRET_NAME } from '../redaction';
import { classifySettingPath } from './template-editor';
import type { ColumnMapping, ColumnTarget, MappingIssue } from './types';

const PACKAGE_NAME = 'packagename';
const ASSIGNED_USER = 'assigneduser';

/**
 * The mapping a header suggests: `PackageName` and `AssignedUser` (any case) by name, any other column to the
 * setting path it names. A column that names no known setting stays mapped to that path, so
 * validateColumnMapping reports it (with the nearest known path) until the user fixes it or maps it to
 * "ignored": a misspelt column must never be dropped silently. Only a column without a header is ignored.
 */
export function deriveColumnMapping(header: readonly string[]): ColumnMapping {
  return header.map((column) => ({ column, target: suggestTarget(column) }));
}

function suggestTarget(column: string): ColumnTarget {
  const name = column.trim();
  const folded = name.toLowerCase().replace(/[\s_-]/g, '');
  if (folded === PACKAGE_NAME) return { kind: 'package-name' };
  if (folded === ASSIGNED_USER) return { kind: 'assigned-user' };
  if (name === '') return { kind: 'ignore' };
  return { kind: 'setting', path: name };
}

/** Edit distance (Levenshtein), case-insensitive; small inputs only (paths of a few dozen characters). */
function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** The catalog path closest to `path` (inline keys dropped), for "did you mean" in mapping errors. */
export function nearestSettingPath(path: string): string | undefined {
  const wanted = path.replace(/\[[^\]]*\]/g, '');
  let best: { path: string; distance: number } | undefined;
  for (const entry of CATALOG) {
    const distance = editDistance(wanted, entry.path);
    if (!best || distance < best.distance) best = { path: entry.path, distance };
  }
  return best?.path;
}

/** Two columns with the same identity would write the same thing. */
function targetIdentity(target: ColumnTarget): string | undefined {
  switch (target.kind) {
    case 'package-name':
    case 'assigned-user':
      return target.kind;
    case 'setting': {
      const column = classifySettingPath(target.path);
      return column.kind === 'key' ? `key:${column.itemPath}` : `value:${target.path}`;
    }
    default:
      return undefined;
  }
}

/** Problems that stop the whole batch (as opposed to row errors, which skip one row). */
export function validateColumnMapping(mapping: ColumnMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const firstColumnOf = new Map<string, string>();
  for (const { column, target } of mapping) {
    let identity: string | undefined;
    if (target.kind === 'setting') {
      try {
        classifySettingPath(target.path);
        identity = targetIdentity(target);
      } catch (error) {
        const detail = error instanceof SettingPathError ? error.detail : String(error);
        const code = /holds settings/.test(detail) ? 'not-a-value' : 'unknown-setting';
        const nearest = code === 'unknown-setting' ? nearestSettingPath(target.path) : undefined;
        issues.push({
          code,
          column,
          message:
            `column "${column}": ${target.path}: ${detail}` +
            (nearest ? `; the nearest known path is ${nearest}` : ''),
          ...(nearest ? { nearestPath: nearest } : {}),
        });
        continue;
      }
    } else {
      identity = targetIdentity(target);
    }
    if (identity === undefined) continue;
    const first = firstColumnOf.get(identity);
    if (first !== undefined) {
      issues.push({
        code: 'duplicate-target',
        column,
        message: `column "${column}" writes the same thing as column "${first}"`,
      });
    } else {
      firstColumnOf.set(identity, column);
    }
  }
  if (!mapping.some(({ target }) => target.kind === 'package-name')) {
    issues.push({ code: 'missing-package-name', column: '', message: 'no column is mapped to PackageName' });
  }
  return issues;
}

/** Whether a column carries a secret (enrollment secret, Wi-Fi key, password): the UI masks its cells. */
export function isSecretColumn(target: ColumnTarget): boolean {
  if (target.kind !== 'setting') return false;
  try {
    const segments = parseSettingPath(target.path);
    const manifestPath = segments.map((segment) => segment.name).join('/');
    return isSecretSetting(manifestPath) || SECRET_NAME.test(segments.at(-1)?.name ?? '');
  } catch {
    return false;
  }
}
