/**
 * WIM capture benchmark: `node dist/cli/index.js wim capture --compress xpress` vs
 * `wimlib-imagex capture --compress=XPRESS` (default threads) on the same generated folders, in the same run.
 *
 *   npm run bench:wim            (builds dist/cli and this script first)
 *   node bench/.work/wim.js [--sizes 8,64,256] [--repeat 3] [--rss-mib 1024]
 *
 * Payloads live under bench/.work/ (git-ignored) and are generated once, deterministically: a quarter each of
 * text (/usr/share/doc, /usr/include, …), binaries (/usr/bin, /usr/lib), zeros and random bytes, cut into files
 * of 4 KiB–8 MiB. Each tool runs `--repeat` times per size, alternating; the best wall time of each is compared
 * (the headline figure). The machine is shared, so every row also prints the CPU time (user + sys, all
 * threads) of each tool, the lowest of its runs, and os.loadavg(): under load the CPU ratio says more than the
 * wall ratio. Peak RSS and CPU time come from `/usr/bin/time -v`.
 * Targets (issue #12): time ratio ≤ 2.0 at 64 MiB and ≤ 1.25 at 256 MiB, size ≤ 1.005× wimlib's, RSS ≤ 150 MiB.
 * `--rss-mib N` adds a peak-RSS run on an N MiB payload (as many files and as one file).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const MIB = 1024 * 1024;
const benchDir = resolve(import.meta.dirname ?? '.', '..');
const workDir = join(benchDir, '.work');
const repoRoot = resolve(benchDir, '..');
const cli = join(repoRoot, 'dist/cli/index.js');
function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}
const sizesMiB = option('sizes', '8,64,256').split(',').map(Number);
const repeat = Number(option('repeat', '3'));
const rssMiB = Number(option('rss-mib', '0'));
const TARGETS: Record<number, number> = { 64: 2.0, 256: 1.25 };
const SIZE_TARGET = 1.005;
const RSS_TARGET_MIB = 150;

/** Deterministic pseudo-random bytes (SHA-256 in counter mode), so payloads are identical between runs. */
function pseudoRandom(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  for (let at = 0, counter = 0; at < size; at += 32, counter++) {
    createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, at);
  }
  return out;
}

function collect(roots: string[], limit: number, accept: (path: string) => boolean): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (total >= limit) return;
      const path = join(dir, name);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile() && stat.size > 0 && stat.size < 64 * MIB && accept(path)) {
          const data = readFileSync(path);
          parts.push(data);
          total += data.length;
        }
      } catch {
        // unreadable: skip
      }
    }
  };
  for (const root of roots) walk(root);
  if (total === 0) return pseudoRandom(limit, 'fallback');
  // Repeat what exists when the system has less than asked for.
  const joined = Buffer.concat(parts);
  const out = Buffer.alloc(limit);
  for (let at = 0; at < limit; at += joined.length)
    joined.copy(out, at, 0, Math.min(joined.length, limit - at));
  return out;
}

/** Writes `bytes` as files of varying size (4 KiB … 8 MiB) into `dir`. */
function splitIntoFiles(dir: string, prefix: string, bytes: Buffer): void {
  mkdirSync(dir, { recursive: true });
  const sizes = [4096, 65_536, 300_000, MIB, 3 * MIB, 8 * MIB];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.min(sizes[i % sizes.length] as number, bytes.length - at);
    writeFileSync(join(dir, `${prefix}-${String(i).padStart(4, '0')}.bin`), bytes.subarray(at, at + size));
    at += size;
  }
}

