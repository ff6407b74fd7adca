import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CompileError,
  compileIssues,
  compilePackage,
  compileProvxmlFiles,
  compileVariants,
  listAssetReferences,
  VARIANT_PACKAGE_REFUSAL,
  type CompileOptions,
} from '../../shared/compiler/compile';
import { readMultivariantIndex } from '../../shared/compiler/multivariant';
import { hasVariants, readMultivariant, writeMultivariant } from '../../shared/model/multivariant';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';

/**
 * Multivariant projects (docs/format/wcd-settings.md §1.3): Targets/Variant are read, kept byte for byte, edited, and each
 * Variant's Settings compile with the same rules as Common (DERIVED). The package layout of Variants is not
 * known (no WCD-built multivariant package has been seen), so building a package with Variants is refused
 * unless PPKG Studio's inferred layout is asked for (its shape is tested here, its round trip through a
 * real WIM in tests/oracle/project-compile.test.ts).
 */

const PROJECT = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<WindowsCustomizations>',
  '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
  '    <ID>{6c0f2f8e-6a55-4d63-9a54-2f0c7e1b6a11}</ID>',
  '    <Name>Fleet</Name>',
  '    <Version>1.0</Version>',
  '    <OwnerType>ITAdmin</OwnerType>',
  '    <Rank>0</Rank>',
  '    <Notes></Notes>',
  '  </PackageConfig>',
  '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning">',
  '    <Customizations>',
  '      <Common>',
  '        <OOBE>',
  '          <Desktop>',
  '            <HideOobe>True</HideOobe>',
  '          </Desktop>',
  '        </OOBE>',
  '      </Common>',
  '      <Targets>',
  '        <Target Id="Laptops">',
  '          <TargetState>',
  '            <Condition Name="ProcessorName" Value="Pattern:.*1065G7.*" />',
  '            <Condition Name="Architecture" Value="AMD64" />',
  '          </TargetState>',
  '          <TargetState>',
  '            <Condition Name="Model" Value="Pattern:.*Laptop.*" />',
  '          </TargetState>',
  '        </Target>',
  '        <Target Id="Spain">',
  '          <TargetState>',
  '            <Condition Name="Region" Value="ES" />',
  '          </TargetState>',
  '        </Target>',
  '      </Targets>',
  '      <Variant>',
  '        <TargetRefs>',
  '          <TargetRef Id="Laptops" />',
  '        </TargetRefs>',
  '        <Settings>',
  '          <DevDetail>',
  '            <DNSComputerName>LAPTOP-%SERIAL%</DNSComputerName>',
  '          </DevDetail>',
  '          <ProvisioningCommands>',
  '            <DeviceContext>',
  '              <CommandFiles>',
  '                <CommandFile>C:\\Drivers\\laptop.cmd</CommandFile>',
  '              </CommandFiles>',
  '            </DeviceContext>',
  '          </ProvisioningCommands>',
  '        </Settings>',
  '      </Variant>',
  '      <Variant>',
  '        <TargetRefs>',
  '          <TargetRef Id="Spain" />',
  '          <TargetRef Id="Laptops" />',
  '        </TargetRefs>',
  '        <Settings>',
  '          <Policies>',
  '            <TimeLanguageSettings>',
  '              <ConfigureTimeZone>Romance Standard Time</ConfigureTimeZone>',
  '            </TimeLanguageSettings>',
  '          </Policies>',
  '        </Settings>',
  '      </Variant>',
  '    </Customizations>',
  '  </Settings>',
  '</WindowsCustomizations>',
].join('\r\n');

const OPTIONS: CompileOptions = {
  style: 'store',
  targetSkus: 'WindowsCommon,Desktop',
  assets: new Map([['C:\\Drivers\\laptop.cmd', new Uint8Array([0x40])]]),
};

