import { compileRuleFor } from '../compiler/rules';
import type { CompileRule } from '../compiler/rules';
import { entryFromFacts } from './entries';
import { activeFacts, onFactsChange, parentPathOf } from './facts';
import { CATALOG } from './settings';
import type { CatalogEntry, EnumValue } from './types';

export { CATALOG } from './settings';
export type * from './types';
export type * from './store-facts';
export { LEAF_KINDS } from './store-facts';
export {
  FactsCatalog,
  activateStoreFacts,
  activeFacts,
  builtinFacts,
  parentPathOf,
  userStoreFacts,
} from './facts';
export type { FactsOrigin } from './facts';
export { defaultAsWritten, entryFromFacts } from './entries';

/**
 * The catalog in use: every node of the active store facts (generated catalog or a user store) as an entry, with
 * the hand-written entries of settings.ts taking precedence at their paths (they keep their evidence, labels,
 * help, secret flags and formats). `order` is the position among all siblings of the store.
 *
 * Entries are built one sibling group at a time, on first use: a build touches a few dozen of the ~2,000
 * entries, and building them all cost a CLI build ~50 ms. A group's entries are the same objects however they
 * are reached (by path, as children, or in the full list).
 */
interface Tables {
  byPath: Map<string, CatalogEntry>;
  children: Map<string, CatalogEntry[]>;
  all?: CatalogEntry[];
}

const HAND_WRITTEN: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((entry) => [entry.path, entry]));
const HAND_WRITTEN_BY_PARENT: ReadonlyMap<string, CatalogEntry[]> = (() => {
  const byParent = new Map<string, CatalogEntry[]>();
  for (const entry of CATALOG) {
    const siblings = byParent.get(entry.parentPath) ?? [];
    siblings.push(entry);
    byParent.set(entry.parentPath, siblings);
  }
  return byParent;
})();

/** The entries under `parent` in store order, built (and indexed by path) on first use. */
function childrenOf(tables: Tables, parent: string): CatalogEntry[] {
  const known = tables.children.get(parent);
  if (known) return known;
  const facts = activeFacts();
  const siblings: CatalogEntry[] = [];
  for (const node of facts.childrenOf(parent)) {
    const hand = HAND_WRITTEN.get(node.path);
    siblings.push(hand ? { ...hand, facts: node } : entryFromFacts(node, facts));
  }
  // Hand-written settings the active store lacks (an older store) stay editable.
  for (const entry of HAND_WRITTEN_BY_PARENT.get(parent) ?? [])
    if (!facts.get(entry.path)) siblings.push({ ...entry });
  siblings.sort((a, b) => compareStoreOrder(a.name, b.name));
  siblings.forEach((entry, index) => {
    entry.order = index;
    tables.byPath.set(entry.path, entry);
  });
  tables.children.set(parent, siblings);
  return siblings;
}

/** Depth first, siblings in store order: the advanced editor's tree order. */
function allEntries(tables: Tables): CatalogEntry[] {
  if (tables.all) return tables.all;
  const all: CatalogEntry[] = [];
  const visit = (parent: string) => {
    for (const entry of childrenOf(tables, parent)) {
      all.push(entry);
      visit(entry.path);
    }
  };
  visit('');
  tables.all = all;
  return all;
}

let tables: Tables | undefined;
onFactsChange(() => {
  tables = undefined;
});
function current(): Tables {
  tables ??= { byPath: new Map(), children: new Map() };
  return tables;
}

/** The entry at `path`, building only its sibling group. */
function entryAt(path: string): CatalogEntry | undefined {
  const state = current();
  const known = state.byPath.get(path);
  if (known) return known;
  if (!activeFacts().get(path) && !HAND_WRITTEN.has(path)) return undefined;
  childrenOf(state, parentPathOf(path));
  return state.byPath.get(path);
}

/** Every entry of the catalog in use, depth first in store order (hidden ones included). */
export function allCatalogEntries(): readonly CatalogEntry[] {
  return allEntries(current());
}

/** The entry for a manifest path (`Accounts/Users/User/Password`), or undefined when we do not know it. */
export function getCatalogEntry(path: string): CatalogEntry | undefined {
  return entryAt(path);
}

/** Children of an entry in store order ('' = the top-level groups). */
export function getCatalogChildren(path: string): readonly CatalogEntry[] {
  return childrenOf(current(), path);
}

/**
 * Store (registry hive) order of two element names: the hive sorts subkeys case-insensitively by their
 * upper-cased UTF-16 code units, which is the order WCD writes settings in (docs/format/wcd-settings.md §1.4).
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
    entry.kind.values.find((value) => value.number !== undefined && String(value.number) === trimmed) ??
    // A text enum written with its stored value (`1` for AutoLogon's `ENABLE`) by hand-edited projects.
    entry.kind.values.find((value) => value.stored !== undefined && value.stored === trimmed);
  if (known || !entry.kind.digitsAllowed || !/^\d+$/.test(trimmed)) return known;
  return { text: trimmed, number: Number.parseInt(trimmed, 10) };
}

/** Whether a value at this manifest path must be masked in UI, CLI output and logs. */
export function isSecretSetting(path: string): boolean {
  return entryAt(path)?.secret ?? false;
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
