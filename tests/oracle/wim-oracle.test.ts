import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureDirectory } from '../../shared/node/wim/capture';
import { type ChunkCompressor, createChunkCompressor } from '../../shared/node/wim/worker-pool';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { type WimEntryInput, writeWim } from '../../shared/node/wim/wim-writer';
import type { WimTreeNode } from '../../shared/wim/metadata';
import {
  hashTree,
  sevenZipList,
  sevenZipTest,
  wimlibApply,
  wimlibInfo,
  wimlibVerify,
} from '../support/oracles';
import { fixturePath, ppkgFixtureFile } from '../support/fixtures';
import { describeWith, itWith } from '../support/requirements';

/** Contents chosen to hit every writer path: empty, tiny, incompressible, multi-chunk, exact chunk multiples. */
const contentArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.string({ maxLength: 300 }).map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ minLength: 1, maxLength: 70_000 }),
  fc
    .record({
      unit: fc.uint8Array({ minLength: 1, maxLength: 40 }),
      length: fc.integer({ min: 1, max: 200_000 }),
    })
    .map(({ unit, length }) => Uint8Array.from({ length }, (_, i) => unit[i % unit.length] as number)),
  fc.integer({ min: 1, max: 4 }).map((chunks) => new Uint8Array(chunks * 32_768).fill(0x61)),
);

const nameArb = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.string({ minLength: 1, maxLength: 12 }),
  )
  .filter(
    (name) =>
      name !== '.' &&
      name !== '..' &&
      !/[/\\\0]/.test(name) &&
      Buffer.byteLength(name) <= 200 &&
      name.length > 0,
  );

type TreeSpec = { name: string; file: number } | { name: string; children: TreeSpec[] };

const treeArb = fc.letrec<{ entry: TreeSpec; dir: TreeSpec }>((tie) => ({
  entry: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ name: nameArb, file: fc.nat(7) }),
    tie('dir'),
  ),
  dir: fc.record({
    name: nameArb,
    children: fc.uniqueArray(tie('entry'), { maxLength: 5, selector: (entry) => entry.name }),
  }),
}));

const caseArb = fc.record({
  pool: fc.array(contentArb, { minLength: 1, maxLength: 5 }),
  top: fc.uniqueArray(treeArb.entry, { minLength: 1, maxLength: 5, selector: (entry) => entry.name }),
  chainDepth: fc.integer({ min: 0, max: 24 }),
});

function buildInputs(
  specs: TreeSpec[],
  pool: Uint8Array[],
  prefix: string,
  expected: Map<string, string | null>,
): WimEntryInput[] {
  return specs.map((spec) => {
    const path = prefix === '' ? spec.name : `${prefix}/${spec.name}`;
    if ('children' in spec) {
      expected.set(path, null);
      return {
        kind: 'directory',
        name: spec.name,
        children: buildInputs(spec.children, pool, path, expected),
      };
    }
    const bytes = pool[spec.file % pool.length] as Uint8Array;
    expected.set(path, createHash('sha1').update(bytes).digest('hex'));
    return { kind: 'file', name: spec.name, content: { bytes } };
  });
}