function makePayload(name: string, totalMiB: number): string {
  const dir = join(workDir, name);
  // The marker sits beside the folder so it is not captured.
  const marker = `${dir}.complete`;
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const quarter = Math.floor((totalMiB * MIB) / 4);
  console.log(`generating ${totalMiB} MiB payload in ${dir} …`);
  // Generated one quarter at a time so the generator itself stays small in memory.
  splitIntoFiles(
    join(dir, 'text'),
    'text',
    collect(
      ['/usr/share/doc', '/usr/include', '/usr/share/man', '/usr/share'],
      quarter,
      (p) => !p.endsWith('.gz'),
    ),
  );
  splitIntoFiles(
    join(dir, 'bin'),
    'bin',
    collect(['/usr/bin', '/usr/lib', '/usr/libexec'], quarter, () => true),
  );
  splitIntoFiles(join(dir, 'zeros'), 'zeros', Buffer.alloc(quarter));
  const randomDir = join(dir, 'random');
  for (let i = 0, left = quarter; left > 0; i++) {
    const size = Math.min(16 * MIB, left);
    splitIntoFiles(randomDir, `random${i}`, pseudoRandom(size, `${name}:${i}`));
    left -= size;
  }
  writeFileSync(marker, '');
  return dir;
}

interface Run {
  seconds: number;
  /** User + system CPU time of the whole process (every thread). */
  cpuSeconds: number;
  peakRssMiB: number;
  outputBytes: number;
  /** Our capture only (PPKG_TIMINGS): time in fsync. */
  fsyncMs?: number;
}

