import { useSyncExternalStore } from 'react';
import { activateStoreFacts, userStoreFacts } from '../../../shared/catalog';
import { onFactsChange } from '../../../shared/catalog/facts';
import type { SettingsStoreProblem, SettingsStoreState } from '../../../shared/ipc/contract';

/**
 * The renderer's side of the settings store in use. The catalog itself lives in shared/catalog (one per
 * process); this module tells React when it changes, and keeps what the store menu says about it, so every
 * page (and the editor's tree, its "not editable" list) follows a switch or the store restored at start.
 */

/** What the store menu says under its button. */
export type StoreNote =
  | { kind: 'loaded'; leaves: number; added: number }
  | { kind: 'failed'; message: string }
  | { kind: 'noneInstalled' }
  | { kind: 'restoreFailed'; problem: SettingsStoreProblem };

let revision = 0;
onFactsChange(() => {
  revision++;
});

/** Changes whenever the catalog's facts do: a dependency for anything computed from the catalog. */
export function useCatalogRevision(): number {
  return useSyncExternalStore(onFactsChange, () => revision);
}

let note: StoreNote | null = null;
const noteListeners = new Set<() => void>();

export function setStoreNote(next: StoreNote | null): void {
  note = next;
  for (const listener of noteListeners) listener();
}

export function useStoreNote(): StoreNote | null {
  return useSyncExternalStore(
    (listener) => {
      noteListeners.add(listener);
      return () => noteListeners.delete(listener);
    },
    () => note,
  );
}

/** Makes main's answer the renderer's catalog too (main already compiles with it). */
export function applyStoreState(state: SettingsStoreState): void {
  activateStoreFacts(state.nodes ? userStoreFacts(state.nodes, state.inputs) : undefined);
  setStoreNote(
    state.source === 'builtin' ? null : { kind: 'loaded', leaves: state.leafCount, added: state.newCount },
  );
}

/** At start: the store the user chose last, as main read it again; the problem when it could not be used. */
export async function restoreSettingsStore(): Promise<SettingsStoreProblem | null> {
  const { state, problem } = await window.ppkg.settingsStore.restore();
  applyStoreState(state);
  if (problem) setStoreNote({ kind: 'restoreFailed', problem });
  return problem;
}
