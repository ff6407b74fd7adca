/**
 * Hostile-input benchmark (issue #10): parseXmlTree on an element with 100k attributes — linear — next to
 * the raw sax parser it is built on (the floor) and xmlbuilder2 (what parseXmlTree used before; quadratic,
 * so measured at 10k); then `inspect` of a package whose customizations.xml expands to 1 GiB, refused
 * by the size cap (target: under a second and 200 MiB).
 *
 *   npm run bench:xml
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sax from 'sax';
import { create } from 'xmlbuilder2';
import { readPackageSummary } from '../shared/node/package/read-package';
import { parseXmlTree } from '../shared/xml/xml-tree';
import { writeExpandingPackage } from '../tests/support/expanding-package';

const element = (count: number) =>
  `<root${Array.from({ length: count }, (_, i) => ` a${i}="v${i}"`).join('')}/>`;

function time(run: () => void, repeat = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const rawSax = (xml: string) => () => {
  const parser = sax.parser(true);
  parser.write(xml).close();
};

console.log('XML with many attributes (best of 3, ms):');
for (const count of [10_000, 50_000, 100_000]) {
  const xml = element(count);
  const ours = time(() => parseXmlTree(xml, 'customizations.xml'));
  const floor = time(rawSax(xml));
  const ratio = (ours / floor).toFixed(1);
  console.log(
    `  ${String(count).padStart(7)} attributes, ${(xml.length / 1e6).toFixed(2)} MB: parseXmlTree ${ours.toFixed(0)} ms, sax alone ${floor.toFixed(0)} ms (×${ratio})`,
  );
}
const small = element(10_000);
console.log(
  `  xmlbuilder2 (the previous parser) at 10000 attributes: ${time(() => void create(small), 1).toFixed(0)} ms`,
);

const work = await mkdtemp(join(tmpdir(), 'bench-xml-'));
try {
  const bomb = join(work, 'expands-to-1GiB.ppkg');
  await writeExpandingPackage(bomb);
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const outcome = await readPackageSummary(bomb).then(
    () => 'read (NOT refused)',
    (error: Error) => `refused: ${error.message}`,
  );
  const elapsed = performance.now() - start;
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  console.log(`1 GiB-expanding package: ${outcome}`);
  console.log(
    `  in ${elapsed.toFixed(0)} ms, RSS grew by ${rssGrowth.toFixed(1)} MiB (targets: < 1000 ms, < 200 MiB)`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
