import { describe, expect, it } from 'vitest';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { appendListItem, setSetting, walkSettings } from '../../shared/model/settings-edit';
import {
  checkDeviceName,
  checkServiceUrl,
  checkSsid,
  checkUpn,
  checkWifiKey,
  formatFinding,
  VALIDATION_RULES,
  validateDocument,
  validateProject,
  type Finding,
} from '../../shared/validation';
import { getSettingText, VALIDATION_TEXT } from '../../shared/locales';
import { createWcdProject } from '../../shared/model/project';
import { parseCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import { NEEDS_PPKG_FIXTURES, readEmbeddedCustomizations } from '../support/fixtures';
import { itWith } from '../support/requirements';

const ids = (hits: Array<{ ruleId: string }>): string[] => hits.map((hit) => hit.ruleId);
const BULK_OPTIONS = {
  mdmPreset: 'ivanti',
  targetEditions: ['WindowsCommon', 'Desktop'],
  projectId: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
};

/** Overwrites the text of an element found by instance path, bypassing setSetting's own value checks. */
function forceText(doc: CustomizationsDocument, path: string, text: string): void {
  let found = false;
  walkSettings(doc, (setting) => {
    if (setting.path === path) {
      setting.node.text = text;
      found = true;
    }
  });
  if (!found) throw new Error(`no element at ${path}`);
}

function findingsOf(edit: (doc: CustomizationsDocument) => void, options = BULK_OPTIONS): Finding[] {
  const doc = createBulkEnrollmentExample();
  edit(doc);
  return validateDocument(doc, options);
}

describe('device name', () => {
  it.each([
    ['CTS-%RAND:6%', []],
    ['Contoso-%SERIAL%', []],
    ['Z-%SERIAL%', []],
    ['LAB-PC-042', []],
    ['Test-Device-%RAND:5%', ['device-name.too-long']],
    ['ABCDEFGHIJKLMNO%SERIAL%', ['device-name.too-long']],
    ['A'.repeat(63), ['device-name.netbios-truncated']],
    ['A'.repeat(64), ['device-name.too-long']],
    ['My PC', ['device-name.invalid-character']],
    ['PC.contoso', ['device-name.invalid-character']],
    ['PC-%RAND%', ['device-name.macro-syntax']],
    ['PC-%serial%', ['device-name.macro-syntax']],
    ['PC-%RAND:0%', ['device-name.macro-syntax']],
    ['50%', ['device-name.macro-syntax']],
    ['12345', ['device-name.all-digits']],
    ['', ['device-name.empty']],
  ])('%j → %j', (name, expected) => {
    expect(ids(checkDeviceName(name))).toEqual(expected);
  });

  it('counts %RAND:x% as x characters and multibyte letters by their UTF-8 size', () => {
    expect(checkDeviceName('ABCDEFGHIJ-%RAND:4%')).toEqual([]);
    expect(checkDeviceName('ABCDEFGHIJ-%RAND:5%')[0]?.params).toEqual({ length: 16, limit: 15 });
    expect(ids(checkDeviceName('ÄÄÄÄÄÄÄ-%RAND:1%'))).toEqual(['device-name.too-long']);
  });
});

describe('Wi-Fi, UPN and URL formats', () => {
  it.each([
    ['WPA2-Personal', 'a'.repeat(7), ['wifi.key-length']],
    ['WPA2-Personal', 'a'.repeat(8), []],
    ['WPA2-Personal', 'a'.repeat(63), []],
    ['WPA2-Personal', 'ab12'.repeat(16), []],
    ['WPA2-Personal', 'xy12'.repeat(16), ['wifi.key-length']],
    ['WPA2-Personal', 'ä'.repeat(10), ['wifi.key-length']],
    ['WEP', 'abcde', []],
    ['WEP', 'abcdefghijklm', []],
    ['WEP', '0123456789', []],
    ['WEP', '0123456789abcdef0123456789', []],
    ['WEP', 'abcdef', ['wifi.key-length']],
    ['WEP', 'ghijklmnop', ['wifi.key-length']],
    ['Open', 'secret', ['wifi.key-unused']],
  ])('%s key of %j → %j', (type, key, expected) => {
    expect(ids(checkWifiKey(type, key))).toEqual(expected);
  });

  it('limits the SSID to 32 bytes of UTF-8', () => {
    expect(checkSsid('s'.repeat(32))).toEqual([]);
    expect(ids(checkSsid('s'.repeat(33)))).toEqual(['wifi.ssid-too-long']);
    expect(checkSsid('é'.repeat(17))[0]?.params).toEqual({ length: 34, limit: 32 });
    expect(ids(checkSsid(''))).toEqual(['wifi.ssid-empty']);
  });

  it('checks UPN shape and service URLs', () => {
    expect(checkUpn('windows-bulkenroll-user1@contoso.com')).toEqual([]);
    for (const bad of ['user@contoso', 'user', 'a b@contoso.com', 'a@b@contoso.com']) {
      expect(ids(checkUpn(bad)), bad).toEqual(['upn.invalid']);
    }
    expect(checkServiceUrl('https://mdm.contoso.com/EnrollmentServer/Discovery.svc', true)).toEqual([]);
    expect(ids(checkServiceUrl('http://mdm.contoso.com/EnrollmentServer/Discovery.svc', true))).toEqual([
      'url.not-https',
    ]);
    expect(ids(checkServiceUrl('https://mdm.contoso.com/enroll', true))).toEqual(['url.discovery-not-svc']);
    expect(checkServiceUrl('https://mdm.contoso.com/enroll', false)).toEqual([]);
    expect(ids(checkServiceUrl('mdm.contoso.com', false))).toEqual(['url.invalid']);
    expect(ids(checkServiceUrl('ftp://mdm.contoso.com/x', false))).toEqual(['url.invalid']);
  });
});

describe('validateDocument', () => {
  it('finds nothing in the valid bulk-enrollment project', () => {
    expect(validateDocument(createBulkEnrollmentExample(), BULK_OPTIONS)).toEqual([]);
  });

  itWith(
    NEEDS_PPKG_FIXTURES,
    'finds nothing in the fixture packages except what is really there',
    async () => {
      const acer = parseCustomizationsXml(await readEmbeddedCustomizations('acer-localadmin-msi-commands'));
      expect(validateDocument(acer)).toEqual([]);
      // KBF hides OOBE but creates no account: a real risk the validator must point out.
      const kbf = parseCustomizationsXml(await readEmbeddedCustomizations('kbf-minimal-oobe-policy'));
      expect(validateDocument(kbf)).toEqual([
        {
          ruleId: 'oobe.hidden-without-account',
          severity: 'warning',
          path: 'OOBE/Desktop/HideOobe',
          params: {},
        },
      ]);
    },
  );

  const upn = 'windows-bulkenroll-user1@contoso.com';
  const wifi = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig[Contoso-Setup]/WLANXmlSettings';
  const command = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';
  it.each<[string, (doc: CustomizationsDocument) => void, string[]]>([
    [
      'device name too long',
      (d) => setSetting(d, 'Accounts/ComputerAccount/ComputerName', 'CONTOSO-LAB-%RAND:6%'),
      ['device-name.too-long'],
    ],
    [
      'UPN without the Ivanti prefix',
      (d) => setSetting(d, 'Workplace/Enrollments/UPN/AuthPolicy', 'OnPremise', 'user1@contoso.com'),
      ['upn.missing-vendor-prefix'],
    ],
    [
      'malformed UPN',
      (d) => setSetting(d, 'Workplace/Enrollments/UPN/AuthPolicy', 'OnPremise', 'windows-bulkenroll'),
      ['upn.invalid'],
    ],
    [
      'http discovery URL',
      (d) =>
        setSetting(
          d,
          `Workplace/Enrollments/UPN[${upn}]/DiscoveryServiceFullUrl`,
          'http://mdm.contoso.com/EnrollmentServer/Discovery.svc',
        ),
      ['url.not-https'],
    ],
    [
      'discovery URL without .svc',
      (d) =>
        setSetting(
          d,
          `Workplace/Enrollments/UPN[${upn}]/DiscoveryServiceFullUrl`,
          'https://mdm.contoso.com/',
        ),
      ['url.discovery-not-svc'],
    ],
    ['short WPA2 key', (d) => setSetting(d, `${wifi}/SecurityKey`, 'short'), ['wifi.key-length']],
    ['missing WPA2 key', (d) => setSetting(d, `${wifi}/SecurityKey`, ''), ['wifi.key-length']],
    [
      'long SSID',
      (d) =>
        setSetting(
          d,
          'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityType',
          'Open',
          'x'.repeat(33),
        ),
      ['wifi.ssid-too-long'],
    ],
    [
      'proxy on desktop',
      (d) =>
        setSetting(
          d,
          'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig[Contoso-Setup]/ProxyServerPort',
          'proxy:8080',
        ),
      ['wifi.proxy-on-desktop'],
    ],
    [
      'user without password',
      (d) => setSetting(d, 'Accounts/Users/User/UserGroup', 'Administrators', 'second'),
      ['setting.required'],
    ],
    [
      'empty password',
      (d) => setSetting(d, 'Accounts/Users/User[localadmin]/Password', ''),
      ['setting.required'],
    ],
    [
      'command without command line',
      (d) => setSetting(d, `${command}/ContinueInstall`, true, 'Second'),
      ['setting.required'],
    ],
    [
      'unknown enum text',
      (d) => forceText(d, 'Accounts/Users/User[localadmin]/UserGroup', 'Admins'),
      ['setting.enum'],
    ],
    ['not a boolean', (d) => forceText(d, 'OOBE/Desktop/HideOobe', 'Yes'), ['setting.boolean']],
    [
      'not an integer',
      (d) => forceText(d, `${command}[Agent]/ReturnCodeRestart`, '3010x'),
      ['setting.integer'],
    ],
    [
      'integer out of range',
      (d) => setSetting(d, 'SharedPC/AccountManagement/DiskLevelCaching', 150),
      ['setting.integer-range'],
    ],
    [
      'wrong certificate type',
      (d) =>
        setSetting(
          d,
          'Certificates/RootCertificates/RootCertificate[ContosoRoot]/CertificatePath',
          'C:\\Prov\\root.pem',
        ),
      ['asset.extension'],
    ],
    [
      'relative asset path',
      (d) => setSetting(d, `${command}[Agent]/CommandFile`, 'Agent.msi'),
      ['asset.not-absolute'],
    ],
    [
      'duplicate user (case-insensitive)',
      (d) => {
        setSetting(d, 'Accounts/Users/User/Password', 'x', 'LOCALADMIN');
        setSetting(d, 'Accounts/Users/User/Password', 'y', 'third');
      },
      ['collection.duplicate-key'],
    ],
    [
      'duplicate command name',
      (d) => {
        appendListItem(d, 'ProvisioningCommands/PrimaryContext/Command/CommandConfig', undefined, {
          name: 'Agent',
        });
        setSetting(d, `${command}/CommandLine`, 'cmd /c x', 1);
      },
      ['collection.duplicate-name'],
    ],
    ['rank out of range', (d) => (d.packageConfig.rank = 120), ['package.rank-range']],
    ['three-part version', (d) => (d.packageConfig.version = '1.0.0'), ['package.version-format']],
    [
      'unbraced ID',
      (d) => (d.packageConfig.id = '0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11'),
      ['package.id-unbraced'],
    ],
    ['no ID', (d) => (d.packageConfig.id = 'abc'), ['package.id-invalid', 'project.id-mismatch']],
  ])('%s', (_name, edit, expected) => {
    expect(ids(findingsOf(edit))).toEqual(expected);
  });

  it('allows duplicate file names in a file list (WCD writes them)', () => {
    const findings = findingsOf((d) => {
      appendListItem(d, 'ProvisioningCommands/DeviceContext/CommandFiles/CommandFile', 'C:\\p\\setup.bat');
      appendListItem(d, 'ProvisioningCommands/DeviceContext/CommandFiles/CommandFile', 'C:\\p\\setup.cab');
    });
    expect(findings).toEqual([]);
  });

  it('reports desktop-only settings in a project that does not target desktop editions', () => {
    const findings = validateDocument(createBulkEnrollmentExample(), { targetEditions: ['WindowsCommon'] });
    expect(findings).toEqual([
      {
        ruleId: 'project.desktop-edition-missing',
        severity: 'error',
        path: 'Accounts/ComputerAccount',
        params: {},
      },
    ]);
  });

  it('never puts a secret value into a finding', () => {
    const findings = findingsOf((d) => {
      setSetting(d, `${wifi}/SecurityKey`, 'tooShrt');
      setSetting(d, 'Accounts/Users/User[localadmin]/Password', '');
    });
    expect(ids(findings)).toEqual(['setting.required', 'wifi.key-length']);
    expect(JSON.stringify(findings)).not.toContain('tooShrt');
    expect(formatFinding(findings[1] as Finding)).toBe(
      'The WPA2-Personal key has 7 characters. WPA2-Personal needs 8–63 characters or 64 hex digits; WEP needs 5 or 13 characters, or 10 or 26 hex digits.',
    );
  });
});

describe('validateProject', () => {
  it('takes editions and Id from the project file', () => {
    const project = createWcdProject({
      name: 'P',
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      wizard: true,
    });
    project.customizations = createBulkEnrollmentExample();
    expect(validateProject(project, { mdmPreset: 'ivanti' })).toEqual([]);
    project.project.targetEditions = project.project.targetEditions.filter(
      (sku) => sku.edition !== 'Desktop',
    );
    project.project.id = '{11111111-8a55-4d63-9a54-2f0c7e1b6a11}';
    expect(ids(validateProject(project))).toEqual(['project.id-mismatch', 'project.desktop-edition-missing']);
  });
});

describe('validation messages', () => {
  it('gives setting labels in both languages', () => {
    expect(getSettingText('OOBE/Desktop/HideOobe', 'en')?.label).toBe('Hide setup screens');
    expect(getSettingText('OOBE/Desktop/HideOobe', 'es')?.label).toBe('Ocultar pantallas de configuración');
    expect(getSettingText('Nope/Nothing')).toBeUndefined();
  });

  it.each(['en', 'es'] as const)('has a %s message for every rule and no other', (language) => {
    expect(Object.keys(VALIDATION_TEXT[language]).sort()).toEqual(Object.keys(VALIDATION_RULES).sort());
  });

  it('fills placeholders in English and Spanish', () => {
    const finding: Finding = {
      ruleId: 'device-name.too-long',
      severity: 'error',
      path: 'Accounts/ComputerAccount/ComputerName',
      params: { length: 17, limit: 15 },
    };
    expect(formatFinding(finding, 'en')).toBe(
      'The device name can be up to 15 characters here, but it comes to 17.',
    );
    expect(formatFinding(finding, 'es')).toBe(
      'Aquí el nombre del dispositivo admite hasta 15 caracteres, pero resulta en 17.',
    );
  });
});
