import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CompileError,
  compilePackage,
  listAssetReferences,
  type CompileIssue,
  type CompileOptions,
  type PackageFile,
} from '../../shared/compiler/compile';
import { observedCompiledForms } from '../../shared/compiler/evidence';
import { compileRuleFor } from '../../shared/compiler/rules';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import {
  fixtureTree,
  packageTree,
  realFixturePackages,
  realFixturePath,
  targetSkusOf,
  type FixtureName,
  type FixtureTree,
} from '../support/fixture-trees';
import { STORE_DRIFT_PACKAGES } from '../support/store-drift';
import { strictAbout } from '../support/reference';
import { describeEachWith, describeWith } from '../support/requirements';
import { NEEDS_PPKG_FIXTURES } from '../support/fixtures';

/**
 * Compiles the customizations.xml embedded in each real WCD package and compares every file of the tree
 * with the package, byte for byte (docs/format/compile-rules.md §2.10), against the built-in store (the generated
 * catalog of the 2024 Desktop store). Assets come from the package's own DataAsset folder, the style and
 * TargetSkus from its NOTES (SOURCES.md). Where a package was built with a different store, the difference
 * is listed below with its evidence ("store drift"): the compiler follows the store.
 */

interface Compiled {
  tree: FixtureTree;
  files?: PackageFile[];
  issues?: readonly CompileIssue[];
}

async function compileTree(tree: FixtureTree): Promise<Compiled> {
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
    // Store-app WCD builds are versioned 2024.x / 2025.x; ADK builds 10.0.x (docs/format/compile-rules.md §4).
    style: version.startsWith('10.0.') ? 'adk' : 'store',
    targetSkus: targetSkusOf(tree.notes) as CompileOptions['targetSkus'],
    assets,
  };
  try {
    return { tree, files: compilePackage(doc, customizationsXml, options) };
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    return { tree, issues: error.issues };
  }
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

/** Manifest paths of the settings seen in packages reproduced byte for byte (store-style parms name them). */
const reproduced = new Set<string>();

function expectIdentical(compiled: Compiled): void {
  expect(compiled.issues).toBeUndefined();
  const files = compiled.files!;
  for (const file of files) {
    if (!file.path.endsWith('.provxml')) continue;
    for (const match of Buffer.from(file.bytes)
      .toString('utf8')
      .matchAll(/SettingsPath="([^"]+)"/g))
      reproduced.add(match[1]!);
  }
  expect(files.map((file) => file.path).sort()).toEqual([...compiled.tree.files.keys()].sort());
  // Text first, for a readable diff; then every byte (payloads included).
  for (const file of files) {
    if (file.path.startsWith('DataAsset/2/')) continue;
    const expected = Buffer.from(compiled.tree.files.get(file.path) ?? new Uint8Array()).toString('utf8');
    expect(Buffer.from(file.bytes).toString('utf8'), file.path).toBe(expected);
  }
  expect(comparable(files.map((file) => [file.path, file.bytes]))).toEqual(comparable(compiled.tree.files));
}

const MATCHING_STORE: Array<[FixtureName, 'store' | 'adk', string, number]> = [
  ['kbf-minimal-oobe-policy', 'store', 'WindowsCommon,Desktop', 8],
  ['acer-localadmin-msi-commands', 'store', 'WindowsCommon,Desktop', 24],
  ['osd-invoke-driverpack-devicecontext', 'adk', 'Desktop', 10],
  ['osd-setupspecialize-cmdline', 'adk', 'WindowsCommon,Desktop', 7],
];

describeEachWith(
  NEEDS_PPKG_FIXTURES,
  MATCHING_STORE,
  '%s (%s style, %s) compiles to the package byte for byte',
  (name, style, skus, count) => {
    let compiled: Compiled;
    beforeAll(async () => {
      compiled = await compileTree(await fixtureTree(name));
    });

    it('was built by the expected WCD kind and target SKUs', () => {
      expect(targetSkusOf(compiled.tree.notes)).toBe(skus);
      expect(/VERSION=10\.0\./.test(compiled.tree.notes) ? 'adk' : 'store').toBe(style);
    });

    it(`produces exactly the ${count} files of the package, each identical`, () => {
      expect(compiled.files).toHaveLength(count);
      expectIdentical(compiled);
    });
  },
);