describe('reading and keeping Targets/Variant', () => {
  it('reads targets (OR of AND conditions) and variants with their refs and settings', () => {
    const { multivariant, issues } = readMultivariant(parseCustomizationsXml(PROJECT));
    expect(issues).toEqual([]);
    expect(multivariant.targets).toEqual([
      {
        id: 'Laptops',
        states: [
          [
            { name: 'ProcessorName', value: 'Pattern:.*1065G7.*' },
            { name: 'Architecture', value: 'AMD64' },
          ],
          [{ name: 'Model', value: 'Pattern:.*Laptop.*' }],
        ],
      },
      { id: 'Spain', states: [[{ name: 'Region', value: 'ES' }]] },
    ]);
    expect(multivariant.variants.map((variant) => [variant.index, variant.targetRefs])).toEqual([
      [0, ['Laptops']],
      [1, ['Spain', 'Laptops']],
    ]);
    expect(multivariant.variants[0]!.settings.map((node) => node.name)).toEqual([
      'DevDetail',
      'ProvisioningCommands',
    ]);
  });

  it('writes the project back byte for byte, and after an edit through the typed view', () => {
    const doc = parseCustomizationsXml(PROJECT);
    expect(Buffer.from(serializeCustomizationsXml(doc)).toString('utf8')).toBe(PROJECT);
    const { multivariant } = readMultivariant(doc);
    multivariant.targets[1]!.states[0]![0]!.value = 'PT';
    writeMultivariant(doc, multivariant);
    const written = Buffer.from(serializeCustomizationsXml(doc)).toString('utf8');
    expect(written).toBe(PROJECT.replace('Value="ES"', 'Value="PT"'));
    expect(readMultivariant(parseCustomizationsXml(written)).multivariant).toEqual(multivariant);
  });

  it('reports structural problems by path', () => {
    const broken = PROJECT.replace('<TargetRef Id="Spain" />', '<TargetRef Id="Portugal" />').replace(
      '<Target Id="Spain">',
      '<Target>',
    );
    expect(readMultivariant(parseCustomizationsXml(broken)).issues).toEqual([
      { path: 'Targets/Target[1]', detail: 'the Id attribute is missing' },
      { path: 'Variant[1]/TargetRefs', detail: 'no Target has Id "Portugal"' },
    ]);
  });
});

describe('compiling Variants', () => {
  const doc = parseCustomizationsXml(PROJECT);

  it('compiles each Variant with the rules of Common (derived), numbering its own files', () => {
    expect(hasVariants(doc)).toBe(true);
    const variants = compileVariants(doc, OPTIONS);
    expect(variants.map((variant) => variant.files.map((file) => file.fileName))).toEqual([
      [
        '0__DevDetail_DNSComputerName.provxml',
        '1__ProvisioningCommands_DeviceContext_CommandFiles_0.provxml',
      ],
      ['0__Policies_TimeLanguageSettings_ConfigureTimeZone.provxml'],
    ]);
    const dns = Buffer.from(variants[0]!.files[0]!.bytes).toString('utf8');
    expect(dns).toContain('name="DNSComputerName" value="LAPTOP-%SERIAL%" datatype="string" />');
    expect(dns).toContain('<characteristic type="ForceSettingReload">');
    expect(variants[0]!.fileCopies.map((asset) => asset.instancePath)).toEqual([
      '/ProvisioningCommands/DeviceContext/CommandFiles/0',
    ]);
    // Common alone compiles as before.
    expect(compileProvxmlFiles(doc, OPTIONS).files.map((file) => file.fileName)).toEqual([
      '0__OOBE_Desktop_HideOobe.provxml',
    ]);
  });

  it('lists Variant assets for the Node side, by their path in the project', () => {
    expect(listAssetReferences(doc)).toEqual([
      expect.objectContaining({
        settingPath: 'Variant[0]/Settings/ProvisioningCommands/DeviceContext/CommandFiles/0',
        recordedPath: 'C:\\Drivers\\laptop.cmd',
        serialization: 'file-copy',
      }),
    ]);
  });

  it('reports a bad Variant setting by its path in the project', () => {
    const bad = parseCustomizationsXml(
      PROJECT.replace('<DNSComputerName>LAPTOP-%SERIAL%</DNSComputerName>', '<DNSName>x</DNSName>'),
    );
    expect(compileIssues(bad, OPTIONS)).toEqual([
      {
        settingPath: 'Variant[0]/Settings/DevDetail/DNSName',
        detail:
          "this setting is not in the built-in settings store (Windows 11, 2024); if your WCD offers it, compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)",
      },
    ]);
  });

  it('refuses to build a package with Variants instead of dropping them', () => {
    expect(() => compilePackage(doc, new Uint8Array(), OPTIONS)).toThrow(
      new CompileError('Variant', VARIANT_PACKAGE_REFUSAL),
    );
    expect(compileIssues(doc, OPTIONS, true)).toEqual([
      { settingPath: 'Variant', detail: VARIANT_PACKAGE_REFUSAL },
    ]);
    // Targets without any Variant change nothing that is compiled: such a package builds.
    const targetsOnly = parseCustomizationsXml(PROJECT.replace(/ {6}<Variant>[\s\S]*<\/Variant>\r\n/, ''));
    expect(hasVariants(targetsOnly)).toBe(false);
    expect(compilePackage(targetsOnly, new Uint8Array(), OPTIONS).map((file) => file.path)).toContain(
      'Multivariant/0/Prov/RunTime/0__OOBE_Desktop_HideOobe.provxml',
    );
  });
});

