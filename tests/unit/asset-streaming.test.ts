import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetSha256, fileBackedAsset, STREAMED_ASSET_BYTES } from '../../shared/node/file-backed-assets';
import { buildPackage } from '../../shared/node/package/build-package';
import { writePackageTree } from '../../shared/node/package/write-tree';
import { loadProjectInput } from '../../shared/node/project-input';
import { compilePackage } from '../../shared/compiler/compile';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { installerProject } from '../support/installer-project';

/**
 * Issue #10, limits: a large installer is never read into memory (nor limited to 2 GiB by a buffer): it
 * travels as a placeholder with its streamed SHA-256 and the WIM writer reads it from its file.
 */

let work: string;
let projectFile: string;
let assetPath: string;
const ASSET_BYTES = STREAMED_ASSET_BYTES + 12_345;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'asset-streaming-'));
  assetPath = join(work, 'big.msi');
  const handle = await open(assetPath, 'w');
  const block = new Uint8Array(1 << 20);
  for (let written = 0; written < ASSET_BYTES; written += block.length) {
    for (let i = 0; i < block.length; i += 97) block[i] = (written / block.length + i) & 0xff;
    await handle.write(block, 0, Math.min(block.length, ASSET_BYTES - written));
  }
  await handle.close();
  const doc = installerProject(assetPath, {
    name: 'Agent',
    id: '{4d0c4d6e-8a55-4d63-9a54-2f0c7e1b6a44}',
    commandLine: 'msiexec /i big.msi /quiet',
  });
  projectFile = join(work, 'customizations.xml');
  await writeFile(projectFile, serializeCustomizationsXml(doc));
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('large assets are streamed', () => {
  it('loads a large file-copy asset as a file-backed placeholder with its size and digest', async () => {
    const input = await loadProjectInput(projectFile);
    const placeholder = input.assets.get(assetPath)!;
    expect(placeholder.length).toBe(0);
    const onDisk = fileBackedAsset(placeholder)!;
    expect(onDisk).toMatchObject({ path: assetPath, size: ASSET_BYTES });
    expect(Buffer.from(onDisk.sha256).toString('hex')).toBe(sha256(await readFile(assetPath)));
  });

  it('builds a package whose asset is exactly the file, and compile -o copies it', async () => {
    const input = await loadProjectInput(projectFile);
    const out = join(work, 'big.ppkg');
    await buildPackage({
      doc: input.doc,
      customizationsXml: input.customizationsXml,
      style: 'store',
      targetSkus: input.targetSkus,
      assets: input.assets,
      outPath: out,
      workerCount: 0,
    });
    const wim = await openWimFile(out);
    let stored: Uint8Array;
    let storedPath: string;
    try {
      const entry = wim.entries.find((candidate) => candidate.path.endsWith('/big.msi'))!;
      storedPath = entry.path;
      expect(entry.size).toBe(ASSET_BYTES);
      stored = await wim.readFile(entry);
    } finally {
      await wim.close();
    }
    expect(sha256(stored)).toBe(sha256(await readFile(assetPath)));

    const tree = join(work, 'tree');
    const files = compilePackage(input.doc, input.customizationsXml, {
      style: 'store',
      targetSkus: input.targetSkus,
      assets: input.assets,
      sha256: assetSha256,
    });
    await writePackageTree(files, tree);
    const copied = files.find((file) => file.path.endsWith('/big.msi'))!;
    expect(copied.path).toBe(storedPath);
    expect(sha256(await readFile(join(tree, ...copied.path.split('/'))))).toBe(sha256(stored));
  }, 60_000);
});
