/**
 * Hostile-input benchmark (issue #10): parseXmlTree on an element with 100k attributes — linear — next to
 * the raw sax parser it is built on (the floor) and xmlbuilder2 (what parseXmlTree used before; quadratic,
 * so measured at 10k); then `inspect` of a package whose customizations.xml expands to 1 GiB, refused
 * by the size cap (target: under a second and 200 MiB); then the peak memory of `ppkg-studio build` with a
 * 1 GiB installer, next to wimlib-imagex capturing the same file (target: ≤ 200 MiB).
 *
 *   npm run bench:xml
 */
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import sax from 'sax';
import { create } from 'xmlbuilder2';
import { readPackageSummary } from '../shared/node/package/read-package';
import { parseXmlTree } from '../shared/xml/xml-tree';
import { writeExpandingPackage } from '../tests/support/expanding-package';
import { peakRss } from './peak-rss';

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

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const assetWork = await mkdtemp(join(tmpdir(), 'bench-asset-'));
try {
  // A sparse 1 GiB file (zeros): reading and hashing it is real work, compressing it is quick.
  const asset = join(assetWork, 'payload', 'big.msi');
  await mkdir(dirname(asset), { recursive: true });
  const handle = await open(asset, 'w');
  await handle.truncate(1 << 30);
  await handle.close();
  const project = join(assetWork, 'customizations.xml');
  await writeFile(
    project,
    `<?xml version="1.0" encoding="utf-8"?><WindowsCustomizations><PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0"><ID>{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}</ID><Name>Big</Name><Version>1.0</Version><OwnerType>ITAdmin</OwnerType><Rank>0</Rank><Notes></Notes></PackageConfig><Settings xmlns="urn:schemas-microsoft-com:windows-provisioning"><Customizations><Common><ProvisioningCommands><PrimaryContext><Command><CommandConfig Name="Agent"><CommandFile>${asset}</CommandFile><CommandLine>msiexec /i big.msi</CommandLine></CommandConfig></Command></PrimaryContext></ProvisioningCommands></Common></Customizations></Settings></WindowsCustomizations>`,
  );
  const start = performance.now();
  const ours = await peakRss(process.execPath, [
    join(repo, 'dist/cli/index.js'),
    'build',
    project,
    '-o',
    join(assetWork, 'big.ppkg'),
  ]);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  const peer = await peakRss('wimlib-imagex', [
    'capture',
    dirname(asset),
    join(assetWork, 'peer.wim'),
    '--compress=XPRESS',
  ]).catch(() => ({ code: null, peakMiB: null }));
  const mib = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
  console.log('Build with a 1 GiB asset (peak RSS):');
  console.log(
    `  ppkg-studio build: ${mib(ours.peakMiB)} in ${seconds} s (exit ${ours.code}; target ≤ 200 MiB)`,
  );
  console.log(`  wimlib-imagex capture of the same file: ${mib(peer.peakMiB)} (exit ${peer.code})`);
} finally {
  await rm(assetWork, { recursive: true, force: true });
}
