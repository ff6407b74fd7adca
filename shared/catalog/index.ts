import { compileRuleFor } from '../compiler/rules';
import type { CompileRule } from '../compiler/rules';
import { CATALOG } from './settings';
import type { CatalogEntry, EnumValue } from './types';

export { CATALOG } from './settings';
export type * from './types';

const BY_PATH: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((entry) => [entry.path, entry]));
const CHILDREN: ReadonlyMap<string, CatalogEntry[]> = (() => {
  const children = new Map<string, CatalogEntry[]>();
  for (const entry of CATALOG) {
    const siblings = children.get(entry.parentPath) ?? [];
    siblings.push(entry);
    children.set(entry.parentPath, siblings);
  }
  return children;
})();

/** The entry for a manifest path (`Accounts/Users/User/Password`), or undefined when we do not know it. */
export function getCatalogEntry(path: string): CatalogEntry | undefined {
  return BY_PATH.get(path);
}

/** Children of an entry in store order ('' = the top-level groups). */
export function getCatalogChildren(path: string): readonly CatalogEntry[] {
  return CHILDREN.get(path) ?? [];
}

/**
 * Store (registry hive) order of two element names: the hive sorts subkeys case-insensitively by their
 * upper-cased UTF-16 code units, which is the order WCD writes settings in (wcd-settings.md §1.4).
 */
export function compareStoreOrder(a: string, b: string): number {
  const left = a.toUpperCase();
  const right = b.toUpperCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The enum value whose display text (or, for values written as numbers by older tools, number) is `text`.
 * For an enum with `digitsAllowed`, any plain number is a value too (written as digits).
 */
export function findEnumValue(entry: CatalogEntry, text: string): EnumValue | undefined {
  if (entry.kind.kind !== 'enum') return undefined;
  const trimmed = text.trim();
  const known =
    entry.kind.values.find((value) => value.text === trimmed) ??
    entry.kind.values.find((value) => value.number !== undefined && String(value.number) === trimmed);
  if (known || !entry.kind.digitsAllowed || !/^\d+$/.test(trimmed)) return known;
  return { text: trimmed, number: Number.parseInt(trimmed, 10) };
}

/** Whether a value at this manifest path must be masked in UI, CLI output and logs. */
export function isSecretSetting(path: string): boolean {
  return BY_PATH.get(path)?.secret ?? false;
}

/** Leaves the compiler turns into provxml (and assets), in catalog order. */
export function compilableEntries(): CatalogEntry[] {
  return CATALOG.filter((entry) => entry.compileFactsPath !== undefined);
}

/**
 * The compiler's facts for a catalog leaf (CSP target, atomic group, reboot, action, serialization,
 * scope, SettingsGroup), looked up by path in shared/compiler/rules.ts: one table, not two.
 */
export function getCompileFacts(entry: CatalogEntry): CompileRule | undefined {
  return entry.compileFactsPath === undefined ? undefined : compileRuleFor(entry.compileFactsPath);
}