function timed(command: string, args: string[], output: string): Run {
  rmSync(output, { force: true });
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * MIB,
    env: { ...process.env, PPKG_TIMINGS: '1' },
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0)
    throw new Error(`${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const rssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  const cpu = (label: string): number =>
    Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN);
  const fsync = /\(fsync ([\d.]+) ms\)/.exec(result.stderr)?.[1];
  return {
    seconds,
    cpuSeconds: cpu('User') + cpu('System'),
    peakRssMiB: rssKiB / 1024,
    outputBytes: statSync(output).size,
    ...(fsync ? { fsyncMs: Number(fsync) } : {}),
  };
}

const fastest = (runs: Run[]): Run => runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
const leastCpu = (runs: Run[]): number => Math.min(...runs.map((run) => run.cpuSeconds));

function payloadBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function verify(wim: string): void {
  const result = spawnSync('wimlib-imagex', ['verify', wim], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`wimlib-imagex verify ${wim} failed:\n${result.stderr}`);
}

const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function main(): void {
  if (!existsSync(cli))
    throw new Error(`${cli} missing: run \`npx vite build --config vite.cli.config.ts\` first`);
  mkdirSync(workDir, { recursive: true });
  const ours = join(workDir, 'bench-ours.wim');
  const theirs = join(workDir, 'bench-wimlib.wim');
  const wimlibVersion = execFileSync('wimlib-imagex', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  console.log(
    `${wimlibVersion}; node ${process.version}; ${os.cpus().length} CPUs; best of ${repeat} runs each`,
  );
  const payloads = sizesMiB.map((size) => makePayload(`wim-payload-${size}`, size));
  console.log(
    'payload   wall: ours s  wimlib s  ratio  target | CPU: ours s  wimlib s  ratio | ours MiB  wimlib MiB  size ratio | ours RSS  wimlib RSS | our fsync | loadavg (1 5 15)',
  );
  let allMet = true;
  for (const [index, mixed] of payloads.entries()) {
    const sizeMiB = sizesMiB[index]!;
    const bytes = payloadBytes(mixed);
    const oursRuns: Run[] = [];
    const wimlibRuns: Run[] = [];
    for (let attempt = 0; attempt < repeat; attempt++) {
      wimlibRuns.push(
        timed('wimlib-imagex', ['capture', mixed, theirs, 'Bench', '--compress=XPRESS'], theirs),
      );
      oursRuns.push(
        timed(
          'node',
          [cli, 'wim', 'capture', mixed, '-o', ours, '--compress', 'xpress', '--name', 'Bench'],
          ours,
        ),
      );
      if (attempt === 0) verify(ours);
    }
    const ourRun = fastest(oursRuns);
    const wimlibRun = fastest(wimlibRuns);
    const ourCpu = leastCpu(oursRuns);
    const wimlibCpu = leastCpu(wimlibRuns);
    const timeRatio = ourRun.seconds / wimlibRun.seconds;
    const sizeRatio = ourRun.outputBytes / wimlibRun.outputBytes;
    const target = TARGETS[sizeMiB];
    const met =
      (target === undefined || timeRatio <= target) &&
      sizeRatio <= SIZE_TARGET &&
      ourRun.peakRssMiB <= RSS_TARGET_MIB;
    allMet &&= met;
    console.log(
      `${`${(bytes / MIB).toFixed(0)} MiB`.padEnd(8)} ${ourRun.seconds.toFixed(3).padStart(13)} ${wimlibRun.seconds.toFixed(3).padStart(9)} ` +
        `${timeRatio.toFixed(2).padStart(6)}  ${target === undefined ? '   -  ' : `≤ ${target.toFixed(2)}`} | ` +
        `${ourCpu.toFixed(2).padStart(12)} ${wimlibCpu.toFixed(2).padStart(9)} ${(ourCpu / wimlibCpu).toFixed(2).padStart(6)} | ` +
        `${(ourRun.outputBytes / MIB).toFixed(2).padStart(8)} ${(wimlibRun.outputBytes / MIB).toFixed(2).padStart(11)} ` +
        `${sizeRatio.toFixed(4).padStart(11)} | ${ourRun.peakRssMiB.toFixed(0).padStart(8)} ${wimlibRun.peakRssMiB.toFixed(0).padStart(11)} ` +
        `| ${`${(ourRun.fsyncMs ?? NaN).toFixed(0)} ms`.padStart(9)} | ${load()}${met ? '' : '  MISSED'}`,
    );
  }
  console.log(
    `targets (wall time ≤ ${Object.entries(TARGETS)
      .map(([size, ratio]) => `${ratio} at ${size} MiB`)
      .join(', ')}, size ≤ ${SIZE_TARGET}×, our RSS ≤ ${RSS_TARGET_MIB} MiB): ${allMet ? 'met' : 'MISSED'}`,
  );
  console.log(
    'wall: best of the runs; CPU: user + sys of all threads, lowest of the runs (less affected by load)',
  );

  if (rssMiB > 0) {
    const large = makePayload(`wim-payload-${rssMiB}`, rssMiB);
    const largeBytes = payloadBytes(large);
    const largeRun = timed('node', [cli, 'wim', 'capture', large, '-o', ours, '--compress', 'xpress'], ours);
    console.log(
      `\n${(largeBytes / MIB).toFixed(0)} MiB payload: ${largeRun.seconds.toFixed(1)} s (CPU ${largeRun.cpuSeconds.toFixed(1)} s), ` +
        `${(largeBytes / MIB / largeRun.seconds).toFixed(1)} MB/s, peak RSS ${largeRun.peakRssMiB.toFixed(0)} MiB`,
    );
    // The same bytes as one file: a single huge blob must stream through the writer too.
    const single = makeSingleFilePayload(large, `wim-single-${rssMiB}`);
    const singleRun = timed(
      'node',
      [cli, 'wim', 'capture', single, '-o', ours, '--compress', 'xpress'],
      ours,
    );
    console.log(
      `one ${(largeBytes / MIB).toFixed(0)} MiB file: ${singleRun.seconds.toFixed(1)} s (CPU ${singleRun.cpuSeconds.toFixed(1)} s), ` +
        `${(largeBytes / MIB / singleRun.seconds).toFixed(1)} MB/s, peak RSS ${singleRun.peakRssMiB.toFixed(0)} MiB`,
    );
  }
  rmSync(ours, { force: true });
  rmSync(theirs, { force: true });
}

function makeSingleFilePayload(source: string, name: string): string {
  const dir = join(workDir, name);
  const marker = `${dir}.complete`;
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'payload.bin');
  writeFileSync(target, '');
  for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) appendFileSync(target, readFileSync(join(entry.parentPath, entry.name)));
  }
  writeFileSync(marker, '');
  return dir;
}

main();
