import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCharacteristicTree, splitCspPath } from '../../shared/compiler/characteristic-tree';
import {
  CompileError,
  compilePackage,
  listAssetReferences,
  type CompileOptions,
} from '../../shared/compiler/compile';
import { withDuplicateSuffixes } from '../../shared/compiler/runtime-index';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import type { SettingNode } from '../../shared/model/settings-tree';

// ---- document builders ---------------------------------------------------------------------------------

function el(name: string, attributes: Record<string, string>, ...children: SettingNode[]): SettingNode {
  return { name, attributes: Object.entries(attributes), children };
}
function tree(name: string, ...children: SettingNode[]): SettingNode {
  return el(name, {}, ...children);
}
function value(name: string, text: string): SettingNode {
  return { name, attributes: [], children: [], text };
}

function documentOf(...common: SettingNode[]): CustomizationsDocument {
  return {
    packageConfig: {
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      name: 'Contoso-BulkEnroll',
      version: '1.0',
      ownerType: 'ITAdmin',
      rank: 0,
      notes: '',
    },
    common,
    multivariant: [],
  };
}

const STORE: CompileOptions = { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets: new Map() };

function compile(doc: CustomizationsDocument, options: Partial<CompileOptions> = {}): Map<string, string> {
  const files = compilePackage(doc, new Uint8Array([0x3c]), { ...STORE, ...options });
  return new Map(files.map((file) => [file.path, Buffer.from(file.bytes).toString('utf8')]));
}

const BOM = '\uFEFF';
const crlf = (lines: string[]): string => BOM + lines.join('\r\n');
const PROV = 'Multivariant/0/Prov';

