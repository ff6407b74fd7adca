import { matchesSearch } from '../../../../shared/catalog/describe';
import type { CatalogEntry } from '../../../../shared/catalog/types';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { walkSettings } from '../../../../shared/model/settings-edit';

/**
 * The advanced editor's tree as data: which rows show (expanded groups, search, hidden nodes, show-only-when
 * rules) in hive order. Pure, so the ~2,000-node tree is computed once per change and tested without a browser.
 */
export interface TreeRow {
  entry: CatalogEntry;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

export interface TreeOptions {
  /** Paths of expanded groups (ignored while searching: every match's ancestors are shown). */
  expanded: ReadonlySet<string>;
  showHidden: boolean;
  search: string;
  /** Setting label in the UI language, searched as well as the path. */
  labelOf: (entry: CatalogEntry) => string;
  /** The show-only-when rules: false hides the node and everything below it. */
  isShown: (entry: CatalogEntry) => boolean;
}

const depthOf = (path: string) => path.split('/').length - 1;

export function treeRows(entries: readonly CatalogEntry[], options: TreeOptions): TreeRow[] {
  const parents = new Set(entries.map((entry) => entry.parentPath));
  const needle = options.search.trim().toLowerCase();
  const eligible = (entry: CatalogEntry) => (options.showHidden || !entry.hidden) && options.isShown(entry);

  // Nodes cut off (hidden, rule not met, or under such a node) take their subtree with them.
  const cut = new Set<string>();
  const usable = entries.filter((entry) => {
    if (cut.has(entry.parentPath) || !eligible(entry)) {
      cut.add(entry.path);
      return false;
    }
    return true;
  });

  if (needle !== '') {
    const keep = new Set<string>();
    for (const entry of usable) {
      if (!matchesSearch(entry, needle) && !options.labelOf(entry).toLowerCase().includes(needle)) continue;
      const parts = entry.path.split('/');
      for (let i = 1; i <= parts.length; i++) keep.add(parts.slice(0, i).join('/'));
    }
    return usable
      .filter((entry) => keep.has(entry.path))
      .map((entry) => ({
        entry,
        depth: depthOf(entry.path),
        hasChildren: parents.has(entry.path),
        expanded: true,
      }));
  }

  const rows: TreeRow[] = [];
  const collapsed = new Set<string>();
  for (const entry of usable) {
    if (
      entry.parentPath !== '' &&
      (collapsed.has(entry.parentPath) || !options.expanded.has(entry.parentPath))
    ) {
      collapsed.add(entry.path);
      continue;
    }
    rows.push({
      entry,
      depth: depthOf(entry.path),
      hasChildren: parents.has(entry.path),
      expanded: options.expanded.has(entry.path),
    });
  }
  return rows;
}

/** Every ancestor path of a setting, so selecting it from elsewhere can expand the tree down to it. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** `../Enable` seen from `SMISettings/AutoLogon/Password` is `SMISettings/AutoLogon/Enable`. */
export function resolveRelative(from: string, relative: string): string {
  const parts = from.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** The stored form of a value written in customizations.xml: enum labels → their value, True/False → 1/0. */
export function storedValue(entry: CatalogEntry | undefined, text: string): string {
  const trimmed = text.trim();
  const labelled = entry?.facts?.values?.find(([, label]) => label === trimmed);
  if (labelled) return labelled[0];
  if (entry?.kind.kind === 'boolean') {
    if (/^true$/i.test(trimmed)) return '1';
    if (/^false$/i.test(trimmed)) return '0';
  }
  return trimmed;
}

/** Stored values present in the document, by manifest path (every item of a collection counts). */
export function documentValues(doc: CustomizationsDocument): Map<string, string[]> {
  const values = new Map<string, string[]>();
  walkSettings(doc, ({ node, entry, manifestPath }) => {
    if (node.children.length > 0 || node.text === undefined) return;
    const list = values.get(manifestPath) ?? [];
    list.push(storedValue(entry, node.text));
    values.set(manifestPath, list);
  });
  return values;
}

/**
 * WCD's show-only-when rules (store `Visibility/<n>/<m>`, OR of AND groups): each condition compares another
 * setting's stored value as set in the document (in any item of a collection); a setting not set yet satisfies
 * nothing, so AutoLogon's user name shows once AutoLogon is enabled. Condition kinds other than 1 (equals, the
 * only one in the stores) never hide anything.
 */
export function isShownByRules(entry: CatalogEntry, values: ReadonlyMap<string, string[]>): boolean {
  const groups = entry.facts?.visibleWhen;
  if (!groups || groups.length === 0) return true;
  return groups.some((group) =>
    group.every((condition) => {
      if (condition.condition !== 1) return true;
      const target = resolveRelative(entry.path, condition.setting);
      return values.get(target)?.includes(condition.value) ?? false;
    }),
  );
}
