import { describe, expect, it } from 'vitest';
import { CATALOG, getCatalogEntry, getCompileFacts } from '../../shared/catalog';

describe('catalog ↔ compile facts (shared/compiler/rules.ts)', () => {
  const leaves = CATALOG.filter((entry) => entry.compileFactsPath !== undefined);

  it('every catalog leaf has compile facts', () => {
    expect(leaves.filter((entry) => !getCompileFacts(entry)).map((entry) => entry.path)).toEqual([]);
  });

  it('enum display text maps to the same numbers in both tables (the store may offer more values)', () => {
    for (const entry of leaves) {
      const rule = getCompileFacts(entry);
      if (entry.kind.kind !== 'enum' || !rule?.enumValues) continue;
      const numbered = entry.kind.values.filter((value) => value.number !== undefined);
      const storeValues = rule.enumValues.map(([number, text]) => [number, text]);
      for (const value of numbered)
        expect(storeValues, entry.path).toContainEqual([value.number, value.text]);
    }
  });

  it("agrees on the store of each setting's top-level group (its compile block, docs/format/compile-rules.md §2.1)", () => {
    for (const entry of leaves) {
      const group = getCatalogEntry(entry.path.split('/')[0] ?? '');
      expect(getCompileFacts(entry)?.store, entry.path).toBe(group?.store);
    }
  });
});
