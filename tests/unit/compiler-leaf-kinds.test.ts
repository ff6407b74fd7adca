import { describe, expect, it } from 'vitest';
import { FactsCatalog } from '../../shared/catalog/facts';
import {
  CompileError,
  compileIssues,
  compilePackage,
  type CompileOptions,
} from '../../shared/compiler/compile';
import { compileRuleFor, createCompilerStore } from '../../shared/compiler/rules';
import { sha256 } from '../../shared/compiler/sha256';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import type { SettingNode } from '../../shared/model/settings-tree';

/**
 * One small project per leaf kind, compiled against the built-in store (the generated catalog of the 2024
 * Desktop store) and compared with the provxml the rules predict. Each test names the store facts it rests on
 * (checked first, so a changed catalog fails loudly here) and the docs/format/compile-rules.md sections that turn them
 * into output. Evidence of each compiled form: `observed` where a real package shows it, else `derived`.
 */

function el(name: string, attributes: Record<string, string>, ...children: SettingNode[]): SettingNode {
  return { name, attributes: Object.entries(attributes), children };
}
const tree = (name: string, ...children: SettingNode[]): SettingNode => el(name, {}, ...children);
const value = (name: string, text: string): SettingNode => ({ name, attributes: [], children: [], text });
/** An item of a map whose item is a single setting: key attribute(s) and a value. */
const item = (name: string, attributes: Record<string, string>, text: string): SettingNode => ({
  name,
  attributes: Object.entries(attributes),
  children: [],
  text,
});

const PACKAGE_ID = '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}';
function documentOf(...common: SettingNode[]): CustomizationsDocument {
  return {
    packageConfig: {
      id: PACKAGE_ID,
      name: 'Kinds',
      version: '1.0',
      ownerType: 'ITAdmin',
      rank: 0,
      notes: '',
    },
    common,
    multivariant: [],
  };
}

const OPTIONS: CompileOptions = { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets: new Map() };
const PROV = 'Multivariant/0/Prov';

function compile(doc: CustomizationsDocument, options: Partial<CompileOptions> = {}): Map<string, string> {
  const files = compilePackage(doc, new Uint8Array([0x3c]), { ...OPTIONS, ...options });
  return new Map(files.map((file) => [file.path, Buffer.from(file.bytes).toString('utf8')]));
}

/** A provxml as WCD writes it (docs/format/compile-rules.md §2.9): BOM, declaration, CRLF, no final newline. */
const provxml = (...body: string[]): string =>
  '\uFEFF' +
  [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
    '<wap-provisioningdoc>',
    ...body,
    '</wap-provisioningdoc>',
  ].join('\r\n');

/** The store facts a test rests on, checked against the catalog in use. */
function expectFacts(path: string, facts: Record<string, unknown>): void {
  expect(compileRuleFor(path), path).toMatchObject(facts);
}

