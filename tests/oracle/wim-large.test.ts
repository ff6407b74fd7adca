import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileBackedAsset } from '../../shared/node/file-backed-assets';
import { buildPackage } from '../../shared/node/package/build-package';
import { loadProjectInput } from '../../shared/node/project-input';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { writeWim } from '../../shared/node/wim/wim-writer';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { installerProject } from '../support/installer-project';
import { sevenZipTest, wimlibVerify } from '../support/oracles';

/**
 * Large content (docs/format/wim-format.md §3.2). Slow (minutes: gigabytes are read, hashed and compressed), so
 * it runs only with PPKG_WIM_LARGE=1. Sparse or generated input keeps the disk writes to the small outputs.
 *
 * A resource of ≥ 4 GiB needs 8-byte chunk-table entries (docs/format/wim-format.md §3.2), which the spec never exercised.
 */
const SIZE = 2 ** 32 + 3 * 32_768 + 123;

describe.skipIf(process.env.PPKG_WIM_LARGE !== '1')('WIM with a file over 4 GiB', () => {
  it('uses 8-byte chunk-table entries that wimlib, 7-Zip and our reader accept', async () => {
    const work = await mkdtemp(join(tmpdir(), 'wim-large-'));
    try {
      const wim = join(work, 'large.wim');
      const block = new Uint8Array(1 << 20);
      for (let i = 0; i < block.length; i++) block[i] = i % 251 === 0 ? i & 0xff : 0;
      await writeWim(wim, {
        entries: [
          {
            kind: 'file',
            name: 'large.bin',
            content: {
              async *stream() {
                for (let at = 0; at < SIZE; at += block.length)
                  yield block.subarray(0, Math.min(block.length, SIZE - at));
              },
            },
          },
        ],
      });
      const reader = await openWimFile(wim);
      try {
        const blob = [...reader.container.blobTable.blobs.values()][0];
        expect(blob?.resource.originalSize).toBe(SIZE);
        expect(blob?.resource.flags).toBe(4);
        let total = 0;
        for await (const piece of reader.stream(reader.entries[0] ?? expect.unreachable()))
          total += piece.length;
        expect(total).toBe(SIZE);
      } finally {
        await reader.close();
      }
      const verify = await wimlibVerify(wim);
      expect(verify.problems).toEqual([]);
      expect(verify.ok).toBe(true);
      expect((await sevenZipTest(wim)).ok).toBe(true);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 1_800_000);
});

const HUGE_ASSET = 2 ** 31 + 12_345;

describe.skipIf(process.env.PPKG_WIM_LARGE !== '1')('a project whose installer is over 2 GiB', () => {
  it('loads it as a file-backed asset and builds a package wimlib verifies, sizes exact', async () => {
    const work = await mkdtemp(join(tmpdir(), 'asset-2gib-'));
    try {
      // Sparse: no 2 GiB disk write. A few non-zero bytes past the 2 GiB mark, where a 32-bit size would wrap.
      const installer = join(work, 'Huge.msi');
      const handle = await open(installer, 'w');
      await handle.truncate(HUGE_ASSET);
      await handle.write(new Uint8Array([1, 2, 3]), 0, 3, 2 ** 31);
      await handle.close();
      const doc = installerProject(installer, {
        name: 'Huge',
        id: '{7e2f9a1c-3b4d-4e5f-8a6b-c7d8e9f0a1b2}',
        commandLine: 'msiexec /i "huge.msi" /qn',
      });
      await writeFile(join(work, 'customizations.xml'), serializeCustomizationsXml(doc));

      const input = await loadProjectInput(join(work, 'customizations.xml'));
      expect(fileBackedAsset(input.assets.get(installer)!)?.size).toBe(HUGE_ASSET);
      const out = join(work, 'huge.ppkg');
      await buildPackage({ ...input, style: 'store', outPath: out });
      const reader = await openWimFile(out);
      try {
        const entry = reader.entries.find((candidate) => candidate.path.endsWith('/Huge.msi'));
        expect(entry?.size).toBe(HUGE_ASSET);
      } finally {
        await reader.close();
      }
      // wimlib decompresses every blob and checks its SHA-1 against the blob table.
      const verify = await wimlibVerify(out);
      expect(verify.problems).toEqual([]);
      expect(verify.ok).toBe(true);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 1_800_000);
});
