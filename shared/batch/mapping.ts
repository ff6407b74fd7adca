import { isSecretSetting } from '../catalog';
import { parseSettingPath, SettingPathError } from '../model/settings-edit';
import { classifySettingPath } from './template-editor';
import type { ColumnMapping, ColumnTarget, MappingIssue } from './types';

const PACKAGE_NAME = 'packagename';
const ASSIGNED_USER = 'assigneduser';

/**
 * The mapping a header suggests: `PackageName` and `AssignedUser` (any case) by name, a column that is a
 * settable catalog path to that setting, anything else ignored. The UI lets the user change each entry.
 */
export function deriveColumnMapping(header: readonly string[]): ColumnMapping {
  const seen = new Set<string>();
  return header.map((column) => {
    const target = suggestTarget(column);
    // Only the first of two columns with the same meaning is used; the user can pick otherwise.
    const identity = targetIdentity(target);
    if (identity !== undefined && seen.has(identity)) return { column, target: { kind: 'ignore' } };
    if (identity !== undefined) seen.add(identity);
    return { column, target };
  });
}

function suggestTarget(column: string): ColumnTarget {
  const name = column.trim();
  const folded = name.toLowerCase().replace(/[\s_-]/g, '');
  if (folded === PACKAGE_NAME) return { kind: 'package-name' };
  if (folded === ASSIGNED_USER) return { kind: 'assigned-user' };
  try {
    classifySettingPath(name);
    return { kind: 'setting', path: name };
  } catch {
    return { kind: 'ignore' };
  }
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
        issues.push({ code, column, message: `column "${column}": ${target.path}: ${detail}` });
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
    const manifestPath = parseSettingPath(target.path)
      .map((segment) => segment.name)
      .join('/');
    return isSecretSetting(manifestPath);
  } catch {
    return false;
  }
}
