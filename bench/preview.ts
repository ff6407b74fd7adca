/**
 * Live-preview benchmark (issue #12 item 5): the latency of one preview update after an edit — customizations.xml
 * and the whole compiled package tree as text, secrets masked, as the wizard's preview pane computes it — for
 * projects of 200 and 1,000 settings made from the built-in store (tests/support/store-project.ts).
 *
 * Each edit is one keystroke: a letter typed into a random text setting, or a random True/False setting
 * toggled, applied as the app applies it (a copy of the document, then the change; the copy is not timed,
 * its cost is printed beside). Measured on the same edit sequence in the same run:
 *   - IncrementalPackagePreview.update: recompiles only the settings group that changed (the app's path);
 *   - peer: buildPackagePreview, the full recompile of the same document (the reference it must equal).
 * Targets: p90 under 2 ms at 200 settings and well under 16 ms (one frame) at 1,000. Wall-clock time is what a
 * user waits; on a shared machine it includes time other processes held the CPU, so the process CPU time of
 * each update is printed under it.
 *
 *   npm run bench:preview [-- edits, default 400]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { IncrementalPackagePreview } from '../shared/compiler/incremental-preview';
import { buildPackagePreview, type PreviewOptions } from '../shared/compiler/preview';
import type { CustomizationsDocument } from '../shared/model/customizations-document';
import type { SettingNode } from '../shared/model/settings-tree';
import { storeSampleProject } from '../tests/support/store-project';

const edits = Number(process.argv[2] ?? 400);
const WARM_UP = 100;
const options: PreviewOptions = { revealSecrets: false, certificateDer: {} };

/** A small deterministic PRNG (mulberry32), so every run times the same edits. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paths (child indexes from Common) of the leaves an edit may change. */
function editableLeaves(nodes: readonly SettingNode[], at: number[] = [], out: number[][] = []): number[][] {
  nodes.forEach((node, index) => {
    const path = [...at, index];
    if (node.children.length > 0) editableLeaves(node.children, path, out);
    else if (node.text === 'True' || node.text === 'False' || node.text === 'bench-value') out.push(path);
  });
  return out;
}

function leafAt(doc: CustomizationsDocument, path: readonly number[]): SettingNode {
  let nodes = doc.common;
  let node: SettingNode | undefined;
  for (const index of path) {
    node = nodes[index]!;
    nodes = node.children;
  }
  return node!;
}

/** The documents after each of `count` keystrokes, and the time the app's copy per edit took. */
function editSequence(start: CustomizationsDocument, count: number, seed: number) {
  const next = random(seed);
  const paths = editableLeaves(start.common);
  const docs: CustomizationsDocument[] = [];
  const copyMs: number[] = [];
  let doc = start;
  for (let i = 0; i < count; i++) {
    const began = performance.now();
    doc = structuredClone(doc);
    copyMs.push(performance.now() - began);
    const leaf = leafAt(doc, paths[Math.floor(next() * paths.length)]!);
    if (leaf.text === 'True' || leaf.text === 'False') leaf.text = leaf.text === 'True' ? 'False' : 'True';
    else leaf.text = `${leaf.text ?? ''}${String.fromCharCode(97 + Math.floor(next() * 26))}`;
    docs.push(doc);
  }
  return { docs, copyMs };
}

/** Wall-clock and CPU time (this process, all threads: GC included) of each update, in ms. */
function timeEach(docs: readonly CustomizationsDocument[], update: (doc: CustomizationsDocument) => unknown) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const doc of docs) {
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    update(doc);
    const used = process.cpuUsage(cpuBefore);
    wall.push(performance.now() - began);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function summary(timings: readonly number[]): string {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(2)} ms, p90 ${at(0.9).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
}

console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} (the machine may be shared: compare the two lines of one run, not runs)`,
);
for (const size of [200, 1000]) {
  const { doc, settings } = storeSampleProject(size);
  const warm = editSequence(doc, WARM_UP, 1);
  const { docs, copyMs } = editSequence(warm.docs.at(-1)!, edits, size);
  const incremental = new IncrementalPackagePreview();
  for (const warmDoc of warm.docs) incremental.update(warmDoc, options);
  for (const warmDoc of warm.docs) buildPackagePreview(warmDoc, options);
  const ours = timeEach(docs, (edited) => incremental.update(edited, options));
  const full = timeEach(docs, (edited) => buildPackagePreview(edited, options));
  console.log(`${settings} settings, ${edits} keystrokes (the same edits for both):`);
  console.log(`  incremental preview (changed group only)  wall ${summary(ours.wall)}`);
  console.log(`                                             CPU  ${summary(ours.cpu)}`);
  console.log(`  peer, full recompile (buildPackagePreview) wall ${summary(full.wall)}`);
  console.log(`                                             CPU  ${summary(full.cpu)}`);
  console.log(`  (not timed above) the app's copy of the document per edit: ${summary(copyMs)}`);
}
