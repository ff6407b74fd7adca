import { builtinCatalogGroups } from './builtin-source';
import type { CatalogGroups } from './catalog-groups';
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
  private readonly byPath = new Map<string, CatalogFactNode>();
  private readonly children = new Map<string, CatalogFactNode[]>();
  /** Lazy catalogs only: where the groups' nodes come from, and each loaded group's nodes below its root. */
  private readonly groups: CatalogGroups | undefined;
  private readonly loaded: (readonly CatalogFactNode[] | undefined)[] = [];
  /** Top-level groups whose nodes are not indexed yet → their position among the roots. */
  private readonly pending = new Map<string, number>();
  private all: readonly CatalogFactNode[] | undefined;

  /**
   * From every node (a user store), or from a catalog split per top-level group (the built-in one): then only
   * the group nodes are indexed here, and a group's own nodes are made (marked with `origin.source`) and
   * indexed on the first lookup of a path in it. Either way each node is one object however it is reached.
   */
  constructor(
    nodes: readonly CatalogFactNode[] | CatalogGroups,
    readonly origin: FactsOrigin,
  ) {
    if (isNodeList(nodes)) {
      this.groups = undefined;
      this.all = nodes;
      this.index(nodes);
      return;
    }
    this.groups = nodes;
    this.index(markSource(nodes.roots, origin.source));
    this.childrenOf('').forEach((root, position) => this.pending.set(root.path, position));
  }

  private index(nodes: readonly CatalogFactNode[]): void {
    for (const node of nodes) {
      this.byPath.set(node.path, node);
      const parent = parentPathOf(node.path);
      const siblings = this.children.get(parent);
      if (siblings) siblings.push(node);
      else this.children.set(parent, [node]);
    }
  }

  /** Indexes the nodes of the top-level group `name` unless done (or unknown). */
  private load(name: string): void {
    const position = this.pending.get(name);
    if (position === undefined || !this.groups) return;
    const nodes = markSource(this.groups.below(position), this.origin.source);
    this.index(nodes);
    this.loaded[position] = nodes;
    this.pending.delete(name);
  }

  /** Every node, parents before children in catalog order (a lazy catalog loads all its groups, once). */
  get nodes(): readonly CatalogFactNode[] {
    if (!this.all) {
      const all: CatalogFactNode[] = [];
      this.childrenOf('').forEach((root, position) => {
        this.load(root.path);
        all.push(root, ...(this.loaded[position] ?? []));
      });
      this.all = all;
    }
    return this.all;
  }

  /** The node at a manifest path (`Policies/Experience/AllowCortana`); a leading `/` is accepted. */
  get(path: string): CatalogFactNode | undefined {
    const relative = path.startsWith('/') ? path.slice(1) : path;
    const slash = relative.indexOf('/');
    // A group node itself is known without loading the group.
    if (slash >= 0) this.load(relative.slice(0, slash));
    return this.byPath.get(relative);
  }

  /** Child nodes in hive order ('' = the top-level groups, known without loading any group). */
  childrenOf(path: string): readonly CatalogFactNode[] {
    if (path !== '') {
      const slash = path.indexOf('/');
      this.load(slash < 0 ? path : path.slice(0, slash));
    }
    return this.children.get(path) ?? [];
  }

  /** Nodes that hold a value (store Types 1–5). */
  leaves(): CatalogFactNode[] {
    return this.nodes.filter((node) => LEAF_KINDS.has(node.kind));
  }

  /** Names of the top-level groups whose nodes are indexed (all of them when built from every node). */
  loadedGroups(): string[] {
    return this.childrenOf('')
      .map((root) => root.path)
      .filter((name) => !this.pending.has(name));
  }
}

/** Marks nodes the caller owns (CatalogGroups hands out fresh ones) with their source, in place. */
function markSource(nodes: StoreFactNode[], source: FactsSource): CatalogFactNode[] {
  for (const node of nodes) (node as CatalogFactNode).source = source;
  return nodes as CatalogFactNode[];
}

function isNodeList(nodes: readonly CatalogFactNode[] | CatalogGroups): nodes is readonly CatalogFactNode[] {
  return Array.isArray(nodes);
}

export function parentPathOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

let builtin: FactsCatalog | undefined;

/**
 * The generated catalog committed in shared/catalog/generated/, read one top-level group at a time: a build
 * touches a few of its 53 groups, and parsing, copying and indexing all ~1,900 nodes cost a CLI build ~15 ms.
 */
export function builtinFacts(): FactsCatalog {
  if (!builtin) {
    const groups = builtinCatalogGroups();
    builtin = new FactsCatalog(groups, { source: 'builtin', inputs: groups.inputs });
  }
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