describeWith({ tools: ['wimlib-imagex', '7z'] }, 'WIMs we write pass wimlib-imagex and 7-Zip', () => {
  let work: string;
  let pool: ChunkCompressor;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'wim-oracle-'));
    pool = await createChunkCompressor({ workerCount: 2 });
  });
  afterAll(async () => {
    await pool.close();
    await rm(work, { recursive: true, force: true });
  });

  it('a WCD-style XPRESS WIM is verified, listed with our header values, and round-trips', async () => {
    const wim = join(work, 'fixed.wim');
    const text = new TextEncoder().encode('<?xml version="1.0"?><x>provisioning</x>\r\n'.repeat(2000));
    await writeWim(wim, {
      entries: [
        {
          kind: 'directory',
          name: 'Multivariant',
          children: [{ kind: 'file', name: 'a.xml', content: { bytes: text } }],
        },
        { kind: 'directory', name: 'empty', children: [] },
        { kind: 'file', name: 'zero.bin', content: { bytes: new Uint8Array(0) } },
      ],
      imageProperties: [
        ['NAME', 'Fixed'],
        ['DESCRIPTION', ''],
      ],
      chunkCompressor: pool,
    });
    const verify = await wimlibVerify(wim);
    expect(verify.problems).toEqual([]);
    expect(verify.sawIntegrityNotice).toBe(true);
    expect(verify.ok).toBe(true);
    expect((await sevenZipTest(wim)).ok).toBe(true);
    const info = await wimlibInfo(wim);
    expect(info.stdout).toMatch(/Version:\s+68864/);
    expect(info.stdout).toMatch(/Compression:\s+XPRESS/);
    expect(info.stdout).toMatch(/Chunk Size:\s+32768 bytes/);
    expect(info.stdout).toMatch(/Part Number:\s+1\/1/);
    expect(info.stdout).toMatch(/Attributes:\s+Relative path junction/);
    expect(info.stdout).toMatch(/Name:\s+Fixed/);
    const listing = await sevenZipList(wim);
    expect(listing.archive).toMatchObject({
      Type: 'wim',
      Method: 'XPress:15',
      'Cluster Size': '32768',
      Version: '1.13',
    });
    // The neutral descriptor (security-data.ts): owner/group Administrators, a 2-ACE DACL, 104 bytes.
    expect(listing.items.map((item) => item['NT Security'])).toEqual(
      listing.items.map(() => 'Administrators Administrators d:2 104'),
    );
    const blobs = await wimlibInfo(wim, ['--blobs']);
    // The 84 000-byte text (3 chunks) is stored compressed.
    expect(blobs.stdout).toMatch(/Uncompressed size\s+= 84000 bytes\s+Compressed size\s+= \d{3,4} bytes/);
  });

  it('drops a duplicate found only after writing it (files on disk), leaving no stray bytes', async () => {
    const src = join(work, 'dups');
    await mkdir(src);
    const noise = randomBytes(150_000);
    await writeFile(join(src, 'a.txt'), 'small');
    await writeFile(join(src, 'b.bin'), noise);
    await writeFile(join(src, 'c.bin'), noise);
    const wim = join(work, 'dups.wim');
    const root = await captureDirectory(src);
    const result = await writeWim(wim, { entries: root.children, chunkCompressor: pool });
    expect(result.blobCount).toBe(2);
    const bytes = await readFile(wim);
    // The XML ends the file exactly: header reshdr offset + size = file size.
    expect(Number(bytes.readBigUInt64LE(0x50)) + bytes.readUInt32LE(0x48)).toBe(bytes.length);
    const verify = await wimlibVerify(wim);
    expect(verify.ok, verify.stdout + verify.stderr).toBe(true);
    expect((await sevenZipTest(wim)).ok).toBe(true);
    const out = join(work, 'dups.out');
    expect((await wimlibApply(wim, out)).exitCode).toBe(0);
    expect(await hashTree(out)).toEqual(await hashTree(src));
  });

  itWith(
    { reference: [ppkgFixtureFile('kbf-minimal-oobe-policy.ppkg')] },
    "re-packs a WCD fixture's tree and image properties into a WIM both oracles accept",
    async () => {
      const source = await openWimFile(fixturePath('kbf-minimal-oobe-policy.ppkg'));
      try {
        const toInput = (node: WimTreeNode): WimEntryInput => {
          const times = {
            creationTime: node.creationTime,
            lastAccessTime: node.lastAccessTime,
            lastWriteTime: node.lastWriteTime,
          };
          if (node.isDirectory)
            return { kind: 'directory', name: node.name, children: node.children.map(toInput), times };
          const entry = source.find(node.path);
          if (!entry) throw new Error(`missing ${node.path}`);
          return { kind: 'file', name: node.name, content: { stream: () => source.stream(entry) }, times };
        };
        const wcdOrder = [
          'NAME',
          'DESCRIPTION',
          'NOTES',
          'AUTHOR',
          'VERSION',
          'ALTITUDE',
          'RESETCLEAR',
          'PACKAGEID',
        ];
        const properties = (source.xml.images[0]?.properties ?? []).filter(([name]) =>
          wcdOrder.includes(name),
        );
        const wim = join(work, 'kbf-repacked.ppkg');
        await writeWim(wim, {
          entries: source.root.children.map(toInput),
          rootTimes: source.root,
          imageProperties: properties,
          guid: source.header.guid,
          timestamp: source.xml.images[0]?.creationTime ?? 0n,
          chunkCompressor: pool,
        });
        const verify = await wimlibVerify(wim);
        expect(verify.ok, verify.stdout + verify.stderr).toBe(true);
        expect((await sevenZipTest(wim)).ok).toBe(true);
        const repacked = await openWimFile(wim);
        try {
          expect(repacked.header.flags).toBe(0x20082);
          expect(repacked.entries.map((entry) => [entry.path, entry.sha1])).toEqual(
            source.entries.map((entry) => [entry.path, entry.sha1]),
          );
          // Same XML element order as WCD; only FILECOUNT (WCD's surplus) and TOTALBYTES/times may differ.
          expect(repacked.xml.images[0]?.properties.map(([name]) => name)).toEqual(
            source.xml.images[0]?.properties.map(([name]) => name),
          );
          expect(repacked.xml.images[0]?.dirCount).toBe(source.xml.images[0]?.dirCount);
        } finally {
          await repacked.close();
        }
      } finally {
        await source.close();
      }
    },
  );

  it('property: random trees are verified by both oracles and extract to identical files (≥ 100 trees)', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, fc.boolean(), async ({ pool: contents, top, chainDepth }, compress) => {
        const id = index++;
        const wim = join(work, `p${id}.wim`);
        const out = join(work, `p${id}.out`);
        const expected = new Map<string, string | null>();
        let entries = buildInputs(top, contents, '', new Map());
        // Deep folders: wrap the whole tree in a chain of nested directories.
        for (let depth = 0; depth < chainDepth; depth++)
          entries = [{ kind: 'directory', name: `d${depth}`, children: entries }];
        const chainPrefix = Array.from({ length: chainDepth }, (_, i) => `d${chainDepth - 1 - i}`);
        chainPrefix.forEach((_, i) => expected.set(chainPrefix.slice(0, i + 1).join('/'), null));
        buildInputs(top, contents, chainPrefix.join('/'), expected);
        try {
          await writeWim(wim, {
            entries,
            compression: compress ? 'xpress' : 'none',
            imageProperties: [['NAME', 'Random']],
            chunkCompressor: pool,
          });
          const verify = await wimlibVerify(wim);
          expect(verify.problems, verify.stdout + verify.stderr).toEqual([]);
          expect(verify.ok, verify.stdout + verify.stderr).toBe(true);
          const seven = await sevenZipTest(wim);
          expect(seven.ok, seven.stdout + seven.stderr).toBe(true);
          const apply = await wimlibApply(wim, out);
          expect(apply.exitCode, apply.stderr).toBe(0);
          expect(await hashTree(out)).toEqual(expected);
          const reader = await openWimFile(wim);
          try {
            const read = new Map<string, string | null>();
            for (const entry of reader.entries) {
              if (entry.isDirectory) read.set(entry.path, null);
              else {
                read.set(
                  entry.path,
                  createHash('sha1')
                    .update(await reader.readFile(entry))
                    .digest('hex'),
                );
              }
            }
            expect(read).toEqual(expected);
          } finally {
            await reader.close();
          }
        } finally {
          await rm(wim, { force: true });
          await rm(out, { recursive: true, force: true });
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