describe('CSP leaves (docs/format/compile-rules.md §2.3, §2.4)', () => {
  it('int enum: the WCD label becomes the stored number, datatype integer (observed)', () => {
    // Store: Policies/Experience/AllowCortana, Type 2, Values 0 "No" / 1 "Yes", Apply/Csp Policy/Config path.
    expectFacts('Policies/Experience/AllowCortana', {
      type: 'int',
      enumValues: [
        [0, 'No'],
        [1, 'Yes'],
      ],
      target: { kind: 'csp', path: './Vendor/MSFT/Policy/Config/Experience/AllowCortana' },
      evidence: 'observed',
    });
    const files = compile(documentOf(tree('Policies', tree('Experience', value('AllowCortana', 'No')))));
    expect(files.get(`${PROV}/RunTime/0__Policies_Experience_AllowCortana.provxml`)).toBe(
      provxml(
        '  <characteristic type="Policy">',
        '    <characteristic type="Config">',
        '      <characteristic type="Experience">',
        '        <parm SettingsPath="Policies/Experience/AllowCortana" name="AllowCortana" value="0" datatype="integer" />',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
  });

  it('bool: True/False become true/false, datatype boolean (derived)', () => {
    // Store: Education/EnableEduThemes, Type 1, Apply/Csp ./Vendor/MSFT/Policy/Config/Education/EnableEduThemes.
    expectFacts('Education/EnableEduThemes', { type: 'bool', evidence: 'derived' });
    const files = compile(documentOf(tree('Education', value('EnableEduThemes', 'True'))));
    expect(files.get(`${PROV}/RunTime/0__Education_EnableEduThemes.provxml`)).toBe(
      provxml(
        '  <characteristic type="Policy">',
        '    <characteristic type="Config">',
        '      <characteristic type="Education">',
        '        <parm SettingsPath="Education/EnableEduThemes" name="EnableEduThemes" value="true" datatype="boolean" />',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
  });

  it('text: written as is, datatype string (derived)', () => {
    // Store: Policies/TimeLanguageSettings/ConfigureTimeZone, Type 3, no Values.
    expectFacts('Policies/TimeLanguageSettings/ConfigureTimeZone', { type: 'text', evidence: 'derived' });
    const files = compile(
      documentOf(
        tree('Policies', tree('TimeLanguageSettings', value('ConfigureTimeZone', 'Eastern Standard Time'))),
      ),
    );
    expect(files.get(`${PROV}/RunTime/0__Policies_TimeLanguageSettings_ConfigureTimeZone.provxml`)).toContain(
      '<parm SettingsPath="Policies/TimeLanguageSettings/ConfigureTimeZone" name="ConfigureTimeZone" value="Eastern Standard Time" datatype="string" />',
    );
  });

  it('text enum whose stored value differs from the label: the stored value is written (derived)', () => {
    // Store: Policies/WindowsLogon/AllowAutomaticRestartSignOn, Type 3, Values `<disabled/>` "Disable",
    // `<enabled/>` "Enable". The attribute is escaped as .NET XmlWriter does (§2.9).
    expectFacts('Policies/WindowsLogon/AllowAutomaticRestartSignOn', {
      type: 'text',
      textValues: [
        ['<disabled/>', 'Disable'],
        ['<enabled/>', 'Enable'],
      ],
    });
    const files = compile(
      documentOf(tree('Policies', tree('WindowsLogon', value('AllowAutomaticRestartSignOn', 'Disable')))),
    );
    expect(
      files.get(`${PROV}/RunTime/0__Policies_WindowsLogon_AllowAutomaticRestartSignOn.provxml`),
    ).toContain('name="AllowAutomaticRestartSignOn" value="&lt;disabled/&gt;" datatype="string" />');
  });

  it('user scope: Apply/Csp/Context=1 goes to User_RunTime, Policy!scope=User (observed)', () => {
    // Store: Policies/Experience/AllowWindowsSpotlight, Context 1, path ./Vendor/MSFT/Policy!scope=User/Config/….
    expectFacts('Policies/Experience/AllowWindowsSpotlight', { context: 'user', evidence: 'observed' });
    const files = compile(
      documentOf(tree('Policies', tree('Experience', value('AllowWindowsSpotlight', 'No')))),
    );
    expect([...files.keys()].filter((path) => path.startsWith(PROV))).toEqual([
      `${PROV}/User_RunTime.xml`,
      `${PROV}/User_RunTime/0__Policies_Experience_AllowWindowsSpotlight.provxml`,
    ]);
    expect(files.get(`${PROV}/User_RunTime/0__Policies_Experience_AllowWindowsSpotlight.provxml`)).toContain(
      '  <characteristic type="Policy" scope="User">\r\n    <characteristic type="Config">',
    );
  });
});

describe('registry leaves: MCSF/<instance path> (docs/format/compile-rules.md §2.3)', () => {
  it('bool under its own path (derived; HideOobe is the observed case)', () => {
    // Store: SMISettings/HideFirstLogonAnimation, Type 1, Apply/Registry (no AtomicRoot).
    expectFacts('SMISettings/HideFirstLogonAnimation', { type: 'bool', target: { kind: 'registry' } });
    const files = compile(documentOf(tree('SMISettings', value('HideFirstLogonAnimation', 'True'))));
    expect(files.get(`${PROV}/RunTime/0__SMISettings_HideFirstLogonAnimation.provxml`)).toBe(
      provxml(
        '  <characteristic type="MCSF">',
        '    <characteristic type="SMISettings">',
        '      <parm SettingsPath="SMISettings/HideFirstLogonAnimation" name="HideFirstLogonAnimation" value="true" datatype="boolean" />',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
  });

  it('AutoLogon: one atomic group, text enum ENABLE → 1, parms in hive order (derived)', () => {
    // Store: SMISettings/AutoLogon/* all AtomicRoot /SMISettings/AutoLogon; Enable Type 3 with Values 1 "ENABLE";
    // hive order DomainName, Enable, Password, UserName (§2.5: parms follow store order, not document order).
    expectFacts('SMISettings/AutoLogon/Enable', {
      type: 'text',
      textValues: [['1', 'ENABLE']],
      atomicRoot: 'SMISettings/AutoLogon',
    });
    const files = compile(
      documentOf(
        tree(
          'SMISettings',
          tree('AutoLogon', value('UserName', 'kiosk'), value('Password', 'pw'), value('Enable', 'ENABLE')),
        ),
      ),
    );
    expect([...files.keys()].filter((path) => path.startsWith(`${PROV}/RunTime/`))).toEqual([
      `${PROV}/RunTime/0__SMISettings_AutoLogon.provxml`,
    ]);
    expect(files.get(`${PROV}/RunTime/0__SMISettings_AutoLogon.provxml`)).toBe(
      provxml(
        '  <characteristic type="MCSF">',
        '    <characteristic type="SMISettings">',
        '      <characteristic type="AutoLogon">',
        '        <parm SettingsPath="SMISettings/AutoLogon/Enable" name="Enable" value="1" datatype="string" />',
        '        <parm SettingsPath="SMISettings/AutoLogon/Password" name="Password" value="pw" datatype="string" />',
        '        <parm SettingsPath="SMISettings/AutoLogon/UserName" name="UserName" value="kiosk" datatype="string" />',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
    // SettingsGroup = uuid5 of the AtomicRoot (§1.1).
    expect(files.get(`${PROV}/RunTime.xml`)).toContain(
      `SettingsGroup="${compileRuleFor('SMISettings/AutoLogon/UserName')!.settingsGroup}"`,
    );
  });

  it('int enum in registry: stored number, datatype integer, grouped by AtomicRoot (derived)', () => {
    // Store: TabletMode/SignInMode, Type 2, Values 0 "Tablet mode" / 1 "Desktop" / 2 "Last used", AtomicRoot /TabletMode.
    expectFacts('TabletMode/SignInMode', {
      type: 'int',
      atomicRoot: 'TabletMode',
      target: { kind: 'registry' },
    });
    const files = compile(documentOf(tree('TabletMode', value('SignInMode', 'Desktop'))));
    expect(files.get(`${PROV}/RunTime/0__TabletMode.provxml`)).toContain(
      '<characteristic type="TabletMode">\r\n      <parm SettingsPath="TabletMode/SignInMode" name="SignInMode" value="1" datatype="integer" />',
    );
  });

  it('nested maps: both keys in the instance path, one ShellLauncher group (derived)', () => {
    // Store: ShellLauncher/UserSpecificSettings/DomainUserSpecificSettings Map Key=Domain → DomainUserShellSettings
    // Map Key=Username → UserShellSetting Tree; UserCustomShell Type 3 registry; AtomicRoot /SMISettings/ShellLauncher.
    expectFacts(
      'SMISettings/ShellLauncher/UserSpecificSettings/DomainUserSpecificSettings/DomainUserShellSettings/UserShellSetting/UserCustomShell',
      { type: 'text', target: { kind: 'registry' }, atomicRoot: 'SMISettings/ShellLauncher' },
    );
    const files = compile(
      documentOf(
        tree(
          'SMISettings',
          tree(
            'ShellLauncher',
            tree(
              'UserSpecificSettings',
              tree(
                'DomainUserSpecificSettings',
                el(
                  'DomainUserShellSettings',
                  { Domain: 'contoso' },
                  el('UserShellSetting', { Username: 'kiosk' }, value('UserCustomShell', 'app.exe')),
                ),
              ),
            ),
          ),
        ),
      ),
    );
    expect(files.get(`${PROV}/RunTime/0__SMISettings_ShellLauncher.provxml`)).toBe(
      provxml(
        '  <characteristic type="MCSF">',
        '    <characteristic type="SMISettings">',
        '      <characteristic type="ShellLauncher">',
        '        <characteristic type="UserSpecificSettings">',
        '          <characteristic type="DomainUserSpecificSettings">',
        '            <characteristic type="contoso">',
        '              <characteristic type="kiosk">',
        '                <parm SettingsPath="SMISettings/ShellLauncher/UserSpecificSettings/DomainUserSpecificSettings/DomainUserShellSettings/UserShellSetting/UserCustomShell" name="UserCustomShell" value="app.exe" datatype="string" />',
        '              </characteristic>',
        '            </characteristic>',
        '          </characteristic>',
        '        </characteristic>',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
  });
});

describe('actions (docs/format/compile-rules.md §2.4)', () => {
  it('Delete on a map whose item is a single setting: <noparm> named by the key (derived)', () => {
    // Store: UniversalAppUninstall/RemoveProvisionedApp Map Key=PackageFamilyName → RemoveProvisionedApplication
    // Type 2 (Values 1 "RemoveProvisionedApp"), Apply/Csp Action 3, path …/AppManagement!scope=device/AppStore/~PackageFamilyName~.
    expectFacts('UniversalAppUninstall/RemoveProvisionedApp/RemoveProvisionedApplication', {
      action: 'delete',
      enumValues: [[1, 'RemoveProvisionedApp']],
    });
    const pfn = 'Microsoft.BingNews_8wekyb3d8bbwe';
    const files = compile(
      documentOf(
        tree(
          'UniversalAppUninstall',
          tree(
            'RemoveProvisionedApp',
            item(
              'RemoveProvisionedApplication',
              { PackageFamilyName: pfn, Name: pfn },
              'RemoveProvisionedApp',
            ),
          ),
        ),
      ),
    );
    expect(files.get(`${PROV}/RunTime/0__UniversalAppUninstall_RemoveProvisionedApp_${pfn}.provxml`)).toBe(
      provxml(
        '  <characteristic type="EnterpriseModernAppManagement">',
        '    <characteristic type="AppManagement" scope="device">',
        '      <characteristic type="AppStore">',
        `        <noparm SettingsPath="UniversalAppUninstall/RemoveProvisionedApp/RemoveProvisionedApplication" name="${pfn}" />`,
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
  });

  it('Exec: exec="1" after datatype (observed on WindowsLicensing; derived here)', () => {
    // Store: LanguagePackManagement/LanguagePackInstall/Language Map Key=LanguageId → InstallLanguage Type 1,
    // Apply/Csp Action 2, path …/LanguagePackManagement/Install/~LanguageId~/StartInstallation.
    expectFacts('LanguagePackManagement/LanguagePackInstall/Language/InstallLanguage', {
      type: 'bool',
      action: 'exec',
    });
    const files = compile(
      documentOf(
        tree(
          'LanguagePackManagement',
          tree(
            'LanguagePackInstall',
            el('Language', { LanguageId: 'de-DE' }, value('InstallLanguage', 'True')),
          ),
        ),
      ),
    );
    const file = [...files].find(([path]) => path.includes('LanguagePackManagement'))!;
    expect(file[1]).toContain(
      '<characteristic type="de-DE">\r\n        <parm SettingsPath="LanguagePackManagement/LanguagePackInstall/Language/InstallLanguage" name="StartInstallation" value="true" datatype="boolean" exec="1" />',
    );
  });

  it('RequiresReboot on a Delete leaf adds one ForceSettingReload (derived)', () => {
    // Store: UnifiedWriteFilter/RegistryExclusions/Remove Map Key=RegistryPath → RemovedRegistryExclusion,
    // Action 3, RequiresReboot 1 (§2.6).
    expectFacts('UnifiedWriteFilter/RegistryExclusions/Remove/RemovedRegistryExclusion', {
      action: 'delete',
      requiresReboot: true,
    });
    const rule = compileRuleFor('UnifiedWriteFilter/RegistryExclusions/Remove/RemovedRegistryExclusion')!;
    const label = rule.enumValues?.[0]?.[1] ?? '1';
    const files = compile(
      documentOf(
        tree(
          'UnifiedWriteFilter',
          tree(
            'RegistryExclusions',
            tree(
              'Remove',
              item('RemovedRegistryExclusion', { RegistryPath: 'HKLM-Software-Contoso' }, label),
            ),
          ),
        ),
      ),
    );
    const text = [...files].find(([path]) => path.includes('UnifiedWriteFilter'))![1];
    expect(text).toContain(
      '<noparm SettingsPath="UnifiedWriteFilter/RegistryExclusions/Remove/RemovedRegistryExclusion" name="HKLM-Software-Contoso" />',
    );
    expect(text).toContain(
      '<characteristic type="ForceSettingReload">\r\n      <parm SettingsPath="UnifiedWriteFilter/RegistryExclusions/Remove/RemovedRegistryExclusion" name="RemovedRegistryExclusion" value="1" datatype="integer" />',
    );
  });
});

describe('file-copy assets (docs/format/compile-rules.md §2.7)', () => {
  const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const b64 = Buffer.from(sha256(image)).toString('base64').replaceAll('/', '.');

  it('an asset with a device FilePath compiles as a file copy (derived)', () => {
    // Store: Personalization/DeployDesktopImage, Type 5, no Serialization (0), FilePath %SYSTEMDRIVE%\Users\Public\Downloads,
    // no Csp/Registry target: FilePath tells the device where to put it; the package holds a file copy.
    expectFacts('Personalization/DeployDesktopImage', { type: 'asset', serialization: 'file-copy' });
    const files = compile(
      documentOf(tree('Personalization', value('DeployDesktopImage', 'C:\\Images\\wallpaper.png'))),
      { assets: new Map([['C:\\Images\\wallpaper.png', image]]) },
    );
    expect(files.get(`${PROV}/RunTime/0__Personalization_DeployDesktopImage.provxml`)).toBe(
      provxml(
        '  <characteristic type="Provisioning">',
        '    <characteristic type="Assets">',
        `      <characteristic type="${PACKAGE_ID}">`,
        '        <characteristic type="/Personalization/DeployDesktopImage">',
        `          <parm SettingsPath="Personalization/DeployDesktopImage" name="0_${b64}\\wallpaper.png" value="wallpaper.png" datatype="string" />`,
        '        </characteristic>',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
    expect(files.get(`DataAsset/2/0_${b64}/wallpaper.png`)).toBe(Buffer.from(image).toString('utf8'));
  });

  it('app packages (Serialization 4) and their dependencies (8) are file copies too (derived)', () => {
    // Store: UniversalAppInstall/DeviceContextApp Map Key=PackageFamilyName → Application; ApplicationFile Type 5
    // Serialization 4; DependencyAppxFiles List → Dependency Type 5 Serialization 8 (§2.7: 4 and 8 as Normal).
    expectFacts('UniversalAppInstall/DeviceContextApp/Application/ApplicationFile', {
      serialization: 'file-copy',
    });
    expectFacts('UniversalAppInstall/DeviceContextApp/Application/DependencyAppxFiles/Dependency', {
      serialization: 'file-copy',
    });
    const files = compile(
      documentOf(
        tree(
          'UniversalAppInstall',
          tree(
            'DeviceContextApp',
            el(
              'Application',
              { PackageFamilyName: 'Contoso.App_abc' },
              value('ApplicationFile', 'C:\\Apps\\app.msixbundle'),
              tree('DependencyAppxFiles', value('Dependency', 'C:\\Apps\\vclibs.appx')),
            ),
          ),
        ),
      ),
      {
        assets: new Map([
          ['C:\\Apps\\app.msixbundle', new Uint8Array([1])],
          ['C:\\Apps\\vclibs.appx', new Uint8Array([2])],
        ]),
      },
    );
    const runtime = [...files.keys()].filter((path) => path.startsWith(`${PROV}/RunTime/`));
    expect(runtime).toEqual([
      `${PROV}/RunTime/0__UniversalAppInstall_DeviceContextApp_Contoso.App_abc_ApplicationFile.provxml`,
      `${PROV}/RunTime/1__UniversalAppInstall_DeviceContextApp_Contoso.App_abc_DependencyAppxFiles_0.provxml`,
    ]);
    // A list item's asset key is its list's instance path + the item node name (§2.7).
    expect(files.get(runtime[1]!)).toContain(
      '<characteristic type="/UniversalAppInstall/DeviceContextApp/Contoso.App_abc/DependencyAppxFiles/Dependency">',
    );
    expect(files.get('DataAsset/DataAsset.xml')).toContain(
      'Value="/UniversalAppInstall/DeviceContextApp/Contoso.App_abc/ApplicationFile" />',
    );
    // The store's Action 2 belongs to its HostedInstall node, not to the file copy: no exec="1".
    expectFacts('UniversalAppInstall/DeviceContextApp/Application/ApplicationFile', { action: 'exec' });
    expect(files.get(runtime[0]!)).toContain('value="app.msixbundle" datatype="string" />');
  });
});

describe('show-only-when rules: only visible leaves compile (docs/format/compile-rules.md §2.1 step 2)', () => {
  it('a leaf whose rule does not hold is not compiled; with the rule met it is (derived)', () => {
    // Store: Policies/DeviceGuard/LsaCfgFlags Visibility: ../EnableVirtualizationBasedSecurity = 1
    // (EnableVirtualizationBasedSecurity Values 0 "Disabled" / 1 "Enabled").
    expectFacts('Policies/DeviceGuard/LsaCfgFlags', {
      visibleWhen: [[{ condition: 1, setting: '../EnableVirtualizationBasedSecurity', value: '1' }]],
    });
    const deviceGuard = (vbs: string) =>
      documentOf(
        tree(
          'Policies',
          tree(
            'DeviceGuard',
            value('EnableVirtualizationBasedSecurity', vbs),
            value('LsaCfgFlags', 'EnabledWithUefiLock'),
          ),
        ),
      );
    const names = (files: Map<string, string>) =>
      [...files.keys()]
        .filter((path) => path.startsWith(`${PROV}/RunTime/`))
        .map((path) => path.split('/').pop());
    expect(names(compile(deviceGuard('Disabled')))).toEqual([
      '0__Policies_DeviceGuard_EnableVirtualizationBasedSecurity.provxml',
    ]);
    expect(names(compile(deviceGuard('Enabled')))).toEqual([
      '0__Policies_DeviceGuard_EnableVirtualizationBasedSecurity.provxml',
      '1__Policies_DeviceGuard_LsaCfgFlags.provxml',
    ]);
  });

  it('an absent setting counts with its store default', () => {
    // Store: SMISettings/AutoLogon/Password Visibility ../Enable = 1; Enable Default 1.
    const files = compile(documentOf(tree('SMISettings', tree('AutoLogon', value('Password', 'pw')))));
    expect(files.get(`${PROV}/RunTime/0__SMISettings_AutoLogon.provxml`)).toContain(
      'name="Password" value="pw"',
    );
  });
});

describe('inline assets (docs/format/compile-rules.md §2.7)', () => {
  it('AssetXml (Serialization 5) with Exec: the XML file on one line, exec="1" (derived)', () => {
    // Store: EditionUpgrade/UpgradeEditionWithLicense, Type 5, Serialization 5, Apply/Csp Action 2,
    // ./Vendor/MSFT/WindowsLicensing/UpgradeEditionWithLicense.
    expectFacts('EditionUpgrade/UpgradeEditionWithLicense', {
      type: 'asset',
      serialization: 'asset-xml',
      action: 'exec',
    });
    const license =
      '<?xml version="1.0" encoding="utf-8"?>\r\n<License>\r\n  <Edition>Enterprise</Edition>\r\n</License>\r\n';
    const files = compile(
      documentOf(tree('EditionUpgrade', value('UpgradeEditionWithLicense', 'C:\\Lic\\ent.xml'))),
      { assets: new Map([['C:\\Lic\\ent.xml', new TextEncoder().encode(license)]]) },
    );
    expect(files.get(`${PROV}/RunTime/0__EditionUpgrade_UpgradeEditionWithLicense.provxml`)).toBe(
      provxml(
        '  <characteristic type="WindowsLicensing">',
        '    <parm SettingsPath="EditionUpgrade/UpgradeEditionWithLicense" name="UpgradeEditionWithLicense" value="&lt;License&gt;&lt;Edition&gt;Enterprise&lt;/Edition&gt;&lt;/License&gt;" datatype="string" exec="1" />',
        '  </characteristic>',
      ),
    );
    // Inline: no DataAsset entry.
    expect([...files.keys()].some((path) => path.startsWith('DataAsset/'))).toBe(false);
  });
});

describe('app licenses and Store product IDs (docs/format/compile-rules.md §2.7, §2.7a)', () => {
  it('a license file (Serialization 7): <License Content="<Base64>" /> under AddLicense, exec="1" (derived/inferred)', () => {
    // Store: UniversalAppInstall/DeviceContextAppLicense Map Key=LicenseProductId → LicenseInstall Type 5,
    // Serialization 7, Apply/Csp Action 2, …/AppLicenses!scope=Device/StoreLicenses/~LicenseProductId~/AddLicense.
    // CSP documentation: AddLicense takes <License Content="{Base64 license}"/>. Kinds 1–7 are inline (§2.7).
    expectFacts('UniversalAppInstall/DeviceContextAppLicense/LicenseInstall', {
      type: 'asset',
      serialization: 'license-content',
      action: 'exec',
      context: 'device',
      evidence: 'inferred',
      target: {
        kind: 'csp',
        path: './Vendor/MSFT/EnterpriseModernAppManagement/AppLicenses!scope=Device/StoreLicenses/~LicenseProductId~/AddLicense',
      },
    });
    const id = '5c0db099-f413-5aa0-afc0-f40f668da91c';
    const license = new TextEncoder().encode('<License>x</License>');
    const files = compile(
      documentOf(
        tree(
          'UniversalAppInstall',
          tree(
            'DeviceContextAppLicense',
            item('LicenseInstall', { LicenseProductId: id }, 'C:\\Apps\\app_License1.xml'),
          ),
        ),
      ),
      { assets: new Map([['C:\\Apps\\app_License1.xml', license]]) },
    );
    const base64 = Buffer.from(license).toString('base64');
    expect(files.get(`${PROV}/RunTime/0__UniversalAppInstall_DeviceContextAppLicense_${id}.provxml`)).toBe(
      provxml(
        '  <characteristic type="EnterpriseModernAppManagement">',
        '    <characteristic type="AppLicenses" scope="Device">',
        '      <characteristic type="StoreLicenses">',
        `        <characteristic type="${id}">`,
        `          <parm SettingsPath="UniversalAppInstall/DeviceContextAppLicense/LicenseInstall" name="AddLicense" value="&lt;License Content=&quot;${base64}&quot; /&gt;" datatype="string" exec="1" />`,
        '        </characteristic>',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
    // Inline: the license file is not copied into DataAsset.
    expect([...files.keys()].some((path) => path.startsWith('DataAsset/'))).toBe(false);
  });

  it('a user-context license goes to User_RunTime with scope=User (derived/inferred)', () => {
    // Store: UniversalAppInstall/UserContextAppLicense/LicenseInstall, Serialization 7, Apply/Csp Context=1.
    expectFacts('UniversalAppInstall/UserContextAppLicense/LicenseInstall', {
      serialization: 'license-content',
      context: 'user',
    });
    const files = compile(
      documentOf(
        tree(
          'UniversalAppInstall',
          tree('UserContextAppLicense', item('LicenseInstall', { LicenseProductId: 'p' }, 'C:\\l.xml')),
        ),
      ),
      { assets: new Map([['C:\\l.xml', new Uint8Array([0xff, 0])]]) },
    );
    expect(
      files.get(`${PROV}/User_RunTime/0__UniversalAppInstall_UserContextAppLicense_p.provxml`),
    ).toContain('<characteristic type="AppLicenses" scope="User">');
  });

  it('a Store product ID (Serialization 9): <Application id flags skuid /> from its siblings, exec="1" (derived/inferred)', () => {
    // Store: UniversalAppInstall/StoreInstall Map Key=PackageFamilyName → Application {Flags Type 2 Values 0/1,
    // no target; ProductID Type 3 Serialization 9, Apply/Csp Action 2 Context 1, …/~PackageFamilyName~/StoreInstall;
    // SkuID Type 3 Default 0016, no target}. CSP documentation: StoreInstall takes <Application id flags skuid/>.
    expectFacts('UniversalAppInstall/StoreInstall/Application/ProductID', {
      type: 'text',
      textSerialization: 'store-install-application',
      action: 'exec',
      context: 'user',
      evidence: 'inferred',
    });
    expectFacts('UniversalAppInstall/StoreInstall/Application/Flags', { target: null });
    expectFacts('UniversalAppInstall/StoreInstall/Application/SkuID', { target: null, defaultValue: '0016' });
    const pfn = 'Microsoft.WindowsTerminal_8wekyb3d8bbwe';
    const files = compile(
      documentOf(
        tree(
          'UniversalAppInstall',
          tree(
            'StoreInstall',
            el(
              'Application',
              { PackageFamilyName: pfn, Name: pfn },
              value('Flags', '1'),
              value('ProductID', '9N0DX20HK701'),
            ),
          ),
        ),
      ),
    );
    expect(
      files.get(`${PROV}/User_RunTime/0__UniversalAppInstall_StoreInstall_${pfn}_ProductID.provxml`),
    ).toBe(
      provxml(
        '  <characteristic type="EnterpriseModernAppManagement">',
        '    <characteristic type="AppInstallation" scope="User">',
        `      <characteristic type="${pfn}">`,
        '        <parm SettingsPath="UniversalAppInstall/StoreInstall/Application/ProductID" name="StoreInstall" value="&lt;Application id=&quot;9N0DX20HK701&quot; flags=&quot;1&quot; skuid=&quot;0016&quot; /&gt;" datatype="string" exec="1" />',
        '      </characteristic>',
        '    </characteristic>',
        '  </characteristic>',
      ),
    );
  });

  it('a Store product ID without its required Flags is reported at Flags', () => {
    const doc = documentOf(
      tree(
        'UniversalAppInstall',
        tree(
          'DeviceContextStoreInstall',
          el('Application', { PackageFamilyName: 'A_b' }, value('ProductID', 'X'), value('SkuID', '0010')),
        ),
      ),
    );
    expect(compileIssues(doc, OPTIONS)).toEqual([
      {
        settingPath: 'UniversalAppInstall/DeviceContextStoreInstall/A_b/Flags',
        detail: 'the flags are required (0 or 1)',
      },
    ]);
  });
});

describe('binary leaves (store Type 4, docs/format/compile-rules.md §2.4)', () => {
  it('the Base64 text as written, datatype binary (derived/inferred)', () => {
    // Store: Location/SUPL1/RootCertificate/Data, Type 4, Apply/Csp SUPL/SUPL1/Ext/Microsoft/RootCertificate/Data,
    // AtomicRoot /Location (so the file is named after Location).
    expectFacts('Location/SUPL1/RootCertificate/Data', {
      type: 'binary',
      target: { kind: 'csp', path: 'SUPL/SUPL1/Ext/Microsoft/RootCertificate/Data' },
      evidence: 'inferred',
    });
    const files = compile(
      documentOf(tree('Location', tree('SUPL1', tree('RootCertificate', value('Data', ' AAEC/w== '))))),
    );
    expect(files.get(`${PROV}/RunTime/0__Location.provxml`)).toContain(
      '<parm SettingsPath="Location/SUPL1/RootCertificate/Data" name="Data" value="AAEC/w==" datatype="binary" />',
    );
  });
});

describe('what cannot compile is reported by path, and the rest still compiles', () => {
  const doc = documentOf(
    tree('Policies', tree('Experience', value('AllowCortana', 'No'))),
    tree('Location', tree('SUPL1', tree('RootCertificate', value('Data', 'not base64!')))),
  );

  it('a binary value that is not Base64 is refused at its path', () => {
    expect(compileIssues(doc, OPTIONS)).toEqual([
      { settingPath: 'Location/SUPL1/RootCertificate/Data', detail: 'expected the bytes as Base64 text' },
    ]);
    expect(() => compile(doc)).toThrow(CompileError);
  });

  it('a store Serialization with no known form (a newer store) is refused with the reason', () => {
    // A user store may carry a serialization number this compiler has no form for: it names the kind.
    const store = createCompilerStore(
      new FactsCatalog(
        [
          { path: 'G', name: 'G', kind: 'tree', order: 0, editions: ['desktop'], source: 'user-store' },
          {
            path: 'G/File',
            name: 'File',
            kind: 'asset',
            order: 0,
            editions: ['desktop'],
            serialization: 12,
            target: { kind: 'csp', path: './Vendor/MSFT/X/File', action: 'add', userScope: false },
            source: 'user-store',
          },
        ],
        { source: 'user-store', inputs: [] },
      ),
      'a test store',
    );
    const issues = compileIssues(documentOf(tree('G', value('File', 'C:\\f.bin'))), {
      ...OPTIONS,
      store,
      assets: new Map([['C:\\f.bin', new Uint8Array([1])]]),
    });
    expect(issues).toEqual([
      {
        settingPath: 'G/File',
        detail:
          'this setting cannot be compiled yet: the store serializes this file as kind 12, whose compiled form is unknown',
      },
    ]);
  });
});
