import { describe, expect, it } from 'vitest';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { ProjectFileError } from '../../shared/xml/errors';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';

const BOM = '\uFEFF';
const crlf = (lines: string[]): string => lines.join('\r\n');
const written = (doc: CustomizationsDocument): string =>
  Buffer.from(serializeCustomizationsXml(doc)).toString('utf8');

/** docs/format/wcd-settings.md §1.3: Store 2020, untouched project: `<Notes />` and a self-closed Settings. */
const EMPTY_2020 = crlf([
  '<?xml version="1.0" encoding="utf-8"?>',
  '<WindowsCustomizations>',
  '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
  '    <ID>{cf75b252-386b-45df-b263-d93c8c8ec392}</ID>',
  '    <Name>Project_1</Name>',
  '    <Version>1.0</Version>',
  '    <OwnerType>OEM</OwnerType>',
  '    <Rank>0</Rank>',
  '    <Notes />',
  '  </PackageConfig>',
  '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning" />',
  '</WindowsCustomizations>',
]);

/** §1.3 / §1.4: the ms-iot / VNJoe forms: Name attributes on map items, Description after Notes, a Variant. */
const WITH_NAME_ATTRIBUTES = crlf([
  '<?xml version="1.0" encoding="utf-8"?>',
  '<WindowsCustomizations>',
  '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
  '    <ID>{22873c04-7b0a-486a-b282-c21b9f973839}</ID>',
  '    <Name>Desktop 1</Name>',
  '    <Version>1.0.0.0</Version>',
  '    <OwnerType>ITAdmin</OwnerType>',
  '    <Rank>7</Rank>',
  '    <Notes>line one',
  'line &amp; two &lt;3 &gt; "quoted" \'single\'</Notes>',
  '    <Description>desc</Description>',
  '  </PackageConfig>',
  '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning">',
  '    <Customizations>',
  '      <Common>',
  '        <Accounts>',
  '          <Users>',
  '            <User UserName="admin" Name="admin">',
  '              <Password>p&amp;ss"word\'</Password>',
  '              <UserGroup>2</UserGroup>',
  '            </User>',
  '          </Users>',
  '        </Accounts>',
  '        <ProvisioningCommands>',
  '          <DeviceContext>',
  '            <CommandLine></CommandLine>',
  '          </DeviceContext>',
  '        </ProvisioningCommands>',
  '      </Common>',
  '      <Targets>',
  '        <Target Id="Surface Laptop 3">',
  '          <TargetState>',
  '            <Condition Name="ProcessorName" Value="Pattern:.*1065(G|g)7.*" />',
  '          </TargetState>',
  '        </Target>',
  '      </Targets>',
  '      <Variant>',
  '        <TargetRefs>',
  '          <TargetRef Id="Surface Laptop 3" />',
  '        </TargetRefs>',
  '        <Settings>',
  '          <DevDetail>',
  '            <DNSComputerName>Anthony-Aurora</DNSComputerName>',
  '          </DevDetail>',
  '        </Settings>',
  '      </Variant>',
  '    </Customizations>',
  '  </Settings>',
  '</WindowsCustomizations>',
]);

