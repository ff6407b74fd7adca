import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createSha1 } from '../../shared/node/wim/sha1';
import { WimFormatError } from '../../shared/wim/errors';
import { decodeMetadata } from '../../shared/wim/metadata';
import {
  type RandomAccessSource,
  findBlob,
  readBlobVerified,
  readImageMetadata,
  readResource,
  readWimContainer,
} from '../../shared/wim/reader';
import { xpressDecompress } from '../../shared/wim/xpress';
import { FIXTURE_PACKAGES, fixturePath, ppkgFixtureFile } from '../support/fixtures';
import { describeWith } from '../support/requirements';

/**
 * Mutation fuzzing of the WIM reader over the WCD fixtures: every input must end in success or a
 * WimFormatError, with bounded work (bytes read and produced) and no hang. Reproducible: seeded PRNG.
 */
// The 1.1 MB acer fixture decompresses to 135 MiB per pass: too slow for thousands of iterations.
const FUZZED = FIXTURE_PACKAGES.filter((name) => !name.startsWith('acer')).map((name) => `${name}.ppkg`);
const ITERATIONS = Number(process.env.PPKG_FUZZ_ITERATIONS ?? 10_000);
const SEED = Number(process.env.PPKG_FUZZ_SEED ?? 0x5eed);

function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const INTERESTING_U32 = [0, 1, 7, 8, 50, 102, 208, 0x7fff, 0x8000, 0x8001, 0xffff, 0x7fffffff, 0xffffffff];

function mutate(input: Uint8Array, random: () => number, hotSpots: number[]): Uint8Array {
  let bytes = input.slice();
  const count = 1 + Math.floor(random() * 6);
  for (let m = 0; m < count; m++) {
    const pick = random();
    // Half the mutations aim at structure fields (header, reshdrs, blob table, XML start), half anywhere.
    const spot = hotSpots[Math.floor(random() * hotSpots.length)] ?? 0;
    const at = pick < 0.5 ? spot + Math.floor(random() * 64) : Math.floor(random() * bytes.length);
    if (at >= bytes.length) continue;
    const view = new DataView(bytes.buffer);
    const kind = Math.floor(random() * 6);
    if (kind === 0) bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
    else if (kind === 1) bytes[at] = Math.floor(random() * 256);
    else if (kind === 2 && at + 4 <= bytes.length) {
      view.setUint32(at, INTERESTING_U32[Math.floor(random() * INTERESTING_U32.length)] ?? 0, true);
    } else if (kind === 3 && at + 8 <= bytes.length) {
      view.setBigUint64(
        at,
        BigInt(Math.floor(random() * 2 ** 52)) << BigInt(Math.floor(random() * 12)),
        true,
      );
    } else if (kind === 4) bytes = bytes.slice(0, at);
    else bytes.copyWithin(at, Math.floor(random() * bytes.length), Math.floor(random() * bytes.length));
  }
  return bytes;
}

interface Work {
  bytesRead: number;
  bytesProduced: number;
}

function memorySource(bytes: Uint8Array, work: Work): RandomAccessSource {
  return {
    size: bytes.length,
    async read(offset, length) {
      if (offset < 0 || offset + length > bytes.length) throw new Error(`harness: read outside the file`);
      work.bytesRead += length;
      return bytes.slice(offset, offset + length);
    },
  };
}

const services = { decompressXpress: xpressDecompress, createSha1 };

/** The full reader pipeline: container, image metadata, every file's content with SHA-1 verification. */
async function readEverything(bytes: Uint8Array, work: Work): Promise<void> {
  const container = await readWimContainer(memorySource(bytes, work), services);
  const { root } = await readImageMetadata(container);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    stack.push(...node.children);
    if (!node.dataHash) continue;
    for await (const piece of readBlobVerified(
      container,
      findBlob(container, node.dataHash, node.metadataOffset),
    )) {
      work.bytesProduced += piece.length;
    }
  }
}

async function loadFixtures(): Promise<{ name: string; bytes: Uint8Array }[]> {
  return Promise.all(
    FUZZED.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(fixturePath(name))) })),
  );
}

function hotSpotsOf(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const blobTable = Number(view.getBigUint64(0x38, true));
  const xml = Number(view.getBigUint64(0x50, true));
  return [0, 0x30, 0x48, 0x7c, blobTable, blobTable + 50, blobTable + 100, xml];
}

function expectOnlyWimErrors(error: unknown, context: string): void {
  if (!(error instanceof WimFormatError)) {
    throw new Error(`${context}: non-WimFormatError ${String(error)}`, { cause: error });
  }
}

describeWith({ reference: FUZZED.map(ppkgFixtureFile) }, 'WIM reader fuzzing', () => {
  it(`survives ${ITERATIONS} mutations of the fixtures with WimFormatError only and bounded work`, async () => {
    const fixtures = await loadFixtures();
    // Sanity: the unmutated fixtures read completely.
    for (const fixture of fixtures) await readEverything(fixture.bytes, { bytesRead: 0, bytesProduced: 0 });
    const random = prng(SEED);
    const outcomes = { ok: 0, rejected: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const fixture = fixtures[i % fixtures.length] as (typeof fixtures)[number];
      const mutated = mutate(fixture.bytes, random, hotSpotsOf(fixture.bytes));
      const work: Work = { bytesRead: 0, bytesProduced: 0 };
      try {
        await readEverything(mutated, work);
        outcomes.ok++;
      } catch (error) {
        expectOnlyWimErrors(error, `seed ${SEED} iteration ${i} (${fixture.name})`);
        outcomes.rejected++;
      }
      // Bounded work: never read more than a few passes over the file nor produce more than 1 MiB here.
      expect(work.bytesRead).toBeLessThanOrEqual(4 * mutated.length + 4096);
      expect(work.bytesProduced).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(outcomes.rejected).toBeGreaterThan(ITERATIONS / 4);
  }, 600_000);

  it('survives mutated uncompressed metadata (dentry/security/tree parser) without hanging', async () => {
    const fixtures = await loadFixtures();
    const random = prng(SEED ^ 0xa5a5);
    const metadatas: Uint8Array[] = [];
    for (const fixture of fixtures) {
      const work = { bytesRead: 0, bytesProduced: 0 };
      const container = await readWimContainer(memorySource(fixture.bytes, work), services);
      const entry = container.blobTable.metadata[0];
      if (!entry) throw new Error('fixture without metadata');
      metadatas.push(await readResource(container, entry.resource, 1 << 20, 'metadata resource'));
    }
    const iterations = Math.max(1000, Math.floor(ITERATIONS / 2));
    let rejected = 0;
    for (let i = 0; i < iterations; i++) {
      const original = metadatas[i % metadatas.length] as Uint8Array;
      // Aim at the first dentries: security block, root and the root's list.
      const mutated = mutate(original, random, [0, 8, 0x150, 0x1b8, 0x200, 0x2e0]);
      try {
        const tree = decodeMetadata(mutated);
        let nodes = 0;
        const stack = [tree.root];
        while (stack.length > 0) {
          const node = stack.pop();
          if (!node) break;
          nodes++;
          stack.push(...node.children);
        }
        expect(nodes).toBeLessThanOrEqual(mutated.length / 8);
      } catch (error) {
        expectOnlyWimErrors(error, `metadata seed ${SEED} iteration ${i}`);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  }, 600_000);
});