describeWith(
  NEEDS_PPKG_FIXTURES,
  'mosd-signpackage-userscope (2018 ADK 17134 store) compiles with the known store drift only',
  () => {
    let compiled: Compiled;
    beforeAll(async () => {
      compiled = await compileTree(await fixtureTree('mosd-signpackage-userscope'));
    });

    it('differs only where the 17134 store differs from the 2024 store (docs/format/compile-rules.md §4)', () => {
      const ours = new Map(compiled.files!.map((file) => [file.path, file.bytes]));
      const theirs = compiled.tree.files;
      const prov = 'Multivariant/0/Prov';
      const text = (bytes: Uint8Array | undefined): string =>
        Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
      // Drift 1: the 17134 store's AtomicRoot for ComputerAccount was /Accounts (file 0__Accounts, GUID
      // 9de9b0e5…); the 2019 and 2024 stores have /Accounts/ComputerAccount. Same content, other file key.
      // Drift 2: Experience/AllowWindowsConsumerFeatures was user scope (Apply/Csp/Context=1, Policy!scope=User,
      // User_RunTime) in 17134; the 2019 and 2024 stores and the 2025 AVD packages
      // (avd-3ae2fd7b-DisallowWindowsConsumerFeatures, avd-6d39b4bf-DisableConsumerFeatures) have it device scope,
      // so it joins RunTime in hive order (Experience before Security) and the later files move up by one.
      const renamed: Array<[ours: string, theirs: string]> = [
        ['RunTime/0__Accounts_ComputerAccount.provxml', 'RunTime/0__Accounts.provxml'],
        [
          'RunTime/1__Policies_Experience_AllowWindowsConsumerFeatures.provxml',
          'User_RunTime/4__Policies_Experience_AllowWindowsConsumerFeatures.provxml',
        ],
        [
          'RunTime/2__Policies_Security_RequireProvisioningPackageSignature.provxml',
          'RunTime/1__Policies_Security_RequireProvisioningPackageSignature.provxml',
        ],
        [
          'RunTime/3__ProvisioningCommands_PrimaryContext_Command_0_CommandLine.provxml',
          'RunTime/2__ProvisioningCommands_PrimaryContext_Command_0_CommandLine.provxml',
        ],
        [
          'RunTime/4__ProvisioningCommands_PrimaryContext_Command_0_ContinueInstall.provxml',
          'RunTime/3__ProvisioningCommands_PrimaryContext_Command_0_ContinueInstall.provxml',
        ],
      ];
      for (const [mine, wcd] of renamed) {
        const expected = text(theirs.get(`${prov}/${wcd}`)).replace(
          '<characteristic type="Policy" scope="User">',
          '<characteristic type="Policy">',
        );
        expect(text(ours.get(`${prov}/${mine}`)), mine).toBe(expected);
      }
      expect(ours.has(`${prov}/User_RunTime.xml`)).toBe(false);
      // RunTime.xml: the same SettingsGroups, except ComputerAccount's, in the new file order.
      expect(text(ours.get(`${prov}/RunTime.xml`))).toContain(
        'SettingsGroup="f35dd173-1c3e-5f2b-a3a4-29b602842b09" Data="$(_prov)\\RunTime\\0__Accounts_ComputerAccount.provxml"',
      );
      expect(text(theirs.get(`${prov}/RunTime.xml`))).toContain(
        'SettingsGroup="9de9b0e5-6d03-5ff6-a648-12a9d1c34bba" Data="$(_prov)\\RunTime\\0__Accounts.provxml"',
      );
      // Every file outside Multivariant/0 (and customizations.xml) is identical.
      const same = [...theirs.keys()].filter(
        (path) => !path.startsWith(`${prov}/`) && path !== 'Multivariant/0/MasterDatastore.xml',
      );
      expect(same).toHaveLength(4);
      for (const path of same)
        expect(digest(ours.get(path) ?? new Uint8Array()), path).toBe(digest(theirs.get(path)!));
    });
  },
);

