import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openWimFile, type WimFile } from '../../shared/node/wim/wim-file-reader';
import { FIXTURE_PACKAGES, fixturePath, ppkgFixtureFile } from '../support/fixtures';
import { hashTree, wimlibApply, wimlibCapture } from '../support/oracles';
import { describeWith, itWith } from '../support/requirements';

const FIXTURES = FIXTURE_PACKAGES.map((name) => `${name}.ppkg`);

async function readAllHashes(wim: WimFile): Promise<Map<string, string | null>> {
  const hashes = new Map<string, string | null>();
  for (const entry of wim.entries) {
    if (entry.isDirectory) {
      hashes.set(entry.path, null);
      continue;
    }
    const hash = createHash('sha1');
    for await (const piece of wim.stream(entry)) hash.update(piece);
    hashes.set(entry.path, hash.digest('hex'));
  }
  return hashes;
}

/** A small random tree on disk: text, zeros, random bytes, empty files, nested and empty folders. */
async function makeRandomTree(dir: string, seed: number): Promise<void> {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const build = async (path: string, depth: number): Promise<void> => {
    await mkdir(path, { recursive: true });
    const count = Math.floor(next() * 5) + (depth === 0 ? 3 : 0);
    for (let i = 0; i < count; i++) {
      const kind = Math.floor(next() * 5);
      const name = `${['f', 'Ärger', 'данные', '文件', 'e'][kind]}${i}`;
      if (kind === 4 && depth < 4) {
        await build(join(path, name), depth + 1);
        continue;
      }
      const size = Math.floor(next() * 100_000);
      const content =
        kind === 0
          ? Buffer.from('line of provisioning text\n'.repeat(Math.ceil(size / 26))).subarray(0, size)
          : kind === 1
            ? Buffer.alloc(size)
            : kind === 2
              ? randomBytes(size)
              : Buffer.alloc(0);
      await writeFile(join(path, name), content);
    }
  };
  await build(dir, 0);
}

describeWith({ tools: ['wimlib-imagex'] }, 'reader against real WIMs', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'wim-reader-oracle-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  itWith(
    { reference: FIXTURES.map(ppkgFixtureFile) },
    'reads every WCD fixture and reproduces every file wimlib extracts',
    async () => {
      for (const fixture of FIXTURES) {
        const path = fixturePath(fixture);
        const out = join(work, `${fixture}.out`);
        const apply = await wimlibApply(path, out);
        expect(apply.exitCode, apply.stderr).toBe(0);
        const wim = await openWimFile(path);
        try {
          expect(wim.header.flags).toBe(0x20082);
          expect(wim.xml.images[0]?.properties[0]?.[0]).toBe('NAME');
          expect(await readAllHashes(wim)).toEqual(await hashTree(out));
        } finally {
          await wim.close();
        }
        await rm(out, { recursive: true, force: true });
      }
    },
    120_000,
  );

  for (const compression of ['XPRESS', 'none'] as const) {
    it(`reads wimlib-imagex captures (--compress=${compression}) of random trees`, async () => {
      for (let seed = 1; seed <= 6; seed++) {
        const src = join(work, `src-${compression}-${seed}`);
        await makeRandomTree(src, seed * 7919 + (compression === 'none' ? 1 : 0));
        const wimPath = join(work, `cap-${compression}-${seed}.wim`);
        const capture = await wimlibCapture(src, wimPath, compression);
        expect(capture.exitCode, capture.stderr).toBe(0);
        const wim = await openWimFile(wimPath);
        try {
          expect(wim.header.compression).toBe(compression === 'XPRESS' ? 'xpress' : 'none');
          const expected = await hashTree(src);
          expect(expected.size).toBeGreaterThanOrEqual(3);
          const applied = join(work, `applied-${compression}-${seed}`);
          const apply = await wimlibApply(wimPath, applied);
          expect(apply.exitCode, apply.stderr).toBe(0);
          expect(await hashTree(applied)).toEqual(expected);
          expect(await readAllHashes(wim)).toEqual(expected);
        } finally {
          await wim.close();
        }
      }
    }, 120_000);
  }
});
