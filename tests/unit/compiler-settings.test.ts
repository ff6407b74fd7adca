import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8Portable, fromBase64, toBase64 } from '../../shared/compiler/bytes';
import { CompileError, compilePackage, type CompileOptions } from '../../shared/compiler/compile';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import type { SettingNode } from '../../shared/model/settings-tree';
import { oemDocumentWith } from '../support/documents';

const el = (name: string, attributes: Record<string, string>, ...children: SettingNode[]): SettingNode => ({
  name,
  attributes: Object.entries(attributes),
  children,
});
const tree = (name: string, ...children: SettingNode[]): SettingNode => el(name, {}, ...children);
const value = (name: string, text: string): SettingNode => ({ name, attributes: [], children: [], text });

const doc = oemDocumentWith;

function compile(
  document: CustomizationsDocument,
  options: Partial<CompileOptions> = {},
): Map<string, string> {
  const files = compilePackage(document, new Uint8Array(), {
    style: 'adk',
    targetSkus: 'WindowsCommon,Desktop',
    assets: new Map(),
    ...options,
  });
  return new Map(files.map((file) => [file.path, Buffer.from(file.bytes).toString('utf8')]));
}

const RUNTIME = 'Multivariant/0/Prov/RunTime';
const body = (text: string | undefined): string[] =>
  (text ?? '')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(2, -1);

