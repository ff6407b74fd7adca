import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileIssues,
  compileProvxmlFiles,
  compileVariants,
  listAssetReferences,
  VARIANT_PACKAGE_REFUSAL,
  type CompileIssue,
  type CompileOptions,
} from '../../shared/compiler/compile';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { readMultivariant } from '../../shared/model/multivariant';
import { buildPackage } from '../../shared/node/package/build-package';
import { readPackageSummary } from '../../shared/node/package/read-package';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { realFixturePath, realFixtureProjects } from '../support/fixture-trees';
import { wimlibVerify } from '../support/oracles';
import { strictAbout } from '../support/reference';
import { FIXTURE_CUSTOMIZATIONS_FILES, fixturePath, PPKG_FIXTURE_FILES } from '../support/fixtures';
import { describeEachWith, itWith } from '../support/requirements';

/**
 * The WCD projects of ../shared/fixtures/real (customizations.xml files from public repositories; their
 * asset files are not there, so each asset gets placeholder bytes). Every setting is compiled against the
 * built-in store; what cannot compile is listed here, each with its reason:
 * - settings newer than the 2024 store (refused with a --store hint) and values written for a newer store;
 * - Variants, which compile, but whose place in a package is unknown (VARIANT_PACKAGE_REFUSAL).
 * Everything else in these projects compiles — app licenses (store Serialization 7) included — and each
 * project that compiles whole is built into a package that wimlib-imagex verifies and whose provxml our
 * inspect reads back as exactly what its embedded customizations.xml compiles to, byte for byte.
 */

const NEWER =
  "this setting is not in the built-in settings store (Windows 11, 2024); if your WCD offers it, compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)";
const VARIANTS: CompileIssue = { settingPath: 'Variant', detail: VARIANT_PACKAGE_REFUSAL };

const EXPECTED: Record<string, CompileIssue[]> = {
  'aisgbnok-clean_setup_customizations.xml': [VARIANTS],
  'aisgbnok-gci_air_gap_customizations.xml': [],
  'aisgbnok-netlab_core_customizations.xml': [],
  'aisgbnok-spectre.xml': [VARIANTS],
  'aisgbnok-terminal_customizations.xml': [],
  'aisgbnok-terminal_plus_customizations.xml': [],
  'aisgbnok-vm_core_customizations.xml': [],
  // Built with the 2025 Store WCD: five policies the 2024 store lacks, and three settings that store has as
  // Bool while the project writes the labels of a newer store's enum (Yes / Disable). In document order.
  'theitaliandeveloper-customizations.xml': [
    { settingPath: 'Education/EnableEduThemes', detail: 'expected True or False' },
    { settingPath: 'Policies/Experience/ConfigureChatIcon', detail: NEWER },
    { settingPath: 'Policies/Experience/DisableTextTranslation', detail: NEWER },
    { settingPath: 'Policies/Privacy/LetAppsAccessLocation', detail: NEWER },
    { settingPath: 'Policies/Search/AllowCortanaInAAD', detail: 'expected True or False' },
    { settingPath: 'Policies/Search/AllowSearchHighlights', detail: 'expected True or False' },
    { settingPath: 'Policies/Start/HideRecommendedSection', detail: NEWER },
    { settingPath: 'Policies/WindowsAI/DisableAIDataAnalysis', detail: NEWER },
  ],
};

function load(name: string): { doc: CustomizationsDocument; options: CompileOptions } {
  const doc = parseCustomizationsXml(readFileSync(realFixturePath(name)));
  const assets = new Map<string, Uint8Array>();
  for (const reference of listAssetReferences(doc))
    assets.set(reference.recordedPath, new Uint8Array([1, 2, 3]));
  return { doc, options: { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets } };
}

const projects = realFixtureProjects();

