import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileHandle } from 'node:fs/promises';

/**
 * Every temporary file or folder PPKG Studio writes lives beside its target as `.<target name>.<12 hex>.tmp`
 * (private: files 0600, folders 0700, since packages hold passwords and keys). They are removed when the
 * write fails, when the process gets SIGINT/SIGTERM (Ctrl+C, kill) and — for what a SIGKILL or a crash
 * left — by the next write into the same folder once they are a day old (younger ones may belong to a
 * write still running in another process).
 */

/** Mode of outputs and temp files: packages and extracted trees can hold secrets. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** Leftovers older than this are removed by the next write beside them. */
export const STALE_TEMP_AGE_MS = 24 * 60 * 60 * 1000;

const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

const liveTemps = new Set<string>();
let signalHandlersInstalled = false;

function removeLiveTempsNow(): void {
  for (const path of liveTemps) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort while the process is going down.
    }
  }
  liveTemps.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeLiveTempsNow();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  signalHandlersInstalled = false;
  // Die of the same signal, as if we had not been listening (exit status 128 + n for the shell).
  process.kill(process.pid, signal);
}

function track(path: string): void {
  liveTemps.add(path);
  if (!signalHandlersInstalled) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.once('exit', removeLiveTempsNow);
    signalHandlersInstalled = true;
  }
}

/**
 * Registers a temp path made elsewhere (e.g. package-security's sibling files) for removal on SIGINT/SIGTERM
 * and exit. Harmless if the path is renamed into place or removed first: removal then finds nothing.
 */
export function trackTemp(path: string): void {
  track(path);
}

/** A fresh temp name beside `target`. */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes temp files/folders in `dir` that are older than STALE_TEMP_AGE_MS (what a SIGKILL left). */
export async function removeStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info || now - info.mtimeMs < STALE_TEMP_AGE_MS) continue;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed.push(path);
  }
  return removed;
}

/** Creates a private temp folder beside `target` (removed on signals; call removeTemp when done). */
export async function makeTempDirBeside(target: string): Promise<string> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(dir);
  const temp = tempPathBeside(target);
  await mkdir(temp, { mode: PRIVATE_DIR_MODE });
  track(temp);
  return temp;
}

/** Removes a temp file or folder made here and stops tracking it. */
export async function removeTemp(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  liveTemps.delete(path);
}

/**
 * Removes a file if it is there. Not `rm(path, { force: true })`: that loads Node's rimraf and stats the path
 * first, ~1.5 ms of a small CLI build whose temps are all renamed away by then (measured on Node 20).
 */
export async function removeFileIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Renames a finished temp into place and stops tracking it. */
export async function commitTemp(temp: string, target: string): Promise<void> {
  await rename(temp, target);
  liveTemps.delete(temp);
}

/**
 * Writes a file through a temporary sibling and renames it into place, so a failed or cancelled write
 * never leaves a half-written output or destroys the previous file. The result is private (0600).
 */
export async function writeFileAtomic(
  target: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(dir);
  const temp = tempPathBeside(target);
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  track(temp);
  try {
    await write(handle);
    await handle.sync();
    await handle.close();
    await commitTemp(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await removeTemp(temp);
    throw error;
  }
}

export async function writeBytesAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  await writeFileAtomic(target, async (handle) => {
    await handle.writeFile(bytes);
  });
}