describe('per-setting rules of docs/format/compile-rules.md §3.3', () => {
  it('CleanPC: one file, exec="1", ForceSettingReload for the first leaf present', () => {
    const files = compile(
      doc(
        tree(
          'CleanPC',
          value('CleanPCWithoutRetainingUserData', 'Enable'),
          value('CleanPCRetainingUserData', 'Enable'),
        ),
      ),
    );
    expect(body(files.get(`${RUNTIME}/0__CleanPC.provxml`))).toEqual([
      '  <characteristic type="CleanPC">',
      '    <parm name="CleanPCRetainingUserData" value="1" datatype="integer" exec="1" />',
      '    <parm name="CleanPCWithoutRetainingUserData" value="1" datatype="integer" exec="1" />',
      '  </characteristic>',
      '  <characteristic type="Provisioning">',
      '    <characteristic type="ForceSettingReload">',
      '      <parm name="CleanPCRetainingUserData" value="1" datatype="integer" />',
      '    </characteristic>',
      '  </characteristic>',
    ]);
    expect(files.get(`${RUNTIME}.xml`)).toContain('SettingsGroup="5293d826-fbcf-55a1-88d8-6861c8c7102e"');
  });

  it('SharedPC: every leaf flat in one SharedPC file, hive order', () => {
    const files = compile(
      doc(
        tree(
          'SharedPC',
          tree('PolicyCustomization', value('SetEduPolicies', 'True')),
          value('EnableSharedPCMode', 'True'),
          tree(
            'AccountManagement',
            value('AccountModel', 'Domain-joined and guest'),
            value('DeletionPolicy', '2'),
          ),
        ),
      ),
    );
    expect(body(files.get(`${RUNTIME}/0__SharedPC.provxml`))).toEqual([
      '  <characteristic type="SharedPC">',
      '    <parm name="AccountModel" value="2" datatype="integer" />',
      '    <parm name="DeletionPolicy" value="2" datatype="integer" />',
      '    <parm name="EnableSharedPCMode" value="true" datatype="boolean" />',
      '    <parm name="SetEduPolicies" value="true" datatype="boolean" />',
      '  </characteristic>',
    ]);
    expect(files.get(`${RUNTIME}.xml`)).toContain('SettingsGroup="1d81e3f8-8cb3-5414-bae7-c0537631b263"');
  });

  it('Azure: AADJ Authority + BPRT in one file, no ForceSettingReload', () => {
    const files = compile(
      doc(
        tree(
          'Accounts',
          tree('Azure', value('Authority', 'https://login.microsoftonline.com/common'), value('BPRT', 'tok')),
        ),
      ),
      {
        style: 'store',
      },
    );
    expect(body(files.get(`${RUNTIME}/0__Accounts_Azure.provxml`))).toEqual([
      '  <characteristic type="AADJ">',
      '    <parm SettingsPath="Accounts/Azure/Authority" name="Authority" value="https://login.microsoftonline.com/common" datatype="string" />',
      '    <parm SettingsPath="Accounts/Azure/BPRT" name="BPRT" value="tok" datatype="string" />',
      '  </characteristic>',
    ]);
  });

  it('TrustedProvisioners: parm named by the hash key, Base64 of the raw file, datatype binary', () => {
    const files = compile(
      doc(
        tree(
          'Certificates',
          tree(
            'TrustedProvisioners',
            el('Certificate', { CertificateHash: 'ABCDEF' }, value('TrustedProvisioner', 'C:\\tp.cer')),
          ),
        ),
      ),
      { assets: new Map([['C:\\tp.cer', Uint8Array.from([1, 2, 3, 4])]]) },
    );
    expect(body(files.get(`${RUNTIME}/0__Certificates_TrustedProvisioners_ABCDEF.provxml`))).toEqual([
      '  <characteristic type="Provisioning">',
      '    <characteristic type="TrustedProvisioners">',
      '      <parm name="ABCDEF" value="AQIDBA==" datatype="binary" />',
      '    </characteristic>',
      '  </characteristic>',
    ]);
  });

  it('WLAN profile files: SSID read from the profile, XML inlined on one line', () => {
    const profile = [
      '<?xml version="1.0"?>',
      '<WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">',
      '  <name>Corp</name>',
      '  <SSIDConfig>',
      '    <SSID>',
      '      <name>Corp &amp; Co</name>',
      '    </SSID>',
      '  </SSIDConfig>',
      '</WLANProfile>',
    ].join('\r\n');
    const files = compile(
      doc(tree('ConnectivityProfiles', tree('WLAN', tree('Profiles', value('Profile', 'C:\\corp.xml'))))),
      {
        assets: new Map([['C:\\corp.xml', new TextEncoder().encode(profile)]]),
      },
    );
    expect(body(files.get(`${RUNTIME}/0__ConnectivityProfiles_WLAN_Profiles_0.provxml`))).toEqual([
      '  <characteristic type="WiFi">',
      '    <characteristic type="Profile">',
      '      <characteristic type="Corp &amp; Co">',
      '        <parm name="WlanXml" value="&lt;WLANProfile xmlns=&quot;http://www.microsoft.com/networking/WLAN/profile/v1&quot;&gt;&lt;name&gt;Corp&lt;/name&gt;&lt;SSIDConfig&gt;&lt;SSID&gt;&lt;name&gt;Corp &amp;amp; Co&lt;/name&gt;&lt;/SSID&gt;&lt;/SSIDConfig&gt;&lt;/WLANProfile&gt;" datatype="string" />',
      '      </characteristic>',
      '    </characteristic>',
      '  </characteristic>',
    ]);
    expect(files.get(`${RUNTIME}.xml`)).toContain('SettingsGroup="6bc1b8d6-140c-5ad6-8699-1fb85691df5d"');
  });

  it('OOBE registry settings compile under MCSF/<instance path>', () => {
    const files = compile(
      doc(tree('OOBE', tree('Desktop', value('HideOobe', 'false'), value('EnableCortanaVoice', 'TRUE')))),
    );
    expect(body(files.get(`${RUNTIME}/0__OOBE_Desktop_EnableCortanaVoice.provxml`))).toContain(
      '        <parm name="EnableCortanaVoice" value="true" datatype="boolean" />',
    );
    expect(body(files.get(`${RUNTIME}/1__OOBE_Desktop_HideOobe.provxml`))).toContain(
      '        <parm name="HideOobe" value="false" datatype="boolean" />',
    );
  });

  it('refuses multivariant documents instead of dropping their variants', () => {
    const document = doc(tree('OOBE', tree('Desktop', value('HideOobe', 'True'))));
    document.multivariant = [tree('Variant', tree('Settings'))];
    expect(() => compile(document)).toThrow(CompileError);
  });

  it('rejects a value where the store has a group', () => {
    expect(() => compile(doc(value('OOBE', 'True')))).toThrow(
      new CompileError('OOBE', 'expected child elements, found a value'),
    );
  });

  it('rejects a package ID that is not a GUID', () => {
    const document = doc(tree('OOBE', tree('Desktop', value('HideOobe', 'True'))));
    document.packageConfig.id = 'not-a-guid';
    expect(() => compile(document)).toThrow(
      new CompileError('PackageConfig/ID', 'the package ID is not a GUID'),
    );
  });

  it('writes an empty package as empty indexes', () => {
    const files = compile(doc());
    expect(files.get(`${RUNTIME}.xml`)).toBe(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<ConfigurationSource Version="1.0" />',
    );
    expect([...files.keys()].filter((path) => path.endsWith('.provxml'))).toEqual([]);
  });
});

describe('portable byte helpers agree with Node', () => {
  it('UTF-8 without TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(Buffer.from(encodeUtf8Portable(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
    );
    expect([...encodeUtf8Portable('a\uD800b')]).toEqual([...Buffer.from('a\uFFFDb', 'utf8')]);
  });

  it('Base64 both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect([...(fromBase64(text) ?? [])]).toEqual([...bytes]);
      }),
    );
    expect(fromBase64('abc')).toBeUndefined();
  });
});