describe('the real projects are present', () => {
  it.runIf(strictAbout('reference') || projects.length > 0)('finds every project listed here', () => {
    expect(projects).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe.each(projects)('%s', (name) => {
  it('compiles every setting except the documented ones', () => {
    const { doc, options } = load(name);
    expect(compileIssues(doc, options, true)).toEqual(EXPECTED[name]);
  });

  it.runIf(EXPECTED[name]?.every((issue) => issue === VARIANTS))(
    'compiles Common and every Variant into provxml',
    () => {
      const { doc, options } = load(name);
      expect(compileProvxmlFiles(doc, options).files.length).toBeGreaterThan(0);
      for (const variant of compileVariants(doc, options)) expect(variant.files.length).toBeGreaterThan(0);
    },
  );
});

describe('aisgbnok clean_setup: the Variants as WCD would compile their settings', () => {
  it.runIf(projects.includes('aisgbnok-clean_setup_customizations.xml'))(
    'gives each Variant its own computer name, Bluetooth name and commands',
    () => {
      const { doc, options } = load('aisgbnok-clean_setup_customizations.xml');
      const variants = compileVariants(doc, options);
      expect(variants.map((variant) => variant.targetRefs)).toEqual([
        ['Alienware Aurora R8'],
        ['Surface Laptop 3'],
      ]);
      const [aurora] = variants;
      const names = aurora!.files.map((file) => file.fileName);
      expect(names.slice(0, 2)).toEqual([
        '0__Policies_Bluetooth_LocalDeviceName.provxml',
        '1__DevDetail_DNSComputerName.provxml',
      ]);
      expect(Buffer.from(aurora!.files[1]!.bytes).toString('utf8')).toContain(
        'name="DNSComputerName" value="Anthony-Aurora" datatype="string" />',
      );
      // 10 commands × (CommandFile, CommandLine, ContinueInstall, RestartRequired, ReturnCodeRestart, ReturnCodeSuccess).
      expect(names.filter((file) => file.includes('_PrimaryContext_Command_'))).toHaveLength(60);
    },
  );
});

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-projects-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Builds a real project into a package (placeholder assets), checks it with wimlib and reads it back. */
async function buildAndInspect(name: string, variantLayout?: 'inferred') {
  const { doc, options } = load(name);
  const outPath = join(work, name.replace(/\.xml$/, '.ppkg'));
  const built = await buildPackage({
    doc,
    customizationsXml: readFileSync(realFixturePath(name)),
    style: options.style,
    targetSkus: options.targetSkus,
    assets: options.assets,
    ...(variantLayout ? { variantLayout } : {}),
    outPath,
    timestamp: 133_000_000_000_000_000n,
    security: { catalog: false },
  });
  const verified = await wimlibVerify(outPath);
  expect(verified.problems).toEqual([]);
  expect(verified.ok).toBe(true);
  const summary = await readPackageSummary(outPath);
  // inspect recompiles the embedded customizations.xml: every file and setting the same, byte for byte.
  expect(summary.verification.differences).toEqual([]);
  expect(summary.verification.matches).toBe(true);
  return { doc, options, built, summary };
}

describe('the projects that compile whole build into packages that reproduce them', () => {
  const buildable = projects.filter((name) => EXPECTED[name]?.length === 0);
  it.runIf(strictAbout('reference') || projects.length > 0)(
    'covers every project with an app license',
    () => {
      expect(buildable).toEqual([
        'aisgbnok-gci_air_gap_customizations.xml',
        'aisgbnok-netlab_core_customizations.xml',
        'aisgbnok-terminal_customizations.xml',
        'aisgbnok-terminal_plus_customizations.xml',
        'aisgbnok-vm_core_customizations.xml',
      ]);
    },
  );

  for (const name of buildable) {
    itWith({ tools: ['wimlib-imagex'] }, `${name}: build → wimlib verify → inspect`, async () => {
      const { built } = await buildAndInspect(name);
      // The license compiles inline (Serialization 7): no DataAsset copy of it.
      const license = built.files.find((file) => file.path.includes('_DeviceContextAppLicense_'));
      expect(Buffer.from(license!.bytes).toString('utf8')).toContain(
        'name="AddLicense" value="&lt;License Content=',
      );
    });
  }
});

describe("the Variant projects build in PPKG Studio's inferred layout and read back the same", () => {
  const withVariants = projects.filter((name) => EXPECTED[name]?.includes(VARIANTS));
  it.runIf(strictAbout('reference') || projects.length > 0)('covers both Variant projects', () => {
    expect(withVariants).toEqual(['aisgbnok-clean_setup_customizations.xml', 'aisgbnok-spectre.xml']);
  });

  for (const name of withVariants) {
    itWith({ tools: ['wimlib-imagex'] }, `${name}: build → wimlib verify → inspect`, async () => {
      const { doc, options, summary } = await buildAndInspect(name, 'inferred');
      expect(compileIssues(doc, { ...options, variantLayout: 'inferred' }, true)).toEqual([]);
      const variants = readMultivariant(doc).multivariant.variants;
      // Same Variants, in order, naming the same Targets; Multivariant/<n> holds what each compiles to.
      expect(summary.variants).toEqual(
        variants.map((variant, position) => ({ index: position + 1, targetRefs: variant.targetRefs })),
      );
      compileVariants(doc, options).forEach((variant, position) => {
        const applied = summary.verification.applied.filter((setting) =>
          setting.file.startsWith(`Multivariant/${position + 1}/`),
        );
        expect(new Set(applied.map((setting) => setting.file.split('/').pop()))).toEqual(
          new Set(variant.files.map((file) => file.fileName)),
        );
      });
    });
  }
});

describeEachWith(
  { reference: PPKG_FIXTURE_FILES },
  FIXTURE_CUSTOMIZATIONS_FILES,
  'fixtures/ppkg project %s',
  (name) => {
    it('compiles every setting into a package', () => {
      // The side files of the OSD packages (their packages are compared byte for byte in compile-fidelity).
      const doc = parseCustomizationsXml(readFileSync(fixturePath(name)));
      const assets = new Map<string, Uint8Array>();
      for (const reference of listAssetReferences(doc))
        assets.set(reference.recordedPath, new Uint8Array([1, 2, 3]));
      const options: CompileOptions = { style: 'adk', targetSkus: 'Desktop', assets };
      expect(compileIssues(doc, options, true)).toEqual([]);
      expect(compileProvxmlFiles(doc, options).files.length).toBeGreaterThan(0);
    });
  },
);
