import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatheringWriter } from '../../shared/node/wim/gathering-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ppkg-gathering-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A real file handle that counts the system writes made through it. */
async function countingHandle(
  path: string,
): Promise<{ handle: FileHandle; writes: () => number; close(): Promise<void> }> {
  const real = await open(path, 'w+');
  let writes = 0;
  const handle = {
    write: (...args: Parameters<FileHandle['write']>) => {
      writes++;
      return (real.write as (...a: unknown[]) => ReturnType<FileHandle['write']>)(...args);
    },
    truncate: (size: number) => real.truncate(size),
    sync: () => real.sync(),
  } as unknown as FileHandle;
  return { handle, writes: () => writes, close: () => real.close() };
}

/** Where two byte arrays first differ (the shorter one's length when one is a prefix), or -1: a failure names the
 * offset instead of diffing megabytes. */
function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  const common = Math.min(actual.length, expected.length);
  for (let i = 0; i < common; i++) if (actual[i] !== expected[i]) return i;
  return actual.length === expected.length ? -1 : common;
}

/** Deterministic pseudo-random numbers (xorshift32). */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
}

describe('GatheringWriter', () => {
  it('writes a run of small consecutive pieces with one system write', async () => {
    const path = join(dir, 'run.bin');
    const { handle, writes, close } = await countingHandle(path);
    const writer = new GatheringWriter(handle);
    const expected: number[] = [];
    for (let piece = 0, at = 0; piece < 40; piece++) {
      const bytes = Uint8Array.from({ length: 100 + piece }, (_, i) => (piece * 7 + i) & 0xff);
      await writer.writeAt(bytes, at);
      expected.push(...bytes);
      at += bytes.length;
    }
    expect(writes()).toBe(0);
    await writer.flush();
    expect(writes()).toBe(1);
    await close();
    expect(new Uint8Array(await readFile(path))).toEqual(Uint8Array.from(expected));
  });

  // The file must read exactly as if each write had gone straight to the file, in call order.
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'ends like direct writes in call order (random sequence %i)',
    async (seed) => {
      const next = random(seed * 7919);
      const path = join(dir, `random-${seed}.bin`);
      const { handle, close } = await countingHandle(path);
      const writer = new GatheringWriter(handle);
      let model = new Uint8Array(0);
      let cursor = 0;
      const pending: Promise<void>[] = [];
      for (let step = 0; step < 300; step++) {
        // Mostly appends, sometimes a rewrite of earlier bytes, a jump ahead, or a large piece.
        const kind = next(10);
        const length = kind === 9 ? 64 * 1024 + next(200_000) : 1 + next(kind === 8 ? 40_000 : 3_000);
        const position = kind === 7 ? next(cursor + 1) : kind === 6 ? cursor + next(5_000) : cursor;
        const bytes = Uint8Array.from({ length }, () => next(256));
        if (position + length > model.length) {
          const grown = new Uint8Array(position + length);
          grown.set(model);
          model = grown;
        }
        model.set(bytes, position);
        cursor = Math.max(cursor, position + length);
        // Not awaited one by one: operations still take effect in call order.
        pending.push(writer.writeAt(bytes, position));
        if (next(50) === 0) {
          const size = next(model.length + 1);
          model = model.slice(0, size);
          cursor = Math.min(cursor, size);
          pending.push(writer.truncate(size));
        }
      }
      pending.push(writer.sync());
      await Promise.all(pending);
      await close();
      expect(firstDifference(new Uint8Array(await readFile(path)), model)).toBe(-1);
    },
  );

  it('fails every later operation after a failed write', async () => {
    const path = join(dir, 'closed.bin');
    const real = await open(path, 'w+');
    const writer = new GatheringWriter(real);
    await writer.writeAt(new Uint8Array(10), 0);
    await real.close();
    await expect(writer.flush()).rejects.toThrow();
    await expect(writer.writeAt(new Uint8Array(100_000), 0)).rejects.toThrow();
  });
});
