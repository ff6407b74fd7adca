import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import {
  appendListItem,
  findUnknownSettings,
  getSetting,
  hasSetting,
  listItemKeys,
  redactSecrets,
  removeSetting,
  SettingPathError,
  setSetting,
  usesNameAttribute,
} from '../../shared/model/settings-edit';
import { parseCustomizationsXml, serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import {
  FIXTURE_PACKAGES,
  NEEDS_PPKG_FIXTURES,
  readEmbeddedCustomizations,
  REPO_ROOT,
} from '../support/fixtures';
import { describeWith, itWith } from '../support/requirements';
import { emptyDocument } from '../support/documents';

const text = (doc: CustomizationsDocument): string =>
  Buffer.from(serializeCustomizationsXml(doc)).toString('utf8');

/** The §2.12 listing, taken from our format notes so the expectation is independent of our code. */
async function specBulkEnrollmentXml(): Promise<string> {
  const spec = await readFile(resolve(REPO_ROOT, 'docs/format/wcd-settings.md'), 'utf8');
  const section = spec.slice(spec.indexOf('### 2.12'));
  const match = /```xml\n([\s\S]*?)\n```/.exec(section);
  if (!match?.[1]) throw new Error('§2.12 listing not found in docs/format/wcd-settings.md');
  return match[1];
}

describe('editing API', () => {
  it('builds the §2.12 bulk-enrollment customizations.xml exactly as the spec lists it', async () => {
    const expected = await specBulkEnrollmentXml();
    // The spec prints its secrets masked; the example holds made-up values, so compare the masked form.
    const bytes = serializeCustomizationsXml(redactSecrets(createBulkEnrollmentExample()));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The spec listing uses LF in markdown; WCD writes CRLF.
    expect(Buffer.from(bytes.subarray(3)).toString('utf8')).toBe(expected.replace(/\n/g, '\r\n'));
  });

  it('reads values back and lists items', () => {
    const doc = createBulkEnrollmentExample();
    expect(getSetting(doc, 'Accounts/Users/User[localadmin]/UserGroup')).toBe('Administrators');
    expect(getSetting(doc, 'Accounts/Users/User/Password', 'localadmin')).toBe('Example-Admin-Pass');
    expect(getSetting(doc, 'Accounts/Users/User/Password', 'nobody')).toBeUndefined();
    expect(
      getSetting(doc, 'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeRestart', 0),
    ).toBe('3010');
    expect(listItemKeys(doc, 'Workplace/Enrollments')).toEqual(['windows-bulkenroll-user1@contoso.com']);
    expect(hasSetting(doc, 'DevDetail/DNSComputerName')).toBe(false);
  });

  it('converts values to WCD text: booleans, enum numbers, integers', () => {
    const doc = emptyDocument();
    setSetting(doc, 'Accounts/Users/User/UserGroup', 2, 'a');
    setSetting(doc, 'Policies/ApplicationManagement/AllowAllTrustedApps', '1');
    setSetting(doc, 'OOBE/Desktop/HideOobe', 'false');
    expect(getSetting(doc, 'Accounts/Users/User[a]/UserGroup')).toBe('Administrators');
    expect(getSetting(doc, 'Policies/ApplicationManagement/AllowAllTrustedApps')).toBe('Yes');
    expect(getSetting(doc, 'OOBE/Desktop/HideOobe')).toBe('False');
    expect(() => setSetting(doc, 'OOBE/Desktop/HideOobe', 'maybe')).toThrow(SettingPathError);
    expect(() => setSetting(doc, 'Workplace/Enrollments/UPN/AuthPolicy', 'Kerberos', 'u@x')).toThrow(
      /OnPremise, Certificate/,
    );
    expect(() =>
      setSetting(
        doc,
        'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeRestart',
        '3010x',
        'c',
      ),
    ).toThrow(/not an integer/);
  });

  it('rejects unknown paths and missing keys without changing the document', () => {
    const doc = emptyDocument();
    // No such policy in the 2024 store: unknown to the catalog.
    expect(() => setSetting(doc, 'Policies/Browser/NoSuchPolicy', 1)).toThrow(/not a setting/);
    expect(() => setSetting(doc, 'Accounts/Users/User/Password', 'x')).toThrow(/expects 1 key/);
    expect(() =>
      setSetting(doc, 'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine', 'x', 3),
    ).toThrow(/has no item 3/);
    expect(doc.common).toEqual([]);
  });

  itWith(
    NEEDS_PPKG_FIXTURES,
    'keeps the form of the document: no Name attribute when the document has none (Store 2025 vintage)',
    async () => {
      const doc = parseCustomizationsXml(await readEmbeddedCustomizations('acer-localadmin-msi-commands'));
      expect(usesNameAttribute(doc)).toBe(false);
      setSetting(doc, 'Accounts/Users/User/Password', 'pw', 'second');
      const out = text(doc);
      expect(out).toContain('<User UserName="ICTMSFO5">');
      expect(out).toContain('<User UserName="second">');
      // A new top-level group lands in store order, between Accounts and OOBE.
      setSetting(doc, 'Certificates/RootCertificates/RootCertificate/CertificatePath', 'C:\\r.cer', 'r');
      expect(doc.common.map((group) => group.name)).toEqual([
        'Accounts',
        'Certificates',
        'OOBE',
        'Policies',
        'ProvisioningCommands',
      ]);
    },
  );

  itWith(
    NEEDS_PPKG_FIXTURES,
    'removes settings and prunes emptied ancestors, leaving the rest in place',
    async () => {
      const bytes = await readEmbeddedCustomizations('kbf-minimal-oobe-policy');
      const doc = parseCustomizationsXml(bytes);
      setSetting(doc, 'DevDetail/DNSComputerName', 'PC-%SERIAL%');
      expect(doc.common.map((group) => group.name)).toEqual(['DevDetail', 'OOBE', 'Policies']);
      expect(removeSetting(doc, 'DevDetail/DNSComputerName')).toBe(true);
      expect(removeSetting(doc, 'DevDetail/DNSComputerName')).toBe(false);
      expect(Buffer.from(serializeCustomizationsXml(doc)).equals(Buffer.from(bytes))).toBe(true);
      removeSetting(doc, 'OOBE/Desktop/HideOobe');
      expect(doc.common.map((group) => group.name)).toEqual(['Policies']);
    },
  );

  it('appends file list items named after the file, duplicates allowed', () => {
    const doc = emptyDocument();
    const item = 'ProvisioningCommands/DeviceContext/CommandFiles/CommandFile';
    appendListItem(doc, item, 'C:\\prov\\Setup.bat');
    appendListItem(doc, item, 'C:\\prov\\Setup.cab');
    setSetting(doc, 'ProvisioningCommands/DeviceContext/CommandLine', 'cmd /c "setup.bat"');
    expect(listItemKeys(doc, 'ProvisioningCommands/DeviceContext/CommandFiles')).toEqual(['Setup', 'Setup']);
    expect(getSetting(doc, item, 1)).toBe('C:\\prov\\Setup.cab');
    expect(text(doc)).toContain(
      [
        '          <DeviceContext>',
        '            <CommandFiles>',
        '              <CommandFile Name="Setup">C:\\prov\\Setup.bat</CommandFile>',
        '              <CommandFile Name="Setup">C:\\prov\\Setup.cab</CommandFile>',
        '            </CommandFiles>',
        '            <CommandLine>cmd /c "setup.bat"</CommandLine>',
        '          </DeviceContext>',
      ].join('\r\n'),
    );
  });
});

describe('secrets', () => {
  itWith(
    NEEDS_PPKG_FIXTURES,
    'redacts every secret value in a copy, leaving the original and other values alone',
    async () => {
      const doc = parseCustomizationsXml(await readEmbeddedCustomizations('acer-localadmin-msi-commands'));
      const password = getSetting(doc, 'Accounts/Users/User[ICTMSFO5]/Password');
      expect(password).toBeTruthy();
      const redacted = redactSecrets(doc);
      expect(getSetting(redacted, 'Accounts/Users/User[ICTMSFO5]/Password')).toBe('********');
      expect(getSetting(redacted, 'Accounts/Users/User[ICTMSFO5]/UserGroup')).toBe('Administrators');
      expect(JSON.stringify(redacted)).not.toContain(password);
      expect(getSetting(doc, 'Accounts/Users/User[ICTMSFO5]/Password')).toBe(password);
    },
  );
});

describe('settings outside the catalog', () => {
  describeWith(NEEDS_PPKG_FIXTURES, 'in the WCD fixtures', () => {
    it.each(FIXTURE_PACKAGES)('every setting in %s is in the catalog', async (name) => {
      const doc = parseCustomizationsXml(await readEmbeddedCustomizations(name));
      expect(findUnknownSettings(doc)).toEqual([]);
    });
  });

  it('reports unknown settings and multivariant parts, keeps them verbatim and in place', () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<WindowsCustomizations>',
      '  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">',
      '    <ID>{00000000-0000-0000-0000-000000000002}</ID>',
      '    <Name>u</Name>',
      '    <Version>1.0</Version>',
      '    <OwnerType>OEM</OwnerType>',
      '    <Rank>0</Rank>',
      '    <Notes></Notes>',
      '  </PackageConfig>',
      '  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning">',
      '    <Customizations>',
      '      <Common>',
      '        <Accounts>',
      '          <Users>',
      '            <User UserName="a">',
      '              <Password>x</Password>',
      '              <Shell Kind="classic">explorer.exe</Shell>',
      '            </User>',
      '          </Users>',
      '        </Accounts>',
      '        <Browser>',
      '          <Favorites Mode="x" />',
      '        </Browser>',
      '        <Policies>',
      '          <Browser>',
      '            <AllowCookies>1</AllowCookies>',
      '          </Browser>',
      '        </Policies>',
      '      </Common>',
      '      <Targets>',
      '        <Target Id="t" />',
      '      </Targets>',
      '    </Customizations>',
      '  </Settings>',
      '</WindowsCustomizations>',
    ].join('\r\n');
    const doc = parseCustomizationsXml(xml);
    expect(findUnknownSettings(doc)).toEqual([
      { path: 'Accounts/Users/User[a]/Shell', reason: 'setting' },
      // Browser and Policies/Browser/AllowCookies are store settings (generated catalog); Favorites is not.
      { path: 'Browser/Favorites', reason: 'setting' },
      { path: 'Targets', reason: 'multivariant' },
    ]);
    setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'a');
    setSetting(doc, 'Certificates/RootCertificates/RootCertificate/CertificatePath', 'C:\\r.cer', 'r');
    const out = text(doc);
    expect(out).toContain(
      '              <Shell Kind="classic">explorer.exe</Shell>\r\n              <UserGroup>Administrators</UserGroup>',
    );
    expect(out).toContain(
      '        </Accounts>\r\n        <Browser>\r\n          <Favorites Mode="x" />\r\n        </Browser>\r\n        <Certificates>',
    );
    expect(out).toContain('      <Targets>\r\n        <Target Id="t" />\r\n      </Targets>');
  });
});
