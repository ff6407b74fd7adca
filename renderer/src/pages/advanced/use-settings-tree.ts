import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { allCatalogEntries } from '../../../../shared/catalog';
import type { CatalogEntry } from '../../../../shared/catalog/types';
import { getSettingText } from '../../../../shared/locales';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { currentLanguage } from '../../i18n';
import { ancestorsOf, documentValues, isShownByRules, treeRows } from './tree-model';

export function labelOf(entry: CatalogEntry): string {
  return getSettingText(entry.path, currentLanguage())?.label ?? entry.name;
}

/**
 * The advanced editor's tree state: search (deferred, so typing stays responsive over ~2,000 nodes), expanded
 * groups, hidden nodes on or off, the selection, and the rows that follow from them and the document's values.
 * `storeVersion` changes when the settings store does: the catalog itself lives in shared/catalog.
 */
export function useSettingsTree(customizations: CustomizationsDocument, storeVersion: number) {
  const [filter, setFilter] = useState('');
  const search = useDeferredValue(filter);
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [showHidden, setShowHidden] = useState(false);

  const entries = useMemo(() => {
    void storeVersion;
    return allCatalogEntries();
  }, [storeVersion]);
  const values = useMemo(() => {
    void storeVersion;
    return documentValues(customizations);
  }, [customizations, storeVersion]);
  const rows = useMemo(
    () =>
      treeRows(entries, {
        expanded,
        showHidden,
        search,
        labelOf,
        isShown: (entry) => isShownByRules(entry, values),
      }),
    [entries, expanded, showHidden, search, values],
  );

  const select = useCallback((path: string) => {
    setSelectedPath(path);
    setExpanded((old) => {
      const missing = ancestorsOf(path).filter((ancestor) => !old.has(ancestor));
      return missing.length === 0 ? old : new Set([...old, ...missing]);
    });
  }, []);
  const toggle = useCallback((entry: CatalogEntry, expand: boolean) => {
    setExpanded((old) => {
      const next = new Set(old);
      if (expand) next.add(entry.path);
      else next.delete(entry.path);
      return next;
    });
  }, []);

  return { filter, setFilter, showHidden, setShowHidden, selectedPath, select, toggle, rows, entries };
}

export type SettingsTreeState = ReturnType<typeof useSettingsTree>;
