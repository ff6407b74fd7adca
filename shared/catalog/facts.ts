import generated from './generated/desktop-store.json' with { type: 'json' };
import {
  type CatalogFactNode,
  type FactsSource,
  type GeneratedCatalog,
  LEAF_KINDS,
  type StoreFactNode,
} from './store-facts';

/**
 * The store facts in use: the generated catalog (the pinned 2024 Desktop store) or, when the user loads their own
 * WCD settings store (`--store`, the app's "settings store of my installed WCD"), that store's facts. With a user
 * store the whole tree follows it (the compile must match what that WCD would do); nodes the built-in catalog
 * lacks are marked `source: 'user-store'`.
 */

/** Describes where the active facts come from, for `settings --json` and the UI. */
export interface FactsOrigin {
  source: FactsSource;
  /** Store file name(s) and SHA-256 of the inputs. */
  inputs: GeneratedCatalog['inputs'];
}

export class FactsCatalog {
  readonly nodes: readonly CatalogFactNode[];
  private readonly byPath: ReadonlyMap<string, CatalogFactNode>;
  private readonly children: ReadonlyMap<string, CatalogFactNode[]>;

  constructor(
    nodes: readonly CatalogFactNode[],
    readonly origin: FactsOrigin,
  ) {
    this.nodes = nodes;
    this.byPath = new Map(nodes.map((node) => [node.path, node]));
    const children = new Map<string, CatalogFactNode[]>();
    for (const node of nodes) {
      const parent = parentPathOf(node.path);
      const siblings = children.get(parent) ?? [];
      siblings.push(node);
      children.set(parent, siblings);
    }
    this.children = children;
  }

  /** The node at a manifest path (`Policies/Experience/AllowCortana`); a leading `/` is accepted. */
  get(path: string): CatalogFactNode | undefined {
    return this.byPath.get(path.startsWith('/') ? path.slice(1) : path);
  }

  /** Child nodes in hive order ('' = the top-level groups). */
  childrenOf(path: string): readonly CatalogFactNode[] {
    return this.children.get(path) ?? [];
  }

  /** Nodes that hold a value (store Types 1–5). */
  leaves(): CatalogFactNode[] {
    return this.nodes.filter((node) => LEAF_KINDS.has(node.kind));
  }
}

export function parentPathOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

const BUILTIN_CATALOG = generated as unknown as GeneratedCatalog;

let builtin: FactsCatalog | undefined;

/** The generated catalog committed in shared/catalog/generated/. */
export function builtinFacts(): FactsCatalog {
  builtin ??= new FactsCatalog(
    BUILTIN_CATALOG.nodes.map((node) => ({ ...node, source: 'builtin' as const })),
    { source: 'builtin', inputs: BUILTIN_CATALOG.inputs },
  );
  return builtin;
}

/**
 * Facts of a store read at run time (see readStoreFacts): every node of that store, marked `user-store` where the
 * built-in catalog has no node at that path.
 */
export function userStoreFacts(
  nodes: readonly StoreFactNode[],
  inputs: GeneratedCatalog['inputs'],
): FactsCatalog {
  const known = builtinFacts();
  return new FactsCatalog(
    nodes.map((node) => ({ ...node, source: known.get(node.path) ? 'builtin' : 'user-store' })),
    { source: 'user-store', inputs },
  );
}

let active: FactsCatalog | undefined;
const listeners = new Set<() => void>();

/** The facts every catalog lookup uses now. */
export function activeFacts(): FactsCatalog {
  return active ?? builtinFacts();
}

/** Switches the whole process (CLI run, renderer session) to a user store's facts; undefined = built-in. */
export function activateStoreFacts(facts: FactsCatalog | undefined): void {
  active = facts;
  for (const listener of listeners) listener();
}

/** Called after every activateStoreFacts (index.ts rebuilds its entry tables). */
export function onFactsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