function provxmlNames(files: Map<string, string>, eventType = 'RunTime'): string[] {
  return [...files.keys()]
    .filter((path) => path.startsWith(`${PROV}/${eventType}/`))
    .map((path) => path.slice(`${PROV}/${eventType}/`.length))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

// ---- bulk enrollment (docs/format/compile-rules.md §3.1) -----------------------------------------------------------

const enrollment = tree(
  'Workplace',
  tree(
    'Enrollments',
    el(
      'UPN',
      { UPN: 'enroll@contoso.com', Name: 'enroll@contoso.com' },
      value('AuthPolicy', 'OnPremise'),
      value('DiscoveryServiceFullUrl', 'https://mdm.contoso.com/EnrollmentServer/Discovery.svc'),
      value('Secret', 'P@ss'),
    ),
  ),
);
const wifi = tree(
  'ConnectivityProfiles',
  tree(
    'WLAN',
    tree(
      'WLANSetting',
      el(
        'WLANConfig',
        { SSID: 'Contoso-Setup', Name: 'Contoso-Setup' },
        tree('WLANXmlSettings', value('SecurityKey', 'k&y<"1">'), value('SecurityType', 'WPA2-Personal')),
      ),
    ),
  ),
);
const hideOobe = tree('OOBE', tree('Desktop', value('HideOobe', 'True')));

/** XmlWriter attribute escaping, written out here so the expectation does not come from the code under test. */
const attr = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('bulk enrollment + Wi-Fi (docs/format/compile-rules.md §3.1, §3.3)', () => {
  // The customizations.xml element order is ignored: OOBE and Wi-Fi come first here on purpose.
  const files = compile(documentOf(hideOobe, wifi, enrollment));

  it('writes the enrollment provxml of §3.1 exactly', () => {
    expect(files.get(`${PROV}/RunTime/0__Workplace_Enrollments_enroll@contoso.com.provxml`)).toBe(
      crlf([
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
        '<wap-provisioningdoc>',
        '  <characteristic type="Provisioning">',
        '    <characteristic type="Enrollments">',
        '      <characteristic type="enroll@contoso.com">',
        '        <parm SettingsPath="Workplace/Enrollments/UPN/AuthPolicy" name="AuthPolicy" value="0" datatype="integer" />',
        '        <parm SettingsPath="Workplace/Enrollments/UPN/DiscoveryServiceFullUrl" name="DiscoveryServiceFullUrl" value="https://mdm.contoso.com/EnrollmentServer/Discovery.svc" datatype="string" />',
        '        <parm SettingsPath="Workplace/Enrollments/UPN/Secret" name="Secret" value="P@ss" datatype="string" />',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
        '</wap-provisioningdoc>',
      ]),
    );
  });

  it('orders Common-store groups before Desktop-only ones and puts the WLAN file last', () => {
    expect(provxmlNames(files)).toEqual([
      '0__Workplace_Enrollments_enroll@contoso.com.provxml',
      '1__OOBE_Desktop_HideOobe.provxml',
      '2__ConnectivityProfiles_WLAN_WLANSetting_Contoso-Setup.provxml',
    ]);
  });

  it('indexes them in RunTime.xml under the §1.3 GUIDs', () => {
    expect(files.get(`${PROV}/RunTime.xml`)).toBe(
      crlf([
        '<?xml version="1.0" encoding="utf-8"?>',
        '<ConfigurationSource Version="1.0">',
        '  <ConfigurationSet Type="provxml" SettingsGroup="98718529-c71c-5bdc-91de-8be418006c2e" Data="$(_prov)\\RunTime\\0__Workplace_Enrollments_enroll@contoso.com.provxml" />',
        '  <ConfigurationSet Type="provxml" SettingsGroup="b786dbf1-ec31-5be5-aa49-934e4489fae9" Data="$(_prov)\\RunTime\\1__OOBE_Desktop_HideOobe.provxml" />',
        '  <ConfigurationSet Type="provxml" SettingsGroup="ac17da61-38b8-5bb9-bdaf-7436ac4eb133" Data="$(_prov)\\RunTime\\2__ConnectivityProfiles_WLAN_WLANSetting_Contoso-Setup.provxml" />',
        '</ConfigurationSource>',
      ]),
    );
  });

  it('generates the WPA2-Personal profile of §3.3, escaped once inside the profile and once in the attribute', () => {
    const profile =
      '<WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1"><name>Contoso-Setup</name><SSIDConfig><SSID><name>Contoso-Setup</name></SSID><nonBroadcast>false</nonBroadcast></SSIDConfig><connectionType>ESS</connectionType><connectionMode>auto</connectionMode><MSM><security><authEncryption><authentication>WPA2PSK</authentication><encryption>AES</encryption></authEncryption><sharedKey><keyType>passPhrase</keyType><protected>false</protected><keyMaterial>k&amp;y&lt;"1"&gt;</keyMaterial></sharedKey></security></MSM></WLANProfile>';
    expect(files.get(`${PROV}/RunTime/2__ConnectivityProfiles_WLAN_WLANSetting_Contoso-Setup.provxml`)).toBe(
      crlf([
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
        '<wap-provisioningdoc>',
        '  <characteristic type="WiFi">',
        '    <characteristic type="Profile">',
        '      <characteristic type="Contoso-Setup">',
        `        <parm SettingsPath="ConnectivityProfiles/WLAN/WLANSetting/WLANConfig" name="WlanXml" value="${attr(profile)}" datatype="string" />`,
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
        '</wap-provisioningdoc>',
      ]),
    );
  });

  it('drops the Name attributes in AnswerFile.xml', () => {
    const answer = files.get('CommonSettings/1/AnswerFile.xml')!;
    expect(answer).toContain('<UPN UPN="enroll@contoso.com">');
    expect(answer).toContain('<WLANConfig SSID="Contoso-Setup">');
    expect(answer).not.toContain('Name=');
  });

  it('writes the open and WEP variants and honours AutoConnect/HiddenNetwork', () => {
    const open = compile(
      documentOf(
        tree(
          'ConnectivityProfiles',
          tree(
            'WLAN',
            tree(
              'WLANSetting',
              el(
                'WLANConfig',
                { SSID: 'Guest' },
                tree(
                  'WLANXmlSettings',
                  value('AutoConnect', 'False'),
                  value('HiddenNetwork', 'True'),
                  value('SecurityType', 'Open'),
                ),
              ),
            ),
          ),
        ),
      ),
    ).get(`${PROV}/RunTime/0__ConnectivityProfiles_WLAN_WLANSetting_Guest.provxml`)!;
    expect(open).toContain(
      attr(
        '<nonBroadcast>true</nonBroadcast></SSIDConfig><connectionType>ESS</connectionType><connectionMode>manual</connectionMode><MSM><security><authEncryption><authentication>open</authentication><encryption>none</encryption></authEncryption></security></MSM>',
      ),
    );
    expect(open).not.toContain('sharedKey');
  });
});

// ---- grouping, suffixes, ForceSettingReload ------------------------------------------------------------

describe('files, groups and index entries', () => {
  it('gives a repeated GUID the suffixes _0, _1 … within one index (docs/format/compile-rules.md §1.2)', () => {
    expect(withDuplicateSuffixes(['a', 'b', 'a', 'a', 'b'])).toEqual(['a', 'b', 'a_0', 'a_1', 'b_0']);
    const files = compile(
      documentOf(
        tree(
          'Accounts',
          tree(
            'Users',
            el('User', { UserName: 'bob' }, value('Password', 'x'), value('UserGroup', 'Standard Users')),
            el('User', { UserName: 'alice' }, value('HomeDir', 'C:\\Users\\alice'), value('Password', 'y')),
          ),
        ),
      ),
    );
    const index = files.get(`${PROV}/RunTime.xml`)!;
    expect(index).toContain(
      'SettingsGroup="316e2a31-250a-5f09-a0e1-d2e5c6b03559" Data="$(_prov)\\RunTime\\0__Accounts_Users_bob.provxml"',
    );
    expect(index).toContain(
      'SettingsGroup="316e2a31-250a-5f09-a0e1-d2e5c6b03559_0" Data="$(_prov)\\RunTime\\1__Accounts_Users_alice.provxml"',
    );
    // Map items keep document order; parms follow store order (HomeDir, Password, LocalUserGroup).
    const alice = files.get(`${PROV}/RunTime/1__Accounts_Users_alice.provxml`)!;
    expect(alice.indexOf('name="HomeDir"')).toBeLessThan(alice.indexOf('name="Password"'));
    expect(files.get(`${PROV}/RunTime/0__Accounts_Users_bob.provxml`)).toContain(
      '<parm SettingsPath="Accounts/Users/User/UserGroup" name="LocalUserGroup" value="1" datatype="integer" />',
    );
  });

  it('appends one ForceSettingReload for the first reboot setting of a group (ADK style: no SettingsPath)', () => {
    const files = compile(
      documentOf(
        tree(
          'Accounts',
          tree(
            'ComputerAccount',
            value('DomainName', 'contoso.local'),
            value('ComputerName', 'CTS-%RAND:6%'),
          ),
        ),
        tree('DevDetail', value('DNSComputerName', 'CHADS-%SERIAL%')),
      ),
      { style: 'adk', targetSkus: 'Desktop' },
    );
    expect(files.get(`${PROV}/RunTime/0__Accounts_ComputerAccount.provxml`)).toBe(
      crlf([
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
        '<wap-provisioningdoc>',
        '  <characteristic type="Accounts">',
        '    <characteristic type="Domain">',
        '      <parm name="ComputerName" value="CTS-%RAND:6%" datatype="string" />',
        '      <parm name="DomainName" value="contoso.local" datatype="string" />',
        '    </characteristic>',
        '  </characteristic>',
        '  <characteristic type="Provisioning">',
        '    <characteristic type="ForceSettingReload">',
        '      <parm name="ComputerName" value="1" datatype="integer" />',
        '    </characteristic>',
        '  </characteristic>',
        '</wap-provisioningdoc>',
      ]),
    );
    expect(files.get(`${PROV}/RunTime/1__DevDetail_DNSComputerName.provxml`)).toContain(
      '<characteristic type="Microsoft">\r\n        <parm name="DNSComputerName" value="CHADS-%SERIAL%" datatype="string" />',
    );
    expect(files.get(`${PROV}/RunTime/1__DevDetail_DNSComputerName.provxml`)).toContain(
      '<parm name="DNSComputerName" value="1" datatype="integer" />',
    );
  });

  it('partitions by event type in first-seen order, numbers files across both, lists both in MasterDatastore.xml', () => {
    const files = compile(
      documentOf(
        tree(
          'Policies',
          tree('Experience', value('AllowWindowsSpotlight', 'No')),
          tree('Security', value('RequireProvisioningPackageSignature', 'Yes')),
        ),
      ),
      { style: 'adk', targetSkus: 'Desktop' },
    );
    // Experience/AllowWindowsSpotlight (store: Apply/Csp/Context=1, user scope) comes first in hive order,
    // so User_RunTime is the first event type seen.
    expect(provxmlNames(files, 'User_RunTime')).toEqual([
      '0__Policies_Experience_AllowWindowsSpotlight.provxml',
    ]);
    expect(provxmlNames(files)).toEqual(['1__Policies_Security_RequireProvisioningPackageSignature.provxml']);
    expect(files.get(`${PROV}/User_RunTime/0__Policies_Experience_AllowWindowsSpotlight.provxml`)).toContain(
      '<characteristic type="Policy" scope="User">',
    );
    expect(files.get('Multivariant/0/MasterDatastore.xml')).toContain(
      '<ConfigurationSource Name="User_RunTime" Path="$(_prov)\\User_RunTime.xml">',
    );
  });

  it('compiles in plain hive order for TargetSkus=Desktop', () => {
    const doc = documentOf(enrollment, hideOobe);
    expect(provxmlNames(compile(doc, { targetSkus: 'Desktop' }))[0]).toBe('0__OOBE_Desktop_HideOobe.provxml');
    expect(provxmlNames(compile(doc))[0]).toBe('0__Workplace_Enrollments_enroll@contoso.com.provxml');
  });

  it('writes exec="1" for Exec-action settings', () => {
    const files = compile(
      documentOf(tree('EditionUpgrade', value('UpgradeEditionWithProductKey', 'AAAAA-BBBBB'))),
    );
    const text = files.get(`${PROV}/RunTime/0__EditionUpgrade_UpgradeEditionWithProductKey.provxml`)!;
    expect(text).toContain(
      '<parm SettingsPath="EditionUpgrade/UpgradeEditionWithProductKey" name="UpgradeEditionWithProductKey" value="AAAAA-BBBBB" datatype="string" exec="1" />',
    );
    expect(text).toContain(
      '<parm SettingsPath="EditionUpgrade/UpgradeEditionWithProductKey" name="UpgradeEditionWithProductKey" value="1" datatype="integer" />',
    );
  });

  it('escapes values as .NET XmlWriter does: quotes, TAB/LF/CR as references, apostrophes raw', () => {
    const files = compile(
      documentOf(
        tree(
          'ProvisioningCommands',
          tree('DeviceContext', value('CommandLine', `cmd /c "a&b" 'x'\t<y>\r\n`)),
        ),
      ),
    );
    expect(files.get(`${PROV}/RunTime/0__ProvisioningCommands_DeviceContext_CommandLine.provxml`)).toContain(
      `value="cmd /c &quot;a&amp;b&quot; 'x'&#x9;&lt;y&gt;&#xD;&#xA;"`,
    );
  });
});

// ---- certificates (docs/format/compile-rules.md §3.2) --------------------------------------------------------------

const ROOT_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBlTCCATugAwIBAgIUcWuiRyiXiABjY2pWjozkGK3tYJkwCgYIKoZIzj0EAwIw',
  'IDEeMBwGA1UEAwwVUFBLRyBTdHVkaW8gVGVzdCBSb290MB4XDTI2MTEyODAyNDM1',
  'MloXDTM2MTEyNTAyNDM1MlowIDEeMBwGA1UEAwwVUFBLRyBTdHVkaW8gVGVzdCBS',
  'b290MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeMOV8ptHoPHT94x84OcnuMb7',
  '2UhZXg8nuP6quItI2vKzRiDdkPHr6xHPHfjeysporB5sfOMUAxDo1YB7XLgsyaNT',
  'MFEwHQYDVR0OBBYEFKSD5akO/SaRDWS4Lao/mP0Tp17hMB8GA1UdIwQYMBaAFKSD',
  '5akO/SaRDWS4Lao/mP0Tp17hMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID',
  'SAAwRQIhAONP/UUzPe8KwWFsc0Bkmp2QfYa0+67qX+FZMmBqAmduAiB4oFeUfyIM',
  'RLvlH4PeXvovt82zC3L1UZ9yDrgOqEfrCA==',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

describe('certificates are carried inline', () => {
  const x509 = new X509Certificate(ROOT_PEM);
  const thumbprint = x509.fingerprint.replaceAll(':', '');
  const der = new Uint8Array(x509.raw);
  const rootDoc = (path: string) =>
    documentOf(
      tree(
        'Certificates',
        tree(
          'RootCertificates',
          el('RootCertificate', { CertificateName: 'ContosoRoot' }, value('CertificatePath', path)),
        ),
      ),
    );

  it('writes Base64(DER) under the SHA-1 thumbprint, from PEM and from DER alike', () => {
    const assets = new Map([
      ['C:\\Prov\\root.pem', new TextEncoder().encode(ROOT_PEM)],
      ['C:\\Prov\\root.cer', der],
    ]);
    const expected = crlf([
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
      '<wap-provisioningdoc>',
      '  <characteristic type="RootCATrustedCertificates" scope="Device">',
      '    <characteristic type="Root">',
      `      <characteristic type="${thumbprint}">`,
      `        <parm SettingsPath="Certificates/RootCertificates/RootCertificate/CertificatePath" name="EncodedCertificate" value="${Buffer.from(der).toString('base64')}" datatype="string" />`,
      '      </characteristic>',
      '    </characteristic>',
      '  </characteristic>',
      '</wap-provisioningdoc>',
    ]);
    for (const path of assets.keys()) {
      const files = compile(rootDoc(path), { assets });
      expect(files.get(`${PROV}/RunTime/0__Certificates_RootCertificates_ContosoRoot.provxml`)).toBe(
        expected,
      );
      expect(files.get(`${PROV}/RunTime.xml`)).toContain(
        'SettingsGroup="e9da3b54-53f1-5310-b7bc-9452c8c2f986"',
      );
      expect([...files.keys()].some((name) => name.startsWith('DataAsset/'))).toBe(false);
    }
  });

  it('writes a PFX as Base64 of the raw file with the four parms in store order', () => {
    const pfx = Uint8Array.from([0x30, 0x82, 0x01, 0x02, 0xfe, 0xff]);
    const files = compile(
      documentOf(
        tree(
          'Certificates',
          tree(
            'ClientCertificates',
            el(
              'ClientCertificate',
              { CertificateName: 'mdm-enroll', Name: 'mdm-enroll' },
              value('KeyLocation', 'Software only'),
              value('ExportCertificate', 'False'),
              value('CertificatePath', 'C:\\prov\\mdm.pfx'),
              value('CertificatePassword', 'pw'),
            ),
          ),
        ),
      ),
      { style: 'adk', assets: new Map([['C:\\prov\\mdm.pfx', pfx]]) },
    );
    expect(files.get(`${PROV}/RunTime/0__Certificates_ClientCertificates_mdm-enroll.provxml`)).toBe(
      crlf([
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
        '<wap-provisioningdoc>',
        '  <characteristic type="ClientCertificateInstall" scope="Device">',
        '    <characteristic type="PFXCertInstall">',
        '      <characteristic type="mdm-enroll">',
        '        <parm name="PFXCertPassword" value="pw" datatype="string" />',
        '        <parm name="PFXCertBlob" value="MIIBAv7/" datatype="string" />',
        '        <parm name="PFXKeyExportable" value="false" datatype="boolean" />',
        '        <parm name="KeyLocation" value="3" datatype="integer" />',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
        '</wap-provisioningdoc>',
      ]),
    );
  });

  it('rejects a file that is not a certificate, naming the setting', () => {
    const assets = new Map([['bad.cer', new TextEncoder().encode('hello')]]);
    expect(() => compile(rootDoc('bad.cer'), { assets })).toThrow(
      new CompileError(
        'Certificates/RootCertificates/ContosoRoot/CertificatePath',
        'the file is not an X.509 certificate (DER or PEM)',
      ),
    );
  });
});

// ---- file-copy assets ----------------------------------------------------------------------------------

describe('file-copy assets', () => {
  const doc = documentOf(
    tree(
      'ProvisioningCommands',
      tree(
        'PrimaryContext',
        tree(
          'Command',
          el(
            'CommandConfig',
            { Name: 'agent' },
            value('CommandFile', 'C:\\Prov\\agent.msi'),
            value('CommandLine', 'msiexec /i "agent.msi" /quiet'),
            tree(
              'DependencyPackages',
              el('Dependency', { Name: 'dep' }),
              value('Dependency', 'C:\\Prov\\dep.exe'),
            ),
          ),
        ),
      ),
    ),
  );
  // The first Dependency is an empty element on purpose: it must be reported, and so must the second,
  // whose file was not provided: one error lists every setting that cannot compile.
  it('reports an asset setting without a file, and every other one', () => {
    const assets = new Map([['C:\\Prov\\agent.msi', new Uint8Array([1])]]);
    let caught: unknown;
    try {
      compile(doc, { assets });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CompileError);
    expect((caught as CompileError).settingPath).toBe(
      'ProvisioningCommands/PrimaryContext/Command/0/DependencyPackages/0',
    );
    expect((caught as CompileError).issues).toEqual([
      {
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/0/DependencyPackages/0',
        detail: 'no file is selected',
      },
      {
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/0/DependencyPackages/1',
        detail: 'the file "C:\\Prov\\dep.exe" was not provided to the compiler',
      },
    ]);
  });

  it('lists every recorded asset path for the Node side', () => {
    // Also the rule path and serialization: the Node side streams large file-copy assets (issue #10).
    expect(listAssetReferences(doc)).toEqual([
      {
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/0/CommandFile',
        recordedPath: 'C:\\Prov\\agent.msi',
        manifestPath: 'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile',
        serialization: 'file-copy',
      },
      {
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/0/DependencyPackages/0',
        recordedPath: '',
        manifestPath:
          'ProvisioningCommands/PrimaryContext/Command/CommandConfig/DependencyPackages/Dependency',
        serialization: 'file-copy',
      },
      {
        settingPath: 'ProvisioningCommands/PrimaryContext/Command/0/DependencyPackages/1',
        recordedPath: 'C:\\Prov\\dep.exe',
        manifestPath:
          'ProvisioningCommands/PrimaryContext/Command/CommandConfig/DependencyPackages/Dependency',
        serialization: 'file-copy',
      },
    ]);
  });

  it('copies files into DataAsset/2/<k>_<b64 sha256>/ and references them from Provisioning/Assets', () => {
    const fixed = documentOf(
      tree(
        'ProvisioningCommands',
        tree(
          'PrimaryContext',
          tree(
            'Command',
            el(
              'CommandConfig',
              {},
              value('CommandFile', 'C:\\Prov\\agent.msi'),
              value('CommandLine', 'x'),
              tree('DependencyPackages', value('Dependency', 'C:\\Prov\\dep.exe')),
            ),
          ),
        ),
      ),
    );
    const assets = new Map([
      ['C:\\Prov\\agent.msi', new TextEncoder().encode('agent')],
      ['C:\\Prov\\dep.exe', new TextEncoder().encode('dep')],
    ]);
    const files = compile(fixed, { assets });
    const agentFolder = `0_${createHash('sha256').update('agent').digest('base64').replaceAll('/', '.')}`;
    expect(files.has(`DataAsset/2/${agentFolder}/agent.msi`)).toBe(true);
    expect(provxmlNames(files)).toEqual([
      '0__ProvisioningCommands_PrimaryContext_Command_0_CommandFile.provxml',
      '1__ProvisioningCommands_PrimaryContext_Command_0_CommandLine.provxml',
      '2__ProvisioningCommands_PrimaryContext_Command_0_DependencyPackages_0.provxml',
    ]);
    expect(
      files.get(
        `${PROV}/RunTime/2__ProvisioningCommands_PrimaryContext_Command_0_DependencyPackages_0.provxml`,
      ),
    ).toContain(
      '<characteristic type="/ProvisioningCommands/PrimaryContext/Command/0/DependencyPackages/Dependency">',
    );
    expect(files.get('DataAsset/DataAsset.xml')).toContain(
      `<Metadata Key="${agentFolder}\\agent.msi" Value="/ProvisioningCommands/PrimaryContext/Command/0/CommandFile" />`,
    );
    expect(
      files.get(`${PROV}/RunTime/0__ProvisioningCommands_PrimaryContext_Command_0_CommandFile.provxml`),
    ).toContain('<characteristic type="{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}">');
  });
});

// ---- errors --------------------------------------------------------------------------------------------

describe('errors name the setting and never echo its value', () => {
  it('rejects a setting the store does not have, naming it and suggesting --store', () => {
    expect(() => compile(documentOf(tree('Policies', tree('Nope', value('Thing', '1')))))).toThrow(
      new CompileError(
        'Policies/Nope',
        "this setting is not in the built-in settings store (Windows 11, 2024); if your WCD offers it, compile with that WCD's settings store (--store <Microsoft-Desktop-Provisioning.dat>)",
      ),
    );
  });

  it('rejects an unknown enum display string without repeating it', () => {
    const secretish = 'Admins-s3cr3t';
    let caught: unknown;
    try {
      compile(
        documentOf(
          tree('Accounts', tree('Users', el('User', { UserName: 'a' }, value('UserGroup', secretish)))),
        ),
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CompileError);
    expect((caught as CompileError).settingPath).toBe('Accounts/Users/a/UserGroup');
    expect((caught as CompileError).message).not.toContain(secretish);
  });

  it('rejects a map item without its key attribute and a missing asset', () => {
    expect(() =>
      compile(documentOf(tree('Accounts', tree('Users', el('User', { Name: 'a' }, value('Password', 'p')))))),
    ).toThrow(/UserName attribute is missing/);
    expect(() =>
      compile(
        documentOf(
          tree(
            'ProvisioningCommands',
            tree('DeviceContext', tree('CommandFiles', value('CommandFile', 'C:\\a.ps1'))),
          ),
        ),
      ),
    ).toThrow(
      new CompileError(
        'ProvisioningCommands/DeviceContext/CommandFiles/0',
        'the file "C:\\a.ps1" was not provided to the compiler',
      ),
    );
  });
});

// ---- characteristic tree (docs/format/compile-rules.md §2.3) -------------------------------------------------------

describe('CSP path → characteristics', () => {
  it('drops ./Vendor/MSFT only as an exact prefix', () => {
    expect(splitCspPath('./Vendor/MSFT/AADJ/Authority')).toEqual(['AADJ', 'Authority']);
    expect(splitCspPath('DevDetail/Ext/Microsoft/DNSComputerName')).toEqual([
      'DevDetail',
      'Ext',
      'Microsoft',
      'DNSComputerName',
    ]);
  });

  it('reuses a characteristic only when it is the last child with the same type (case-insensitive)', () => {
    const parm = (segments: string[], name: string) =>
      ({ segments, name, value: '1', datatype: 'integer', settingsPath: 'x' }) as const;
    const root = buildCharacteristicTree([
      parm(['A', 'B'], 'p1'),
      parm(['a', 'C'], 'p2'),
      parm(['D'], 'p3'),
      parm(['A', 'B'], 'p4'),
      parm(['Policy!scope=User', '__x'], 'p5'),
    ]);
    const shape = (children: typeof root): unknown =>
      children.map((child) =>
        child.kind === 'parm'
          ? child.parm.name
          : { [child.type + child.attributes.map(([k, v]) => `@${k}=${v}`).join('')]: shape(child.children) },
      );
    expect(shape(root)).toEqual([
      { A: [{ B: ['p1'] }, { C: ['p2'] }] },
      { D: ['p3'] },
      { A: [{ B: ['p4'] }] },
      { 'Policy@scope=User': [{ '$(__x)': ['p5'] }] },
    ]);
  });
});