describe('customizations.xml vintages', () => {
  it('reads and writes back the Store 2020 empty project', () => {
    const doc = parseCustomizationsXml(BOM + EMPTY_2020);
    expect(doc.packageConfig).toEqual({
      id: '{cf75b252-386b-45df-b263-d93c8c8ec392}',
      name: 'Project_1',
      version: '1.0',
      ownerType: 'OEM',
      rank: 0,
      notes: '',
    });
    expect(doc.common).toEqual([]);
    expect(written(doc)).toBe(BOM + EMPTY_2020);
  });

  it('keeps Name attributes, element text, escaping, Description and multivariant parts', () => {
    const doc = parseCustomizationsXml(BOM + WITH_NAME_ATTRIBUTES);
    expect(doc.packageConfig.notes).toBe('line one\nline & two <3 > "quoted" \'single\'');
    expect(doc.packageConfig.description).toBe('desc');
    expect(doc.packageConfig.rank).toBe(7);
    const user = doc.common[0]?.children[0]?.children[0];
    expect(user?.attributes).toEqual([
      ['UserName', 'admin'],
      ['Name', 'admin'],
    ]);
    expect(user?.children.map((c) => [c.name, c.text])).toEqual([
      ['Password', 'p&ss"word\''],
      ['UserGroup', '2'],
    ]);
    // `<CommandLine></CommandLine>` is an empty value, distinct from `<X />`.
    expect(doc.common[1]?.children[0]?.children[0]?.text).toBe('');
    expect(doc.multivariant.map((part) => part.name)).toEqual(['Targets', 'Variant']);
    expect(written(doc)).toBe(BOM + WITH_NAME_ATTRIBUTES);
  });

  it('writes a new document in the current WCD form', () => {
    const doc: CustomizationsDocument = {
      packageConfig: {
        id: '{22873c04-7b0a-486a-b282-c21b9f973839}',
        name: 'Desktop 1',
        version: '1.0',
        ownerType: 'OEM',
        rank: 0,
        notes: '',
      },
      common: [
        {
          name: 'OOBE',
          attributes: [],
          children: [
            {
              name: 'Desktop',
              attributes: [],
              children: [{ name: 'HideOobe', attributes: [], children: [], text: 'True' }],
            },
          ],
        },
      ],
      multivariant: [],
    };
    // docs/format/wcd-settings.md §1.3: the complete file of an untouched desktop-wizard project.
    const expected = crlf([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<WindowsCustomizations>',
      '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
      '    <ID>{22873c04-7b0a-486a-b282-c21b9f973839}</ID>',
      '    <Name>Desktop 1</Name>',
      '    <Version>1.0</Version>',
      '    <OwnerType>OEM</OwnerType>',
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
      '    </Customizations>',
      '  </Settings>',
      '</WindowsCustomizations>',
    ]);
    const bytes = serializeCustomizationsXml(doc);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes.subarray(3)).toString('utf8')).toBe(expected);
  });

  it('accepts PackageConfig in any order and a case-insensitive OwnerType, and writes them back as read', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<WindowsCustomizations>',
      '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
      '    <Name>x</Name>',
      '    <OwnerType>itadmin</OwnerType>',
      '    <ID>8c6d6501-2fd6-4d67-886d-8dc4b63ee151</ID>',
      '    <Version>1.0</Version>',
      '  </PackageConfig>',
      '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning">',
      '    <Customizations>',
      '      <Common>',
      '        <Policies><ApplicationManagement><AllowAllTrustedApps>1</AllowAllTrustedApps></ApplicationManagement></Policies>',
      '      </Common>',
      '    </Customizations>',
      '  </Settings>',
      '</WindowsCustomizations>',
      '',
    ].join('\n');
    const doc = parseCustomizationsXml(xml);
    expect(doc.packageConfig.ownerType).toBe('ITAdmin');
    expect(doc.common[0]?.children[0]?.children[0]?.text).toBe('1');
    const out = written(doc);
    expect(out.split('\n').slice(0, 8)).toEqual(xml.split('\n').slice(0, 8));
    // Indentation is WCD's on write; only the layout of the inline Policies line differs from the input.
    expect(out).toContain('          <AllowAllTrustedApps>1</AllowAllTrustedApps>\n');
    expect(out.endsWith('</WindowsCustomizations>\n')).toBe(true);
    expect(out.includes('\r')).toBe(false);
  });

  it('writes attribute values and text with .NET XmlWriter escaping', () => {
    const doc = parseCustomizationsXml(BOM + EMPTY_2020);
    doc.common.push({
      name: 'Accounts',
      attributes: [],
      children: [
        {
          name: 'Users',
          attributes: [],
          children: [
            {
              name: 'User',
              attributes: [['UserName', 'a"b&c<d>\'e\tf\ng']],
              children: [{ name: 'Password', attributes: [], children: [], text: 'x<y>&"\'z' }],
            },
          ],
        },
      ],
    });
    const out = written(doc);
    expect(out).toContain('<User UserName="a&quot;b&amp;c&lt;d&gt;\'e&#x9;f&#xA;g">');
    expect(out).toContain('<Password>x&lt;y&gt;&amp;"\'z</Password>');
    expect(parseCustomizationsXml(out).common).toEqual(doc.common);
  });

  it('writes back a namespace with escaped characters as read, like every other attribute', () => {
    // A namespace is kept verbatim when it is not WCD's; TAB/LF and `>` must come back as XmlWriter writes them.
    const input = EMPTY_2020.replace(
      'xmlns="urn:schemas-microsoft-com:windows-provisioning"',
      'xmlns="urn:a&#x9;b&#xA;c&gt;d&amp;e&lt;f&quot;g"',
    );
    const doc = parseCustomizationsXml(BOM + input);
    expect(written(doc)).toBe(BOM + input);
  });

  it('reports malformed input with a typed error naming the field', () => {
    expect(() => parseCustomizationsXml('<WindowsCustomizatons/>')).toThrow(ProjectFileError);
    expect(() => parseCustomizationsXml(EMPTY_2020.replace('<Rank>0</Rank>', '<Rank>x</Rank>'))).toThrow(
      /PackageConfig\/Rank/,
    );
    expect(() => parseCustomizationsXml(EMPTY_2020.replace('>OEM<', '>Vendor<'))).toThrow(
      /PackageConfig\/OwnerType/,
    );
    expect(() =>
      parseCustomizationsXml(EMPTY_2020.replace('<ID>', '<IDX>').replace('</ID>', '</IDX>')),
    ).toThrow(/PackageConfig\/ID/);
    expect(() => parseCustomizationsXml(new Uint8Array([0x3c, 0xff, 0x3e]))).toThrow(/byte 1/);
    expect(() => parseCustomizationsXml('<WindowsCustomizations><PackageConfig>')).toThrow(/never closed/);
  });
});

describe('customizations.xml well-formedness', () => {
  it.each([
    ['<a><b></a>', /closes <b>/],
    ['<a></a><b/>', /more than one root/],
    ['<a x="1" x="2"/>', /repeats an attribute/],
    // Positions only: the reference may sit inside a password (issue #10, redaction).
    ['<a>&bogus;</a>', /line 1, column 4: .*unknown or unterminated & reference/],
    ['<a>\n  <b>\n</a>', /line 3, column 1/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
    ['<a>&#x41;&#65;&lt;&gt;&amp;&quot;&apos;&amp</a>', /column 40: .*unterminated & reference/],
    ['<a>'.repeat(300) + '</a>'.repeat(300), /deeper than 256/],
  ])('rejects %j', (xml, message) => {
    expect(() => parseCustomizationsXml(xml)).toThrow(message);
  });
});
