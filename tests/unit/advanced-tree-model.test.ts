import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  documentValues,
  isShownByRules,
  resolveRelative,
  treeRows,
} from '../../renderer/src/pages/advanced/tree-model';
import { allCatalogEntries, getCatalogEntry } from '../../shared/catalog';
import type { CatalogEntry } from '../../shared/catalog/types';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';

const createEmptyCustomizations = (): CustomizationsDocument => ({
  packageConfig: {
    id: '{00000000-0000-0000-0000-000000000001}',
    name: 'T',
    version: '1.0',
    ownerType: 'ITAdmin',
    rank: 0,
    notes: '',
  },
  common: [],
  multivariant: [],
});

/** The advanced editor's tree over the whole generated catalog: order, hidden nodes, search, rules. */
const options = {
  expanded: new Set<string>(),
  showHidden: false,
  search: '',
  labelOf: (entry: CatalogEntry) => entry.name,
  isShown: () => true,
};

describe('advanced editor tree', () => {
  it('starts with the top-level groups in hive order and opens a group to its children', () => {
    const entries = allCatalogEntries();
    const top = treeRows(entries, options);
    expect(top.every((row) => row.depth === 0)).toBe(true);
    expect(top[0]?.entry.path).toBe('AccountManagement');
    const opened = treeRows(entries, { ...options, expanded: new Set(['Policies', 'Policies/Experience']) });
    const experience = opened
      .filter((row) => row.entry.parentPath === 'Policies/Experience')
      .map((r) => r.entry);
    const names = experience.map((entry) => entry.name);
    expect(names).toContain('AllowCortana');
    expect([...names].sort((a, b) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1))).toEqual(names);
    expect(experience.some((entry) => entry.hidden)).toBe(false);
  });

  it('leaves hidden (Private) nodes out unless asked, subtree included', () => {
    const entries = allCatalogEntries();
    const everything = { ...options, search: '/' };
    const shown = treeRows(entries, everything).length;
    const all = treeRows(entries, { ...everything, showHidden: true }).length;
    expect(all).toBe(entries.length);
    expect(shown).toBeLessThan(all - 500);
  });

  it('finds a setting by name or path and keeps its ancestors', () => {
    const rows = treeRows(allCatalogEntries(), { ...options, search: 'allowcortana' });
    expect(rows.map((row) => row.entry.path)).toEqual([
      'Policies',
      'Policies/Experience',
      'Policies/Experience/AllowCortana',
      'Policies/Search',
      'Policies/Search/AllowCortanaInAAD',
    ]);
    expect(ancestorsOf('Policies/Experience/AllowCortana')).toEqual(['Policies', 'Policies/Experience']);
  });

  it("applies WCD's show-only-when rules against the document, else the defaults", () => {
    expect(resolveRelative('SMISettings/KeyboardFilter/PredefinedKeyFilters/Alt', '../../Enable')).toBe(
      'SMISettings/KeyboardFilter/Enable',
    );
    const filters = getCatalogEntry('SMISettings/KeyboardFilter/CustomKeyFilters')!;
    const doc = createEmptyCustomizations();
    // Shown only once KeyboardFilter/Enable is set to 2 in the project (its default does not count).
    expect(isShownByRules(filters, documentValues(doc))).toBe(false);
    const enable = getCatalogEntry('SMISettings/KeyboardFilter/Enable')!;
    const label = enable.facts?.values?.find(([stored]) => stored === '2')?.[1];
    if (!label) throw new Error('no value 2 for KeyboardFilter/Enable');
    setSetting(doc, 'SMISettings/KeyboardFilter/Enable', label);
    expect(isShownByRules(filters, documentValues(doc))).toBe(true);
    expect(isShownByRules(getCatalogEntry('SMISettings/KeyboardFilter/Enable')!, documentValues(doc))).toBe(
      true,
    );
  });
});
