import { useState } from 'react';
import { getCatalogEntry } from '../../../../shared/catalog';
import type { CatalogEntry } from '../../../../shared/catalog/types';
import { getSetting, setSetting } from '../../../../shared/model/settings-edit';
import type { ProjectDocument } from '../../state/app-state';
import type { useAppDispatch } from '../../state/store';
import { errorMessage } from '../../../../shared/text/error-message';

export const isContainer = (entry: CatalogEntry) =>
  entry.kind.kind === 'tree' ||
  entry.kind.kind === 'map' ||
  entry.kind.kind === 'list' ||
  entry.kind.kind === 'item';

/** The collections (maps/lists) on the way down to an entry: one item key each. */
export function keyCollections(entry: CatalogEntry): CatalogEntry[] {
  const collections: CatalogEntry[] = [];
  let current: CatalogEntry | undefined = entry;
  while (current) {
    const parent: CatalogEntry | undefined = getCatalogEntry(current.parentPath);
    if (parent && (parent.kind.kind === 'map' || parent.kind.kind === 'list')) collections.unshift(parent);
    current = parent;
  }
  return collections;
}

/**
 * The editor's draft of one setting (item keys of the collections above it, its value) and applying it to the
 * document: tried on a copy first, because the reducer must never throw and a bad value should show here.
 */
export function useSettingEdit(
  entry: CatalogEntry,
  document: ProjectDocument,
  dispatch: ReturnType<typeof useAppDispatch>,
) {
  const collections = keyCollections(entry);
  const container = isContainer(entry);
  const [keys, setKeys] = useState<string[]>(() => collections.map(() => ''));
  // The current value of a setting outside collections (secrets stay hidden; retyping sets them).
  const [value, setValue] = useState(() =>
    collections.length === 0 && !entry.secret && !container
      ? (getSetting(document.customizations, entry.path) ?? '')
      : '',
  );
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);

  const apply = () => {
    const keyArg = collections.length === 0 ? undefined : keys;
    const settingValue = container ? undefined : value;
    try {
      setSetting(structuredClone(document.customizations), entry.path, settingValue, keyArg);
      dispatch({
        type: 'editDocument',
        edit: (doc) => void setSetting(doc, entry.path, settingValue, keyArg),
      });
      setError(null);
      setApplied(true);
    } catch (failure) {
      setApplied(false);
      setError(errorMessage(failure));
    }
  };

  const setKey = (index: number, key: string) =>
    setKeys((old) => old.map((existing, i) => (i === index ? key : existing)));

  return { collections, container, keys, setKey, value, setValue, apply, error, applied };
}
