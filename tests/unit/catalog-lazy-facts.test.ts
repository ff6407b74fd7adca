import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  activateStoreFacts,
  getCatalogChildren,
  getCatalogEntry,
  isSecretSetting,
} from '../../shared/catalog';
import { builtinCatalogGroups } from '../../shared/catalog/builtin-source';
import {
  type CatalogGroups,
  groupCatalogText,
  groupParsedCatalog,
} from '../../shared/catalog/catalog-groups';
import { FactsCatalog } from '../../shared/catalog/facts';
import { serializeCatalog } from '../../shared/catalog/generate';
import type { GeneratedCatalog, StoreFactNode } from '../../shared/catalog/store-facts';
import { type CompilerStore, createCompilerStore, storeNodeAt } from '../../shared/compiler/rules';
import { REPO_ROOT } from '../support/fixtures';

/**
 * The built-in catalog is read one top-level group at a time (the CLI from the file's text, the bundles from
 * the JSON import): it must answer exactly what a catalog built from every node answers, and a lookup must
 * parse only its own group.
 */

const FILE = 'desktop-store.json';
const TEXT = readFileSync(resolve(REPO_ROOT, 'shared/catalog/generated', FILE), 'utf8');
const PARSED = JSON.parse(TEXT) as GeneratedCatalog;
const ORIGIN = { source: 'builtin', inputs: PARSED.inputs } as const;

function eagerCatalog(): FactsCatalog {
  return new FactsCatalog(
    PARSED.nodes.map((node) => ({ ...node, source: 'builtin' as const })),
    ORIGIN,
  );
}

const SOURCES: Array<[string, () => CatalogGroups]> = [
  ['the file text (the CLI)', () => groupCatalogText(TEXT, FILE)],
  ['the parsed JSON (the bundles)', () => groupParsedCatalog(PARSED, FILE)],
  ['builtin-source.ts', builtinCatalogGroups],
];

afterEach(() => vi.restoreAllMocks());

describe.each(SOURCES)('the built-in catalog per group, from %s', (_name, groups) => {
  const lazy = () => new FactsCatalog(groups(), ORIGIN);
  const eager = eagerCatalog();
  const paths = eager.nodes.map((node) => node.path);

  it('answers get and childrenOf for every path as the eager catalog does, in the same order', () => {
    const catalog = lazy();
    expect(catalog.childrenOf('')).toEqual(eager.childrenOf(''));
    for (const path of paths) {
      expect(catalog.get(path), path).toEqual(eager.get(path));
      expect(catalog.get(`/${path}`), path).toBe(catalog.get(path));
      expect(catalog.childrenOf(path), path).toEqual(eager.childrenOf(path));
    }
    expect(catalog.get('No/Such/Path')).toBeUndefined();
    expect(catalog.childrenOf('No/Such')).toEqual([]);
    expect(catalog.nodes).toEqual(eager.nodes);
    expect(catalog.leaves()).toEqual(eager.leaves());
  });

  it('reaches each node as one object by path, as a child and in the full list, whichever comes first', () => {
    const listedFirst = lazy();
    const nodes = listedFirst.nodes;
    nodes.forEach((node, index) => {
      expect(listedFirst.get(node.path)).toBe(node);
      expect(listedFirst.childrenOf(parentOf(node.path))).toContain(node);
      expect(paths[index]).toBe(node.path);
    });
    const lookedUpFirst = lazy();
    const byPath = paths.map((path) => lookedUpFirst.get(path));
    for (const path of [...paths].reverse())
      for (const child of lookedUpFirst.childrenOf(path)) expect(byPath).toContain(child);
    expect(lookedUpFirst.nodes).toEqual(byPath);
    lookedUpFirst.nodes.forEach((node, index) => expect(node).toBe(byPath[index]));
  });

  it('lists the groups with their editions without loading one, and loads only the group looked up', () => {
    const catalog = lazy();
    const roots = catalog.childrenOf('');
    expect(roots).toHaveLength(53);
    expect(roots.find((root) => root.path === 'Accounts')?.editions).toEqual(['common', 'desktop']);
    expect(catalog.get('Policies')?.kind).toBe('tree');
    expect(catalog.loadedGroups()).toEqual([]);
    expect(catalog.get('Accounts/Users/User/Password')?.kind).toBe('text');
    expect(catalog.loadedGroups()).toEqual(['Accounts']);
    expect(catalog.childrenOf('Workplace/Enrollments').map((node) => node.name)).toEqual(['UPN']);
    expect(catalog.loadedGroups()).toEqual(['Accounts', 'Workplace']);
    expect(catalog.leaves()).toHaveLength(1381);
    expect(catalog.loadedGroups()).toHaveLength(53);
  });
});

