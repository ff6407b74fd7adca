/**
 * The app's build with a 1 GiB installer (issue #10: ≤ 200 MiB peak RSS at 1 GiB), through the same code the
 * desktop app runs: the IPC dispatcher, main's `dialog:openAsset` and `package:build` handlers and the task
 * worker (bundled beside this script as in out/main). Electron is the only part missing: the host is the test
 * host (files in a temp folder, scripted dialogs). Printed next to wimlib-imagex capturing the same file in the
 * same run, both as whole processes (peak RSS = VmHWM), plus the longest stall of main's event loop during the
 * build (what a window would feel: the build itself runs in the task worker).
 *
 *   npm run bench:app-build            (node bench/.work/app-build.js [--mib 1024] [--random])
 *
 * The installer is a sparse file of zeros by default (no gigabyte written to disk; reading, hashing and
 * compressing it is the real work); --random writes incompressible bytes instead, like a real MSI.
 */
import { randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createDispatcher, createTrustedSenderCheck } from '../electron/main/dispatcher';
import { createHandlers } from '../electron/main/handlers';
import { installerProject } from '../tests/support/installer-project';
import { peakRss } from './peak-rss';
import { TestHost } from '../tests/support/test-host';

const MIB = 1024 * 1024;
const RSS_TARGET_MIB = 200;
const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

/** Child mode: one build through main's handlers in `folder`, where `payload/big.msi` is; prints JSON. */
async function buildThroughHandlers(folder: string): Promise<void> {
  const host = new TestHost(folder);
  const rendererUrl = 'file:///bench/out/renderer/index.html';
  const dispatch = createDispatcher(createHandlers(host), createTrustedSenderCheck(rendererUrl));
  const sender = { url: `${rendererUrl}#/wizard`, isMainFrame: true };
  const call = async <T>(channel: string, arg?: unknown): Promise<T> => {
    const reply = await dispatch(channel, arg === undefined ? [] : [arg], sender);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.value as T;
  };
  host.answerNextOpenDialog('payload/big.msi');
  const installer = await call<{ path: string }>('dialog:openAsset', { kind: 'installer' });
  const doc = installerProject(installer.path, {
    name: 'Big',
    id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
    commandLine: 'msiexec /i "big.msi" /qn',
  });
  host.answerNextSaveDialog('big.ppkg');
  const target = await call<{ path: string }>('dialog:saveFile', {
    kind: 'package',
    suggestedName: 'big.ppkg',
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = performance.now();
  const outcome = await call<{ ok: boolean; size?: number; detail?: string }>('package:build', {
    document: doc,
    path: target.path,
  });
  loop.disable();
  console.log(
    JSON.stringify({
      ok: outcome.ok,
      detail: outcome.detail,
      size: outcome.size,
      seconds: (performance.now() - start) / 1000,
      maxLoopDelayMs: loop.max / 1e6,
    }),
  );
}

async function writeInstaller(path: string, bytes: number, random: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'w');
  try {
    if (!random) return await handle.truncate(bytes);
    const block = new Uint8Array(4 * MIB);
    for (let written = 0; written < bytes; written += block.length) {
      randomFillSync(block);
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
}

async function compare(): Promise<void> {
  const mib = Number(option('mib') ?? 1024);
  const random = process.argv.includes('--random');
  const work = await mkdtemp(join(tmpdir(), 'bench-app-build-'));
  try {
    const installer = join(work, 'payload', 'big.msi');
    await writeInstaller(installer, mib * MIB, random);
    const script = fileURLToPath(import.meta.url);
    const ours = await peakRss(process.execPath, [script, '--child', work]);
    const result = JSON.parse(ours.stdout.trim().split('\n').at(-1) ?? '{}') as {
      ok?: boolean;
      detail?: string;
      seconds?: number;
      maxLoopDelayMs?: number;
    };
    const peer = await peakRss('wimlib-imagex', [
      'capture',
      dirname(installer),
      join(work, 'peer.wim'),
      '--compress=XPRESS',
    ]).catch(() => ({ code: null, peakMiB: null, seconds: NaN }));
    const show = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
    const met = ours.peakMiB !== null && ours.peakMiB <= RSS_TARGET_MIB && result.ok === true;
    console.log(`App build with a ${mib} MiB installer (${random ? 'random bytes' : 'sparse zeros'}):`);
    console.log(
      `  package:build through main's handlers + task worker: peak RSS ${show(ours.peakMiB)}, ` +
        `${(result.seconds ?? NaN).toFixed(1)} s build (${ours.seconds.toFixed(1)} s process), ` +
        `${result.ok ? 'built' : `FAILED (${result.detail ?? `exit ${ours.code}`})`}`,
    );
    console.log(
      `  main's event loop during the build: longest stall ${(result.maxLoopDelayMs ?? NaN).toFixed(0)} ms`,
    );
    console.log(
      `  peer: wimlib-imagex capture --compress=XPRESS of the same file: peak RSS ${show(peer.peakMiB)}, ` +
        `${peer.seconds.toFixed(1)} s (exit ${peer.code})`,
    );
    console.log(`  target ≤ ${RSS_TARGET_MIB} MiB peak RSS: ${met ? 'met' : 'NOT met'}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const child = option('child');
if (child) {
  await buildThroughHandlers(child);
  // Main's services keep timers of their own (the app quits through Electron); the measurement is done.
  process.exit(0);
} else await compare();
