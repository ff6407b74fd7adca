/**
 * WIM capture benchmark: `node dist/cli/index.js wim capture --compress xpress` vs
 * `wimlib-imagex capture --compress=XPRESS` on the same generated folder, plus our peak RSS on a 1 GiB payload.
 *
 *   npm run bench:wim            (builds dist/cli and this script first)
 *   node bench/.work/wim.js [MiB for the mixed payload, default 256] [MiB for the RSS payload, default 1024]
 *
 * Payloads live under bench/.work/ (git-ignored) and are generated once, deterministically: a quarter each of
 * text (/usr/share/doc, /usr/include, …), binaries (/usr/bin, /usr/lib), zeros and random bytes, cut into files
 * of 4 KiB–8 MiB (the RSS payload is also measured as one single file). Peak RSS comes from `/usr/bin/time -v`
 * ("Maximum resident set size").
 * Targets (issue #3): time ratio ≤ 2.0, size ratio ≤ 1.03, peak RSS ≤ 200 MiB at 1 GiB.
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
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const MIB = 1024 * 1024;
const benchDir = resolve(import.meta.dirname ?? '.', '..');
const workDir = join(benchDir, '.work');
const repoRoot = resolve(benchDir, '..');
const cli = join(repoRoot, 'dist/cli/index.js');
const mixedMiB = Number(process.argv[2] ?? 256);
const rssMiB = Number(process.argv[3] ?? 1024);

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
  peakRssMiB: number;
  outputBytes: number;
}

function timed(command: string, args: string[], output: string): Run {
  rmSync(output, { force: true });
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * MIB,
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0)
    throw new Error(`${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const rssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { seconds, peakRssMiB: rssKiB / 1024, outputBytes: statSync(output).size };
}

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

function main(): void {
  if (!existsSync(cli))
    throw new Error(`${cli} missing: run \`npx vite build --config vite.cli.config.ts\` first`);
  mkdirSync(workDir, { recursive: true });
  const mixed = makePayload(`wim-payload-${mixedMiB}`, mixedMiB);
  const bytes = payloadBytes(mixed);
  const ours = join(workDir, 'bench-ours.wim');
  const theirs = join(workDir, 'bench-wimlib.wim');
  console.log(`\nmixed payload: ${(bytes / MIB).toFixed(1)} MiB in ${mixed}`);
  const wimlibVersion = execFileSync('wimlib-imagex', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const wimlibRun = timed('wimlib-imagex', ['capture', mixed, theirs, 'Bench', '--compress=XPRESS'], theirs);
  const ourRun = timed(
    'node',
    [cli, 'wim', 'capture', mixed, '-o', ours, '--compress', 'xpress', '--name', 'Bench'],
    ours,
  );
  verify(ours);
  const row = (label: string, run: Run): string =>
    `${label.padEnd(34)} ${run.seconds.toFixed(2).padStart(7)} s  ${(bytes / MIB / run.seconds).toFixed(1).padStart(7)} MB/s  ` +
    `${(run.outputBytes / MIB).toFixed(2).padStart(8)} MiB out  peak RSS ${run.peakRssMiB.toFixed(0).padStart(5)} MiB`;
  console.log(row('ppkg-studio wim capture (xpress)', ourRun));
  console.log(row(`${wimlibVersion} (XPRESS)`, wimlibRun));
  const timeRatio = ourRun.seconds / wimlibRun.seconds;
  const sizeRatio = ourRun.outputBytes / wimlibRun.outputBytes;
  console.log(
    `time ratio (ours / wimlib): ${timeRatio.toFixed(2)}   target ≤ 2.0 ${timeRatio <= 2 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `size ratio (ours / wimlib): ${sizeRatio.toFixed(4)} (${ourRun.outputBytes} / ${wimlibRun.outputBytes} bytes) target ≤ 1.03 ${sizeRatio <= 1.03 ? 'OK' : 'MISSED'}`,
  );

  if (rssMiB > 0) {
    const large = makePayload(`wim-payload-${rssMiB}`, rssMiB);
    const largeBytes = payloadBytes(large);
    const largeRun = timed('node', [cli, 'wim', 'capture', large, '-o', ours, '--compress', 'xpress'], ours);
    console.log(
      `\n${(largeBytes / MIB).toFixed(0)} MiB payload: ${largeRun.seconds.toFixed(1)} s, ` +
        `${(largeBytes / MIB / largeRun.seconds).toFixed(1)} MB/s, peak RSS ${largeRun.peakRssMiB.toFixed(0)} MiB ` +
        `(target ≤ 200 MiB ${largeRun.peakRssMiB <= 200 ? 'OK' : 'MISSED'})`,
    );
    // The same bytes as one file: a single 1 GiB blob must stream through the writer too.
    const single = makeSingleFilePayload(large, `wim-single-${rssMiB}`);
    const singleRun = timed(
      'node',
      [cli, 'wim', 'capture', single, '-o', ours, '--compress', 'xpress'],
      ours,
    );
    console.log(
      `one ${(largeBytes / MIB).toFixed(0)} MiB file: ${singleRun.seconds.toFixed(1)} s, ` +
        `${(largeBytes / MIB / singleRun.seconds).toFixed(1)} MB/s, peak RSS ${singleRun.peakRssMiB.toFixed(0)} MiB ` +
        `(target ≤ 200 MiB ${singleRun.peakRssMiB <= 200 ? 'OK' : 'MISSED'})`,
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