describe("PPKG Studio's inferred multivariant layout (docs/format/ppkg-format.md §3.4)", () => {
  const doc = parseCustomizationsXml(PROJECT);
  const INFERRED: CompileOptions = { ...OPTIONS, variantLayout: 'inferred' };
  const text = (files: ReturnType<typeof compilePackage>, path: string): string =>
    Buffer.from(files.find((file) => file.path === path)!.bytes).toString('utf8');

  it('puts each Variant in Multivariant/<n>, names its Targets, and numbers the other elements after them', () => {
    expect(compileIssues(doc, INFERRED, true)).toEqual([]);
    const files = compilePackage(doc, new Uint8Array([0x3c]), INFERRED);
    expect(files.map((file) => file.path)).toEqual([
      'Multivariant/Multivariant.xml',
      'Multivariant/0/customizations.xml',
      'Multivariant/0/MasterDatastore.xml',
      'Multivariant/0/Prov/RunTime.xml',
      'Multivariant/0/Prov/RunTime/0__OOBE_Desktop_HideOobe.provxml',
      'Multivariant/1/MasterDatastore.xml',
      'Multivariant/1/Prov/RunTime.xml',
      'Multivariant/1/Prov/RunTime/0__DevDetail_DNSComputerName.provxml',
      'Multivariant/1/Prov/RunTime/1__ProvisioningCommands_DeviceContext_CommandFiles_0.provxml',
      'Multivariant/2/MasterDatastore.xml',
      'Multivariant/2/Prov/RunTime.xml',
      'Multivariant/2/Prov/RunTime/0__Policies_TimeLanguageSettings_ConfigureTimeZone.provxml',
      'CommonSettings/CommonSettings.xml',
      'CommonSettings/3/AnswerFile.xml',
      // k = 0, the Base64 SHA-256 of the file with / → . (docs/format/compile-rules.md §2.7).
      `DataAsset/4/0_${createHash('sha256')
        .update(new Uint8Array([0x40]))
        .digest('base64')
        .replaceAll('/', '.')}/laptop.cmd`,
      'DataAsset/DataAsset.xml',
    ]);
    expect(text(files, 'Multivariant/Multivariant.xml')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Elements Type="Multivariant">',
        '  <Element Index="0">',
        '  </Element>',
        '  <Element Index="1">',
        '    <Metadata Key="TargetRef" Value="Laptops" />',
        '  </Element>',
        '  <Element Index="2">',
        '    <Metadata Key="TargetRef" Value="Spain" />',
        '    <Metadata Key="TargetRef" Value="Laptops" />',
        '  </Element>',
        '</Elements>',
      ].join('\r\n'),
    );
    expect(text(files, 'CommonSettings/CommonSettings.xml')).toContain('<Element Index="3">');
    expect(text(files, 'DataAsset/DataAsset.xml')).toContain('<Element Index="4">');
    // The Variant's provxml is what compileVariants previews, byte for byte.
    const [laptops] = compileVariants(doc, OPTIONS);
    expect(
      files.find((file) => file.path.endsWith('/1/Prov/RunTime/0__DevDetail_DNSComputerName.provxml'))!.bytes,
    ).toEqual(laptops!.files[0]!.bytes);
  });

  it('numbers file-copy assets across Common and the Variants', () => {
    const withCommonAsset = parseCustomizationsXml(
      PROJECT.replace(
        '      </Common>',
        [
          '        <ProvisioningCommands>',
          '          <DeviceContext>',
          '            <CommandFiles>',
          '              <CommandFile>C:\\Drivers\\common.cmd</CommandFile>',
          '            </CommandFiles>',
          '          </DeviceContext>',
          '        </ProvisioningCommands>',
          '      </Common>',
        ].join('\r\n'),
      ),
    );
    const assets = new Map([...OPTIONS.assets, ['C:\\Drivers\\common.cmd', new Uint8Array([0x41])]]);
    const files = compilePackage(withCommonAsset, new Uint8Array(), { ...INFERRED, assets });
    const payloads = files.filter((file) => file.path.startsWith('DataAsset/4/')).map((file) => file.path);
    expect(payloads.map((path) => path.split('/')[2]!.split('_')[0])).toEqual(['0', '1']);
    expect(payloads.map((path) => path.split('/').pop())).toEqual(['common.cmd', 'laptop.cmd']);
  });

  it('reads the Variant elements back from Multivariant.xml', () => {
    const files = compilePackage(doc, new Uint8Array(), INFERRED);
    const index = files.find((file) => file.path === 'Multivariant/Multivariant.xml')!.bytes;
    expect(readMultivariantIndex(index)).toEqual([
      { index: 0, targetRefs: [] },
      { index: 1, targetRefs: ['Laptops'] },
      { index: 2, targetRefs: ['Spain', 'Laptops'] },
    ]);
    expect(() => readMultivariantIndex(new TextEncoder().encode('<Elements Type="DataAsset" />'))).toThrow(
      'Multivariant.xml: Multivariant/Multivariant.xml: the root element is <Elements>',
    );
  });
});