// ---- the AVD packages (Store WCD 2025.416, ../shared/fixtures/real) ------------------------------------

const NEWER_THAN_STORE =
  "is not in the built-in settings store (Windows 11, 2024); if your WCD offers it, compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)";

/**
 * Packages whose settings the 2024 store does not have or has in another form (store drift). The compiler
 * refuses them with a message naming each setting; with the newer store (`--store`) they compile.
 */
const DRIFT: Record<string, CompileIssue[]> = {
  // Policies/Start/HideRecommendedSection appeared after the 2024 store (Windows 11 23H2+ policy).
  'avd-08ae4b38-Win11-HideRecommendedSection.ppkg': [
    { settingPath: 'Policies/Start/HideRecommendedSection', detail: `this setting ${NEWER_THAN_STORE}` },
  ],
  'avd-92984aa6-Start-HideRecommendedSection.ppkg': [
    { settingPath: 'Policies/Start/HideRecommendedSection', detail: `this setting ${NEWER_THAN_STORE}` },
  ],
  // Policies/Search/DisableSearch is a Bool (True/False → boolean) in the 2024 store; the 2025 store made it
  // an int enum: the package has `<DisableSearch>Yes</DisableSearch>` and value="1" datatype="integer".
  'avd-f05b960e-DisableSearch.ppkg': [
    { settingPath: 'Policies/Search/DisableSearch', detail: 'expected True or False' },
  ],
  // Listed in document order.
  'avd-head-HideStartMenuElements.ppkg': [
    { settingPath: 'Policies/Search/DisableSearch', detail: 'expected True or False' },
    { settingPath: 'Policies/Start/HideRecommendedSection', detail: `this setting ${NEWER_THAN_STORE}` },
  ],
};

const realPackages = realFixturePackages();

describe('the real packages are present', () => {
  it.runIf(strictAbout('reference') || realPackages.length > 0)('finds the AVD packages', () => {
    expect(realPackages.length).toBeGreaterThanOrEqual(29);
    for (const name of Object.keys(DRIFT)) expect(realPackages).toContain(name);
    // One list of drift packages for every fidelity test.
    expect(Object.keys(DRIFT).sort()).toEqual(Object.keys(STORE_DRIFT_PACKAGES).sort());
  });
});

describe.each(realPackages.filter((name) => !(name in DRIFT)))('%s compiles byte for byte', (name) => {
  it('produces every file of the package, each identical', async () => {
    expectIdentical(await compileTree(await packageTree(realFixturePath(name))));
  });
});

describe.each(Object.entries(DRIFT).filter(([name]) => realPackages.includes(name)))(
  '%s is refused for documented store drift',
  (name, expected) => {
    it('names every setting the 2024 store cannot compile as the package has it', async () => {
      const compiled = await compileTree(await packageTree(realFixturePath(name)));
      expect(compiled.files).toBeUndefined();
      expect(compiled.issues).toEqual(expected);
    });
  },
);

describe('evidence levels', () => {
  it('every compiled form marked observed is a leaf of the store', () => {
    for (const path of observedCompiledForms()) expect(compileRuleFor(path), path).toBeDefined();
  });

  // Runs after the packages above (tests of one file run in order): what they reproduced is observed.
  it.runIf(realPackages.length > 0)('every leaf a reproduced package shows is marked observed', () => {
    const leaves = [...reproduced].filter((path) => compileRuleFor(path));
    expect(leaves.length).toBeGreaterThan(30);
    for (const path of leaves) expect(compileRuleFor(path)!.evidence, path).toBe('observed');
  });
});
