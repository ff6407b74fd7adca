import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { type FactsCatalog, activateStoreFacts, builtinFacts } from '../../shared/catalog';
import type { SettingsStoreState } from '../../shared/ipc/contract';
import { MAX_STORE_BYTES, StoreFileError, storeFactsFromBytes } from '../../shared/node/settings-store';

/**
 * "Use the settings store of my installed WCD" in main: the picked hive is parsed here (bounded regf reader), used
 * for every compile main runs from now on, and its facts go to the renderer for the editor and validation.
 */
function stateOf(facts: FactsCatalog, withNodes: boolean): SettingsStoreState {
  const leaves = facts.leaves().length;
  return {
    source: facts.origin.source,
    inputs: facts.origin.inputs,
    nodeCount: facts.nodes.length,
    leafCount: leaves,
    newCount: facts.nodes.filter((node) => node.source === 'user-store').length,
    nodes: withNodes ? facts.nodes.map(({ source: _source, ...node }) => node) : null,
  };
}

/** A settings store as it can cross to the task worker: the hive's bytes (1–3 MB) and its file name. */
export interface StoreSource {
  fileName: string;
  bytes: Uint8Array;
}

/** The store main uses now; undefined for the built-in catalog. */
let activeSource: StoreSource | undefined;

export function useBuiltinStore(): SettingsStoreState {
  activateStoreFacts(undefined);
  activeSource = undefined;
  return stateOf(builtinFacts(), false);
}

export function useStoreBytes(path: string, bytes: Uint8Array): SettingsStoreState {
  if (bytes.byteLength > MAX_STORE_BYTES) {
    throw new StoreFileError(`${basename(path)} is too large for a settings store`);
  }
  const facts = storeFactsFromBytes(bytes, basename(path));
  activateStoreFacts(facts);
  activeSource = { fileName: basename(path), bytes };
  return stateOf(facts, true);
}

/** What a build task needs to compile against the store main uses (see storeFactsInWorker). */
export function activeStoreSource(): StoreSource | undefined {
  return activeSource;
}

/** The task worker's parsed copy of the last store it was sent, kept while main keeps using it. */
let parsedInWorker: { sha256: string; facts: FactsCatalog } | undefined;

/** The facts of a store sent to the task worker, parsed once per store (a build does not pay for it again). */
export function storeFactsInWorker(source: StoreSource): FactsCatalog {
  const sha256 = createHash('sha256').update(source.bytes).digest('hex');
  if (parsedInWorker?.sha256 !== sha256)
    parsedInWorker = { sha256, facts: storeFactsFromBytes(source.bytes, source.fileName) };
  return parsedInWorker.facts;
}

/** Only Microsoft Learn pages open in the system browser: the help links of the advanced editor. */
export function checkLearnUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('shell:openExternal: not a URL');
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== 'learn.microsoft.com' || parsed.username !== '') {
    throw new Error('shell:openExternal: only https://learn.microsoft.com/ pages are opened');
  }
  return parsed.toString();
}
