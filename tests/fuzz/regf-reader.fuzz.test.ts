import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { StoreFactsError, readStoreFacts } from '../../shared/catalog/store-reader';
import { RegfFormatError, RegistryHive, type RegistryKey } from '../../shared/regf';
import { referenceStoresPresent, storePath } from '../support/settings-stores';

/**
 * Mutation fuzzing of the regf reader over a reference settings store: every mutated hive must be read
 * completely or rejected with a RegfFormatError, with bounded work (keys visited, bytes decoded) and no hang.
 * Reproducible: seeded PRNG (PPKG_FUZZ_SEED); PPKG_FUZZ_ITERATIONS scales the run like the WIM fuzzer.
 */
const ITERATIONS = Math.max(300, Math.floor(Number(process.env.PPKG_FUZZ_ITERATIONS ?? 10_000) / 5));
const SEED = Number(process.env.PPKG_FUZZ_SEED ?? 0x4e6b);

function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const INTERESTING_U32 = [
  0, 1, 4, 8, 0x20, 0x1000, 0x3fd8, 0x7fff, 0xffff, 0x7fffffff, 0x80000004, 0xffffffff,
];

function mutate(input: Uint8Array, random: () => number, hotSpots: number[]): Uint8Array {
  const bytes = input.slice();
  const view = new DataView(bytes.buffer);
  const count = 1 + Math.floor(random() * 4);
  for (let m = 0; m < count; m++) {
    const spot = hotSpots[Math.floor(random() * hotSpots.length)] ?? 0;
    const at = random() < 0.6 ? spot + Math.floor(random() * 96) : Math.floor(random() * bytes.length);
    if (at + 4 > bytes.length) continue;
    const kind = Math.floor(random() * 4);
    if (kind === 0) bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
    else if (kind === 1) bytes[at] = Math.floor(random() * 256);
    else if (kind === 2)
      view.setUint32(at, INTERESTING_U32[Math.floor(random() * INTERESTING_U32.length)] ?? 0, true);
    // Point a 4-byte field at another cell-aligned offset: makes cycles and shared subtrees.
    else view.setUint32(at - (at % 4), Math.floor(random() * (bytes.length - 4096)) & ~7, true);
  }
  return bytes;
}

interface Work {
  keys: number;
  bytes: number;
}

function readEverything(bytes: Uint8Array, work: Work): void {
  const hive = RegistryHive.open(bytes);
  const stack: RegistryKey[] = [hive.root];
  while (stack.length > 0) {
    const key = stack.pop() as RegistryKey;
    work.keys++;
    for (const value of key.values()) {
      work.bytes += value.data().length;
      value.decode();
    }
    stack.push(...key.subkeys());
  }
}

/** Cell offsets of the root key and its first lists and values: where structure mutations bite. */
function hotSpotsOf(bytes: Uint8Array): number[] {
  const hive = RegistryHive.open(bytes);
  const spots = [0, 0x20, 4096, hive.root.offset];
  for (const key of hive.root.subkeys().slice(0, 6)) {
    spots.push(key.offset);
    for (const value of key.values().slice(0, 2)) spots.push(value.offset);
    for (const child of key.subkeys().slice(0, 2)) spots.push(child.offset);
  }
  return spots;
}

const present = referenceStoresPresent();

describe.skipIf(!present)('regf reader fuzzing', () => {
  it(`survives ${ITERATIONS} mutations of a settings store with RegfFormatError only and bounded work`, async () => {
    const original = new Uint8Array(
      await readFile(storePath('Microsoft-Common-Provisioning-Sequence.2019.dat')),
    );
    const baseline: Work = { keys: 0, bytes: 0 };
    readEverything(original, baseline);
    const hotSpots = hotSpotsOf(original);
    const random = prng(SEED);
    let rejected = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const mutated = mutate(original, random, hotSpots);
      const work: Work = { keys: 0, bytes: 0 };
      try {
        readEverything(mutated, work);
      } catch (error) {
        if (!(error instanceof RegfFormatError)) {
          throw new Error(`seed ${SEED} iteration ${i}: non-RegfFormatError ${String(error)}`, {
            cause: error,
          });
        }
        rejected++;
      }
      // Each key cell is reached from one parent only, so a walk can never visit more keys than fit the file.
      expect(work.keys).toBeLessThanOrEqual(mutated.length / 80);
      expect(work.bytes).toBeLessThanOrEqual(32 * mutated.length + (1 << 20));
    }
    expect(rejected).toBeGreaterThan(ITERATIONS / 10);
  }, 600_000);

  it('reads mutated settings stores as facts or rejects them with a typed error (--store input)', async () => {
    const original = new Uint8Array(await readFile(storePath('Microsoft-Common-Provisioning.2019.dat')));
    const hotSpots = hotSpotsOf(original);
    const random = prng(SEED ^ 0x5a5a);
    const iterations = Math.max(100, Math.floor(ITERATIONS / 10));
    let rejected = 0;
    for (let i = 0; i < iterations; i++) {
      const mutated = mutate(original, random, hotSpots);
      try {
        const nodes = readStoreFacts(RegistryHive.open(mutated), 'desktop');
        expect(nodes.length).toBeLessThanOrEqual(mutated.length / 80);
      } catch (error) {
        if (!(error instanceof RegfFormatError) && !(error instanceof StoreFactsError)) {
          throw new Error(`store seed ${SEED} iteration ${i}: untyped ${String(error)}`, { cause: error });
        }
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  }, 600_000);

  it('names the byte offset of a broken key cycle', async () => {
    const bytes = new Uint8Array(
      await readFile(storePath('Microsoft-Common-Provisioning-Sequence.2019.dat')),
    );
    const hive = RegistryHive.open(bytes);
    const first = hive.root.subkeys()[0] as RegistryKey;
    // Make the first group's subkey list point at the root's own list: its children become its siblings.
    const view = new DataView(bytes.buffer);
    view.setUint32(first.offset + 28, view.getUint32(hive.root.offset + 28, true), true);
    view.setUint32(first.offset + 20, view.getUint32(hive.root.offset + 20, true), true);
    const broken = RegistryHive.open(bytes);
    const group = broken.root.subkeys()[0] as RegistryKey;
    expect(() => group.subkeys()).toThrow(RegfFormatError);
    expect(() => group.subkeys()).toThrow(`at byte offset ${group.offset}`);
  });
});
