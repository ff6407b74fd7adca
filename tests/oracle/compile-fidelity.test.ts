import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compilePackage,
  listAssetReferences,
  type CompileOptions,
  type PackageFile,
} from '../../shared/compiler/compile';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { fixtureTree, targetSkusOf, type FixtureName, type FixtureTree } from '../support/fixture-trees';

/**
 * Compiles the customizations.xml embedded in each real WCD package and compares every file of the tree
 * with the package, byte for byte (compile-rules.md §2.10). Assets come from the package's own DataAsset
 * folder, the style and TargetSkus from its NOTES (SOURCES.md).
 */

interface Compiled {
  tree: FixtureTree;
  files: PackageFile[];
}

async function compileFixture(name: FixtureName): Promise<Compiled> {
  const tree = await fixtureTree(name);
  const customizationsXml = tree.files.get('Multivariant/0/customizations.xml')!;
  const doc = parseCustomizationsXml(customizationsXml);
  // The package stores each asset under DataAsset/2/<k>_<b64>/<file name>; map the recorded source path to it.
  const assets = new Map<string, Uint8Array>();
  for (const reference of listAssetReferences(doc)) {
    const fileName = reference.recordedPath.split(/[\\/]/).pop()!;
    const stored = [...tree.files].find(
      ([path]) => path.startsWith('DataAsset/2/') && path.endsWith(`/${fileName}`),
    );
    if (stored) assets.set(reference.recordedPath, stored[1]);
  }
  const version = /VERSION=([^;]*);/.exec(tree.notes)?.[1] ?? '';
  const options: CompileOptions = {
    // Store-app WCD builds are versioned 2024.x / 2025.x; ADK builds 10.0.x (compile-rules.md §4).
    style: version.startsWith('10.0.') ? 'adk' : 'store',
    targetSkus: targetSkusOf(tree.notes) as CompileOptions['targetSkus'],
    assets,
  };
  return { tree, files: compilePackage(doc, customizationsXml, options) };
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** path → sha256 of both trees, so a failure shows which files differ without dumping 70 MB payloads. */
function comparable(files: Iterable<[string, Uint8Array]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, bytes] of files) out[path] = digest(bytes);
  return out;
}

const MATCHING_STORE: Array<[FixtureName, 'store' | 'adk', string, number]> = [
  ['kbf-minimal-oobe-policy', 'store', 'WindowsCommon,Desktop', 8],
  ['acer-localadmin-msi-commands', 'store', 'WindowsCommon,Desktop', 24],
  ['osd-invoke-driverpack-devicecontext', 'adk', 'Desktop', 10],
  ['osd-setupspecialize-cmdline', 'adk', 'WindowsCommon,Desktop', 7],
];

describe.each(MATCHING_STORE)(
  '%s (%s style, %s) compiles to the package byte for byte',
  (name, style, skus, count) => {
    let compiled: Compiled;
    beforeAll(async () => {
      compiled = await compileFixture(name);
    });

    it('was built by the expected WCD kind and target SKUs', () => {
      expect(targetSkusOf(compiled.tree.notes)).toBe(skus);
      expect(/VERSION=10\.0\./.test(compiled.tree.notes) ? 'adk' : 'store').toBe(style);
    });

    it(`produces exactly the ${count} files of the package, each identical`, () => {
      expect(compiled.files.map((file) => file.path).sort()).toEqual([...compiled.tree.files.keys()].sort());
      expect(compiled.files).toHaveLength(count);
      expect(comparable(compiled.files.map((file) => [file.path, file.bytes]))).toEqual(
        comparable(compiled.tree.files),
      );
    });

    it('matches every small file as text too (readable diff)', () => {
      for (const file of compiled.files) {
        if (file.path.startsWith('DataAsset/2/')) continue;
        const expected = Buffer.from(compiled.tree.files.get(file.path) ?? new Uint8Array()).toString('utf8');
        expect(Buffer.from(file.bytes).toString('utf8'), file.path).toBe(expected);
      }
    });
  },
);

describe('mosd-signpackage-userscope (2018 ADK 17134 store) compiles with the known store drift only', () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileFixture('mosd-signpackage-userscope');
  });

  it('differs only where the 17134 store grouped ComputerAccount under /Accounts (compile-rules.md §4)', () => {
    const ours = new Map(compiled.files.map((file) => [file.path, file.bytes]));
    const theirs = compiled.tree.files;
    const prov = 'Multivariant/0/Prov';
    // Same provxml content, different file key: the 17134 AtomicRoot was /Accounts, ours /Accounts/ComputerAccount.
    expect(ours.has(`${prov}/RunTime/0__Accounts.provxml`)).toBe(false);
    expect(digest(ours.get(`${prov}/RunTime/0__Accounts_ComputerAccount.provxml`)!)).toBe(
      digest(theirs.get(`${prov}/RunTime/0__Accounts.provxml`)!),
    );
    // RunTime.xml differs in exactly one line: that entry's GUID and file name.
    const ourLines = Buffer.from(ours.get(`${prov}/RunTime.xml`)!)
      .toString('utf8')
      .split('\r\n');
    const theirLines = Buffer.from(theirs.get(`${prov}/RunTime.xml`)!)
      .toString('utf8')
      .split('\r\n');
    expect(ourLines).toHaveLength(theirLines.length);
    const differing = ourLines.flatMap((line, index) =>
      line === theirLines[index] ? [] : [[theirLines[index], line]],
    );
    expect(differing).toEqual([
      [
        '  <ConfigurationSet Type="provxml" SettingsGroup="9de9b0e5-6d03-5ff6-a648-12a9d1c34bba" Data="$(_prov)\\RunTime\\0__Accounts.provxml" />',
        '  <ConfigurationSet Type="provxml" SettingsGroup="f35dd173-1c3e-5f2b-a3a4-29b602842b09" Data="$(_prov)\\RunTime\\0__Accounts_ComputerAccount.provxml" />',
      ],
    ]);
    // Every other file of the tree is identical.
    const same = [...theirs.keys()].filter(
      (path) => path !== `${prov}/RunTime/0__Accounts.provxml` && path !== `${prov}/RunTime.xml`,
    );
    expect(same).toHaveLength(10);
    for (const path of same)
      expect(digest(ours.get(path) ?? new Uint8Array()), path).toBe(digest(theirs.get(path)!));
    expect(ours.size).toBe(theirs.size);
  });
});
