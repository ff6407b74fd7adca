import { describe, expect, it } from 'vitest';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { validateDocument } from '../../shared/validation';
import { createWcdProject } from '../../shared/model/project';

const createWizardDocument = (id: string, name: string) => {
  const doc = createWcdProject({ id, name, wizard: true }).customizations;
  writeDevice(doc, {
    deviceName: '',
    target: 'dnsComputerName',
    productKey: '',
    sharedUse: false,
    removePreinstalled: false,
  });
  return doc;
};
import {
  newApp,
  readAccounts,
  readApps,
  readCertificates,
  readDevice,
  readEnrollments,
  readWifi,
  writeAccounts,
  writeApps,
  writeCertificates,
  writeDevice,
  writeEnrollments,
  writeWifi,
} from '../../renderer/src/state/wizard-document';

const xmlOf = (doc: Parameters<typeof serializeCustomizationsXml>[0]) =>
  new TextDecoder().decode(serializeCustomizationsXml(doc));

describe('wizard document reads and writes', () => {
  it('round-trips every page through the document', () => {
    const doc = createWizardDocument('{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}', 'Contoso');
    writeDevice(doc, {
      deviceName: 'CTS-%RAND:6%',
      target: 'computerName',
      productKey: '',
      sharedUse: true,
      removePreinstalled: true,
    });
    writeWifi(doc, {
      ssid: 'Contoso-Setup',
      securityType: 'WPA2-Personal',
      key: 'password1',
      hidden: false,
      autoConnect: true,
    });
    writeAccounts(doc, { ...readAccounts(doc, 'local'), userName: 'localadmin', password: 'P@ss' });
    const app = newApp('/tmp/Agent.msi');
    writeApps(doc, [{ ...app, dependencies: ['/tmp/dep.dll'] }, newApp('/tmp/setup.ps1')]);
    writeCertificates(doc, [
      {
        store: 'root',
        name: 'ContosoRoot',
        file: '/tmp/root.cer',
        password: '',
        keyLocation: 'TPM only',
        exportable: false,
      },
      {
        store: 'client',
        name: 'mdm',
        file: '/tmp/c.pfx',
        password: 'x',
        keyLocation: 'Software only',
        exportable: false,
      },
    ]);
    writeEnrollments(doc, [
      {
        upn: 'windows-bulkenroll-user1@contoso.com',
        authPolicy: 'OnPremise',
        discoveryUrl: 'https://mdm.contoso.com/EnrollmentServer/Discovery.svc',
        enrollmentUrl: '',
        policyUrl: '',
        secret: 's3cret',
      },
    ]);

    expect(readDevice(doc)).toMatchObject({
      deviceName: 'CTS-%RAND:6%',
      target: 'computerName',
      sharedUse: true,
      removePreinstalled: true,
    });
    expect(readWifi(doc)).toEqual({
      ssid: 'Contoso-Setup',
      securityType: 'WPA2-Personal',
      key: 'password1',
      hidden: false,
      autoConnect: true,
    });
    expect(readAccounts(doc, 'none')).toMatchObject({
      mode: 'local',
      userName: 'localadmin',
      password: 'P@ss',
      group: 'Administrators',
    });
    const apps = readApps(doc);
    expect(apps.map((a) => [a.name, a.commandLine, a.dependencies])).toEqual([
      ['Agent', 'msiexec /i "agent.msi" /qn', ['/tmp/dep.dll']],
      ['setup', 'powershell -ExecutionPolicy Bypass -File "setup.ps1"', []],
    ]);
    expect(readCertificates(doc).map((c) => [c.store, c.name, c.keyLocation])).toEqual([
      ['root', 'ContosoRoot', 'TPM only'],
      ['client', 'mdm', 'Software only'],
    ]);
    expect(readEnrollments(doc)[0]?.secret).toBe('s3cret');
    const xml = xmlOf(doc);
    expect(xml).toContain(
      '<UPN UPN="windows-bulkenroll-user1@contoso.com" Name="windows-bulkenroll-user1@contoso.com">',
    );
    expect(xml).toContain('<AllowAllTrustedApps>Yes</AllowAllTrustedApps>');
    expect(xml).not.toContain('DNSComputerName');
    expect(validateDocument(doc).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('keeps empty keys and values visible to validation', () => {
    const doc = createWizardDocument('{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}', 'Contoso');
    writeWifi(doc, {
      ssid: '',
      securityType: 'WPA2-Personal',
      key: '1234567',
      hidden: false,
      autoConnect: true,
    });
    writeEnrollments(doc, [
      {
        upn: '',
        authPolicy: 'OnPremise',
        discoveryUrl: 'http://x',
        enrollmentUrl: '',
        policyUrl: '',
        secret: '',
      },
    ]);
    const rules = validateDocument(doc).map((f) => `${f.ruleId} ${f.path}`);
    expect(rules).toContain('device-name.empty DevDetail/DNSComputerName');
    expect(rules.some((r) => r.startsWith('wifi.key-length'))).toBe(true);
    expect(rules.some((r) => r.startsWith('url.not-https'))).toBe(true);
    expect(readWifi(doc)?.ssid).toBe('');
    writeWifi(doc, null);
    expect(readWifi(doc)).toBeNull();
  });
});
