import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { realFixturePath, realFixtureProjects } from '../support/fixture-trees';
import { strictAbout } from '../support/reference';

/**
 * The WCD projects of ../shared/fixtures/real (customizations.xml files from public repositories; their
 * asset files are not there, so each asset gets placeholder bytes). Every setting is compiled against the
 * built-in store; what cannot compile is listed here, each with its reason:
 * - settings newer than the 2024 store (refused with a --store hint) and values written for a newer store;
 * - app licenses (store Serialization 7), whose compiled form no package or spec shows;
 * - Variants, which compile, but whose place in a package is unknown (VARIANT_PACKAGE_REFUSAL).
 * Everything else in these projects compiles.
 */

const NEWER =
  "this setting is not in the built-in settings store (Windows 11, 2024); if your WCD offers it, compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)";
const LICENSE: CompileIssue = {
  settingPath: 'UniversalAppInstall/DeviceContextAppLicense/5c0db099-f413-5aa0-afc0-f40f668da91c',
  detail:
    'this setting cannot be compiled yet: the store serializes this file as kind 7 (e.g. app licenses), whose compiled form is unknown',
};
const VARIANTS: CompileIssue = { settingPath: 'Variant', detail: VARIANT_PACKAGE_REFUSAL };

const EXPECTED: Record<string, CompileIssue[]> = {
  'aisgbnok-clean_setup_customizations.xml': [VARIANTS],
  'aisgbnok-gci_air_gap_customizations.xml': [LICENSE],
  'aisgbnok-netlab_core_customizations.xml': [LICENSE],
  'aisgbnok-spectre.xml': [LICENSE, VARIANTS],
  'aisgbnok-terminal_customizations.xml': [LICENSE],
  'aisgbnok-terminal_plus_customizations.xml': [LICENSE],
  'aisgbnok-vm_core_customizations.xml': [LICENSE],
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
