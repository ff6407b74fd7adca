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

export function useBuiltinStore(): SettingsStoreState {
  activateStoreFacts(undefined);
  return stateOf(builtinFacts(), false);
}

export function useStoreBytes(path: string, bytes: Uint8Array): SettingsStoreState {
  if (bytes.byteLength > MAX_STORE_BYTES) {
    throw new StoreFileError(`${basename(path)} is too large for a settings store`);
  }
  const facts = storeFactsFromBytes(bytes, basename(path));
  activateStoreFacts(facts);
  return stateOf(facts, true);
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
