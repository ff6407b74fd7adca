/**
 * Microsoft's own XPRESS encoder (Windows Configuration Designer packages, tests/reference/sources.json): every
 * compressed chunk of every blob decodes, in strict (7-Zip) mode, to content whose SHA-1 is the one the
 * blob table records. The WIM walk here is deliberately minimal (header → blob table → chunk table, spec
 * §2, §3, §4) so this test depends only on the codec.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { xpressDecompress } from '../../shared/wim/xpress';
import { FIXTURE_PACKAGES, fixturePath, ppkgFixtureFile } from '../support/fixtures';
import { describeWith } from '../support/requirements';
const CHUNK_SIZE = 32768;
const FLAG_COMPRESSED = 0x04;

interface ChunkStats {
  compressed: number;
  raw: number;
}

function readResourceHeader(view: DataView, at: number) {
  return {
    storedSize: Number(view.getBigUint64(at, true) & 0x00ff_ffff_ffff_ffffn),
    flags: view.getUint8(at + 7),
    offset: Number(view.getBigUint64(at + 8, true)),
    originalSize: Number(view.getBigUint64(at + 16, true)),
  };
}

function decodeResource(file: Uint8Array, header: ReturnType<typeof readResourceHeader>, stats: ChunkStats) {
  const stored = file.subarray(header.offset, header.offset + header.storedSize);
  if (!(header.flags & FLAG_COMPRESSED)) return stored;
  const chunkCount = Math.ceil(header.originalSize / CHUNK_SIZE);
  const entrySize = header.originalSize >= 2 ** 32 ? 8 : 4;
  const tableSize = (chunkCount - 1) * entrySize;
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const starts = [0];
  for (let i = 0; i < chunkCount - 1; i++) starts.push(view.getUint32(i * 4, true));
  starts.push(header.storedSize - tableSize);
  const output = new Uint8Array(header.originalSize);
  for (let i = 0; i < chunkCount; i++) {
    const chunk = stored.subarray(tableSize + starts[i]!, tableSize + starts[i + 1]!);
    const size = Math.min(CHUNK_SIZE, header.originalSize - i * CHUNK_SIZE);
    if (chunk.length === size) stats.raw++;
    else stats.compressed++;
    output.set(xpressDecompress(chunk, size, { strict: true }), i * CHUNK_SIZE);
  }
  return output;
}

const fixtures = FIXTURE_PACKAGES.map((name) => `${name}.ppkg`);

describeWith({ reference: fixtures.map(ppkgFixtureFile) }, 'XPRESS decoder on real WCD packages', () => {
  for (const name of fixtures) {
    it(`${name}: every blob decodes strictly and matches its SHA-1`, () => {
      const file = new Uint8Array(readFileSync(fixturePath(name)));
      const view = new DataView(file.buffer);
      const blobTable = readResourceHeader(view, 0x30);
      const stats: ChunkStats = { compressed: 0, raw: 0 };
      let blobs = 0;
      for (let at = blobTable.offset; at < blobTable.offset + blobTable.storedSize; at += 50) {
        const header = readResourceHeader(view, at);
        const expectedSha1 = Buffer.from(file.subarray(at + 30, at + 50)).toString('hex');
        const content = decodeResource(file, header, stats);
        expect(createHash('sha1').update(content).digest('hex'), `blob at ${header.offset}`).toBe(
          expectedSha1,
        );
        blobs++;
      }
      expect(blobs).toBeGreaterThan(1);
      expect(stats.compressed).toBeGreaterThan(0);
    });
  }
});