describe('the file text, parsed per group', () => {
  it('parses one JSON array per group looked up, holding only that group', () => {
    const groups = groupCatalogText(TEXT, FILE);
    const parse = vi.spyOn(JSON, 'parse');
    const catalog = new FactsCatalog(groups, ORIGIN);
    catalog.childrenOf('');
    expect(parse).not.toHaveBeenCalled();
    catalog.get('Certificates/RootCertificates/RootCertificate/CertificatePath');
    catalog.get('Certificates/TrustedProvisioners');
    expect(parse).toHaveBeenCalledTimes(1);
    const parsedPaths = [...String(parse.mock.calls[0]![0]).matchAll(/\{"path":"([^"]*)"/g)].map((m) => m[1]);
    expect(parsedPaths.length).toBeGreaterThan(5);
    expect(parsedPaths.filter((path) => !path!.startsWith('Certificates/'))).toEqual([]);
  });

  it('reads the same nodes as the generator wrote, for a catalog of any shape', () => {
    const catalog = smallCatalog();
    const text = serializeCatalog(catalog);
    const lazy = new FactsCatalog(groupCatalogText(text, 'small.json'), { source: 'builtin', inputs: [] });
    expect(lazy.nodes.map(({ source: _source, ...node }) => node)).toEqual(catalog.nodes);
    expect(lazy.childrenOf('B').map((node) => node.path)).toEqual([]);
    expect(lazy.get('C/Only/Leaf')?.kind).toBe('bool');
  });
});

/** Three groups: A with two leaves, B alone, C one level deeper. Lines 5–10 of its text, in this order. */
function smallCatalog(): GeneratedCatalog {
  const node = (path: string, kind: StoreFactNode['kind']): StoreFactNode => ({
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    kind,
    order: 0,
    editions: ['desktop'],
  });
  return {
    format: 1,
    inputs: [],
    nodes: [
      node('A', 'tree'),
      node('A/One', 'text'),
      node('A/Two', 'int'),
      node('B', 'tree'),
      node('C', 'tree'),
      node('C/Only', 'tree'),
      node('C/Only/Leaf', 'bool'),
    ],
  };
}

describe('a catalog text not laid out one node per line, each group one run', () => {
  const lines = serializeCatalog(smallCatalog()).split('\n');
  const textWith = (edit: (lines: string[]) => void) => {
    const copy = [...lines];
    edit(copy);
    return copy.join('\n');
  };
  const lookup = (text: string, path: string) =>
    new FactsCatalog(groupCatalogText(text, 'bad.json'), { source: 'builtin', inputs: [] }).get(path);

  it('is refused when a group appears twice, naming the line', () => {
    // Group B (line 8) again after C, as line 12, with the commas kept valid JSON.
    const text = textWith((copy) => {
      copy[10] = `${copy[10]!},`;
      copy.splice(11, 0, copy[7]!.replace(/,$/, ''));
    });
    expect(() => groupCatalogText(text, 'bad.json')).toThrow(
      /^bad\.json line 12: the group B appears a second time \(first on line 8\)$/,
    );
  });

  it('is refused when a line holds two nodes, naming the line, when its group is read', () => {
    const text = textWith((copy) => {
      copy[5] = `    {"path":"A/One","name":"One","kind":"text","order":0,"editions":["desktop"]},{"path":"A/Uno","name":"Uno","kind":"text","order":0,"editions":["desktop"]},`;
    });
    expect(lookup(text, 'C/Only/Leaf')?.kind).toBe('bool');
    expect(() => lookup(text, 'A/One')).toThrow(/^bad\.json line 6: not one catalog node of the group A$/);
  });

  it('is refused when a node of another group sits in a run, naming the line', () => {
    const text = textWith((copy) => {
      copy[6] = copy[6]!.replace(/"A\/Two"/, '"B/Two"');
    });
    expect(() => lookup(text, 'A/One')).toThrow(/^bad\.json line 7: not one catalog node of the group A$/);
  });

  it('is refused when the first node is not a group node, or the array is not closed', () => {
    expect(() =>
      groupCatalogText(
        textWith((copy) => copy.splice(4, 1)),
        'bad.json',
      ),
    ).toThrow(/^bad\.json line 5: the first node must be a group node$/);
    expect(() =>
      groupCatalogText(
        textWith((copy) => copy.splice(-3)),
        'bad.json',
      ),
    ).toThrow(/the nodes array is not closed/);
  });
});

describe('catalog entries over the per-group facts', () => {
  afterEach(() => activateStoreFacts(undefined));

  it('lists the top-level entries without loading a group; an entry loads only its own group', () => {
    const facts = new FactsCatalog(groupCatalogText(TEXT, FILE), ORIGIN);
    activateStoreFacts(facts);
    expect(getCatalogChildren('')).toHaveLength(53);
    expect(getCatalogEntry('Accounts')?.kind).toEqual({ kind: 'tree' });
    expect(isSecretSetting('Policies')).toBe(false);
    expect(facts.loadedGroups()).toEqual([]);
    expect(getCatalogEntry('Workplace/Enrollments/UPN/Secret')?.secret).toBe(true);
    expect(getCatalogEntry('Workplace/Enrollments')?.kind).toMatchObject({ kind: 'map', itemElement: 'UPN' });
    expect(facts.loadedGroups()).toEqual(['Workplace']);
  });
});

describe('the compiler store over the per-group catalog', () => {
  const walk = (store: CompilerStore) => [...store.rules.entries()];

  it('reads only the group nodes when made, and only the group of a rule looked up', () => {
    const facts = new FactsCatalog(groupCatalogText(TEXT, FILE), ORIGIN);
    const store = createCompilerStore(facts, 'lazy');
    expect(store.commonGroups.length + store.desktopGroups.length).toBe(53);
    expect(facts.loadedGroups()).toEqual([]);
    expect(store.rules.get('Workplace/Enrollments/UPN/Secret')?.target).toEqual({
      kind: 'csp',
      path: './Vendor/MSFT/Provisioning/Enrollments/~UPN~/Secret',
    });
    expect(storeNodeAt('Workplace/Enrollments/UPN', store)?.kind).toBe('tree');
    expect(facts.loadedGroups()).toEqual(['Workplace']);
  });

  it('holds the same groups and rules as one made over every node', () => {
    const lazy = createCompilerStore(new FactsCatalog(groupCatalogText(TEXT, FILE), ORIGIN), 'lazy');
    const eager = createCompilerStore(eagerCatalog(), 'eager');
    expect(lazy.commonGroups.map((group) => group.name)).toEqual(
      eager.commonGroups.map((group) => group.name),
    );
    expect(lazy.desktopGroups.map((group) => group.name)).toEqual(
      eager.desktopGroups.map((group) => group.name),
    );
    expect(walk(lazy)).toEqual(walk(eager));
    expect(walk(lazy).length).toBeGreaterThan(1000);
  });
});

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
