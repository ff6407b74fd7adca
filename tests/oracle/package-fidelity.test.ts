import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAssetReferences } from '../../shared/compiler/compile';
import { buildPackage, type TargetSkus } from '../../shared/node/package/build-package';
import { openWimFile, type WimFile } from '../../shared/node/wim/wim-file-reader';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { realFixturePackages, realFixturePath } from '../support/fixture-trees';
import { NEEDS_PPKG_FIXTURES, packagePath } from '../support/fixtures';
import { STORE_DRIFT_PACKAGES } from '../support/store-drift';
import { sevenZipTest, wimlibVerify } from '../support/oracles';
import { describeEachWith } from '../support/requirements';

/**
 * Rebuilds real WCD packages from the customizations.xml they embed, with the fixture's style, target SKUs,
 * PackageID and timestamp, and compares the result with the fixture read back by our WIM reader: the same
 * files with the same content, in WCD's dentry order, and the same image properties except the builder's
 * VERSION= in NOTES, FILECOUNT (WCD's count is off, docs/format/ppkg-format.md §2.4) and LASTMODIFICATIONTIME (WCD's is
 * a few ms after CREATIONTIME; ours equals it). TOTALBYTES is the sum of the file sizes; WCD's also counts the
 * stale DataAsset.xml blobs wimgapi leaves behind (osd-invoke: 117 + 166 bytes, docs/format/ppkg-format.md §2.3), which a
 * writer must not reproduce, so it is compared with the fixture's file sizes instead.
 * mosd is left out: its 2018 store differs from the built-in one (compile-fidelity.test.ts covers that);
 * acer is left out for time (141 MB of payload; its tree is covered by compile-fidelity.test.ts). The AVD
 * packages (Store WCD 2025) are all rebuilt except those of documented store drift (tests/support/store-drift.ts).
 */

const FIXTURES: Array<[name: string, path: string]> = [
  ...(
    ['kbf-minimal-oobe-policy', 'osd-invoke-driverpack-devicecontext', 'osd-setupspecialize-cmdline'] as const
  ).map((name): [string, string] => [name, packagePath(name)]),
  ...realFixturePackages()
    .filter((name) => !(name in STORE_DRIFT_PACKAGES))
    .map((name): [string, string] => [name.replace(/\.ppkg$/, ''), realFixturePath(name)]),
];

const NOT_COMPARED = new Set(['FILECOUNT', 'LASTMODIFICATIONTIME', 'TOTALBYTES']);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-fidelity-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function readAll(wim: WimFile): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of wim.entries) if (!entry.isDirectory) files.set(entry.path, await wim.readFile(entry));
  return files;
}

describeEachWith(
  NEEDS_PPKG_FIXTURES,
  FIXTURES,
  '%s rebuilt from its embedded customizations.xml',
  (name, fixturePath) => {
    let fixture: WimFile;
    let rebuilt: WimFile;
    let rebuiltPath: string;

    beforeAll(async () => {
      fixture = await openWimFile(fixturePath);
      const files = await readAll(fixture);
      const customizationsXml = files.get('Multivariant/0/customizations.xml')!;
      const doc = parseCustomizationsXml(customizationsXml);
      const properties = new Map(fixture.xml.images[0]!.properties);
      const notes = properties.get('NOTES')!;
      // Assets come from the fixture's own DataAsset folder, by file name.
      const assets = new Map<string, Uint8Array>();
      for (const { recordedPath } of listAssetReferences(doc)) {
        const fileName = recordedPath.split(/[\\/]/).pop()!;
        const stored = [...files].find(
          ([path]) => path.startsWith('DataAsset/2/') && path.endsWith(`/${fileName}`),
        );
        if (stored) assets.set(recordedPath, stored[1]);
      }
      rebuiltPath = join(work, `${name}.ppkg`);
      await buildPackage({
        doc,
        customizationsXml,
        // ADK WCD builds are versioned 10.0.x, the Store app 20xx (docs/format/compile-rules.md §4).
        style: /VERSION=10\.0\./.test(notes) ? 'adk' : 'store',
        targetSkus: /TargetSkus=([^;]*);/.exec(notes)![1] as TargetSkus,
        assets,
        outPath: rebuiltPath,
        timestamp: fixture.xml.images[0]!.creationTime!,
        env: {},
      });
      rebuilt = await openWimFile(rebuiltPath);
    });

    afterAll(async () => {
      await fixture?.close();
      await rebuilt?.close();
    });

    it('has the same files, same content, in the same dentry order', () => {
      const listing = (wim: WimFile) =>
        wim.entries.map((entry) => [entry.path, entry.isDirectory, entry.sha1]);
      expect(listing(rebuilt)).toEqual(listing(fixture));
    });

    it('has the same image properties, except VERSION= in NOTES, FILECOUNT, LASTMODIFICATIONTIME (TOTALBYTES: see above)', () => {
      const comparable = (wim: WimFile) =>
        wim.xml.images[0]!.properties.filter(([key]) => !NOT_COMPARED.has(key)).map(([key, value]) =>
          key === 'NOTES' ? [key, value.replace(/^VERSION=[^;]*;/, 'VERSION=;')] : [key, value],
        );
      expect(comparable(rebuilt)).toEqual(comparable(fixture));
      const fileBytes = fixture.entries.reduce((sum, entry) => sum + entry.size, 0);
      expect(new Map(rebuilt.xml.images[0]!.properties).get('TOTALBYTES')).toBe(String(fileBytes));
      expect(new Map(rebuilt.xml.images[0]!.properties).get('NOTES')).toMatch(
        /^VERSION=0\.\d+\.\d+;Source=Classic;;/,
      );
    });

    it('passes wimlib-imagex verify and 7-Zip test', async () => {
      const verify = await wimlibVerify(rebuiltPath);
      expect(verify.ok, verify.stdout + verify.stderr).toBe(true);
      expect((await sevenZipTest(rebuiltPath)).ok).toBe(true);
    });
  },
);
