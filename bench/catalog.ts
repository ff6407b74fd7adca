/**
 * Catalog benchmark (issue #11): what the full settings store costs the renderer. Prints
 * - catalog load: parse of the generated JSON + building every entry (the renderer does this once), next to a
 *   plain JSON.parse of the same text (the peer: the least any JSON catalog can cost);
 * - entries (facts + hand-written overrides in tree order), next to indexing the same nodes by path in a Map;
 * - heap retained by the built catalog, next to the heap a plain JSON.parse of the same text retains;
 * - advanced-editor search latency over the whole tree (tree rows for a typed query, hidden and rules applied),
 *   next to a bare substring filter over the paths (the peer);
 * - the collapsed tree (what the editor first shows), next to a filter for the top-level groups.
 * The machine's load average is printed first: figures from a busy shared machine are noisy.
 * Node, not Chromium: same V8, without the page around it.
 *
 *   npm run bench:catalog [-- iterations, default 200]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { treeRows } from '../renderer/src/pages/advanced/tree-model';
import { activateStoreFacts, allCatalogEntries, builtinFacts } from '../shared/catalog';
import { FactsCatalog } from '../shared/catalog/facts';
import type { GeneratedCatalog } from '../shared/catalog/store-facts';

const iterations = Number(process.argv[2] ?? 200);
const text = readFileSync(
  resolve(import.meta.dirname, '../../shared/catalog/generated/desktop-store.json'),
  'utf8',
);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
function time(run: () => unknown, count = iterations): number {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
const gc = (globalThis as { gc?: () => void }).gc;

// Load: parse + facts + entries (what the first render pays), against JSON.parse alone.
const parseOnly = time(() => JSON.parse(text));
const load = time(() => {
  const parsed = JSON.parse(text) as GeneratedCatalog;
  const facts = new FactsCatalog(
    parsed.nodes.map((node) => ({ ...node, source: 'builtin' as const })),
    { source: 'builtin', inputs: parsed.inputs },
  );
  return facts.nodes.length;
});
// Entries (facts + hand-written overrides, tree order): rebuilt whenever the store changes.
const entriesBuild = time(
  () => {
    activateStoreFacts(undefined);
    return allCatalogEntries().length;
  },
  Math.min(iterations, 50),
);
const nodes = (JSON.parse(text) as GeneratedCatalog).nodes;
const entriesPeer = time(
  () => new Map(nodes.map((node) => [node.path, node])).size,
  Math.min(iterations, 50),
);

/** Heap still held after `build` runs, with the result kept alive. */
function retainedBy(build: () => unknown): { bytes: number; kept: unknown } {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc?.();
  return { bytes: process.memoryUsage().heapUsed - before, kept };
}
const parsedHeap = retainedBy(() => JSON.parse(text) as unknown);
activateStoreFacts(undefined);
const entriesHeap = retainedBy(() => allCatalogEntries());
const entries = allCatalogEntries();

const options = {
  expanded: new Set<string>(),
  showHidden: false,
  labelOf: (entry: (typeof entries)[number]) => entry.name,
  isShown: () => true,
};
const queries = [
  'a',
  'pol',
  'cortana',
  'Policies/Experience/AllowCortana',
  'zzz-no-match',
  'Vendor/MSFT/Policy',
];
const search =
  time(() => {
    for (const query of queries) treeRows(entries, { ...options, search: query });
  }) / queries.length;
const peer =
  time(() => {
    for (const query of queries)
      entries.filter((entry) => entry.path.toLowerCase().includes(query.toLowerCase()));
  }) / queries.length;
const collapsed = time(() => treeRows(entries, { ...options, search: '' }));
const collapsedPeer = time(() => entries.filter((entry) => entry.parentPath === ''));

const ms = (value: number) => `${value.toFixed(3)} ms`;
const mib = (bytes: number) =>
  gc ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : 'n/a (run with node --expose-gc)';
console.log(
  `node ${process.version}, load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} (1/5/15 min), ${iterations} iterations, medians`,
);
console.log(
  `catalog: ${builtinFacts().nodes.length} nodes, ${entries.length} entries, JSON ${(text.length / 1024).toFixed(0)} KiB`,
);
console.log(`load (parse + facts)      ${ms(load)}   peer JSON.parse alone ${ms(parseOnly)}`);
console.log(
  `entries (with overrides)  ${ms(entriesBuild)}   peer Map of the nodes by path ${ms(entriesPeer)}`,
);
console.log(
  `entries retained (heap)   ${mib(entriesHeap.bytes)}   peer JSON.parse result ${mib(parsedHeap.bytes)}`,
);
console.log(`search (tree rows/query)  ${ms(search)}   peer bare path filter ${ms(peer)}`);
console.log(`collapsed tree rows       ${ms(collapsed)}   peer top-level filter ${ms(collapsedPeer)}`);
