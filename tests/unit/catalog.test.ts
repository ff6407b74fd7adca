import { describe, expect, it, vi } from 'vitest';
import {
  CATALOG,
  compareStoreOrder,
  findEnumValue,
  getCatalogChildren,
  getCatalogEntry,
  isSecretSetting,
} from '../../shared/catalog';
import { SETTINGS_TEXT } from '../../shared/locales';

describe('settings catalog', () => {
  it('lists siblings in store (case-insensitive hive) order, with order = position', () => {
    const parents = new Set(CATALOG.map((entry) => entry.parentPath));
    for (const parent of parents) {
      const children = getCatalogChildren(parent);
      const names = children.map((entry) => entry.name);
      expect([...names].sort(compareStoreOrder), parent).toEqual(names);
      expect(children.map((entry) => entry.order)).toEqual(children.map((_, index) => index));
    }
  });

  it('hive order is case-insensitive, unlike plain code-unit order', () => {
    expect(compareStoreOrder('OOBE', 'Personalization')).toBeLessThan(0);
    expect(compareStoreOrder('WLANSetting', 'Profiles')).toBeGreaterThan(0);
    expect(compareStoreOrder('HideOobe', 'hideoobe')).toBe(0);
  });

  it('has one entry per path and every parent exists', () => {
    const paths = CATALOG.map((entry) => entry.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const entry of CATALOG) {
      if (entry.parentPath) expect(getCatalogEntry(entry.parentPath), entry.path).toBeDefined();
    }
  });

  it('spells element names exactly as the WCD store does', () => {
    const items = (collection: string) => getCatalogChildren(collection).map((entry) => entry.name);
    expect(items('Certificates/CACertificates')).toEqual(['CACerificate']);
    expect(items('Certificates/TrustedPeopleCertificates')).toEqual(['Certificate']);
    expect(items('Certificates/TrustedPeopleCertificates/Certificate')).toEqual(['TrustedCertificate']);
    expect(getCatalogEntry('Certificates/TrustedProvisioners')?.kind).toEqual({
      kind: 'map',
      keyAttribute: 'CertificateHash',
      itemElement: 'Certificate',
    });
    expect(items('Workplace/Enrollments/UPN')).toEqual([
      'AuthPolicy',
      'DiscoveryServiceFullUrl',
      'EnrollmentServiceFullUrl',
      'PolicyServiceFullUrl',
      'Secret',
    ]);
    expect(getCatalogEntry('OOBE/Desktop/HideOobe')?.default).toBe('True');
    expect(items('ProvisioningCommands/PrimaryContext/Command/CommandConfig')).toEqual([
      'CommandFile',
      'CommandLine',
      'ContinueInstall',
      'DependencyPackages',
      'RestartRequired',
      'ReturnCodeRestart',
      'ReturnCodeSuccess',
    ]);
  });

  it('maps enum display text to the store numbers (and numbers back to text)', () => {
    const authPolicy = getCatalogEntry('Workplace/Enrollments/UPN/AuthPolicy');
    if (!authPolicy) throw new Error('missing AuthPolicy');
    expect(findEnumValue(authPolicy, 'Certificate')?.number).toBe(2);
    expect(findEnumValue(authPolicy, '0')?.text).toBe('OnPremise');
    expect(findEnumValue(authPolicy, '1')).toBeUndefined();
    const keyLocation = getCatalogEntry('Certificates/ClientCertificates/ClientCertificate/KeyLocation');
    if (!keyLocation) throw new Error('missing KeyLocation');
    expect(findEnumValue(keyLocation, 'Software only')?.number).toBe(3);
  });

  it('marks every password, token and key as secret, and nothing else that is obviously public', () => {
    const secrets = CATALOG.filter((entry) => entry.secret).map((entry) => entry.path);
    expect(secrets).toEqual([
      'Accounts/Azure/BPRT',
      'Accounts/ComputerAccount/Password',
      'Accounts/Users/User/Password',
      'Certificates/ClientCertificates/ClientCertificate/CertificatePassword',
      'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityKey',
      'EditionUpgrade/ChangeProductKey',
      'EditionUpgrade/UpgradeEditionWithProductKey',
      'Workplace/Enrollments/UPN/Secret',
    ]);
    expect(isSecretSetting('Accounts/ComputerAccount/ComputerName')).toBe(false);
  });

  it('puts desktop-only groups in the desktop store (docs/format/wcd-settings.md §1.5)', () => {
    const store = (path: string) => getCatalogEntry(path)?.store;
    expect(store('Accounts/Azure')).toBe('common');
    expect(store('Accounts/Users/User/Password')).toBe('desktop');
    expect(store('Accounts/ComputerAccount/ComputerName')).toBe('desktop');
    for (const group of ['OOBE', 'ProvisioningCommands', 'DevDetail', 'SharedPC', 'CleanPC']) {
      expect(store(group)).toBe('desktop');
    }
    for (const group of ['Certificates', 'ConnectivityProfiles', 'EditionUpgrade', 'Policies', 'Workplace']) {
      expect(store(group)).toBe('common');
    }
  });

  it('links leaves (and only leaves) to compile facts by path', () => {
    for (const entry of CATALOG) {
      const container = ['tree', 'map', 'list', 'item'].includes(entry.kind.kind);
      expect(entry.compileFactsPath, entry.path).toBe(container ? undefined : entry.path);
    }
  });

  it.each(['en', 'es'] as const)(
    'has %s label and help text for every entry, and no stray keys',
    (language) => {
      const texts = SETTINGS_TEXT[language];
      for (const entry of CATALOG) {
        expect(texts[entry.path]?.label, entry.path).toBeTruthy();
        expect(texts[entry.path]?.help, entry.path).toBeTruthy();
      }
      expect(Object.keys(texts).sort()).toEqual(CATALOG.map((entry) => entry.path).sort());
    },
  );

  it('Spanish differs from English (it is translated, not copied)', () => {
    const same = CATALOG.filter(
      (entry) => SETTINGS_TEXT.es[entry.path]?.help === SETTINGS_TEXT.en[entry.path]?.help,
    );
    expect(same.map((entry) => entry.path)).toEqual([]);
  });
});

describe('lazily built catalog entries', () => {
  it('gives the same entry, with the same order, by path, as a child and in the full list', async () => {
    vi.resetModules();
    const fresh = await import('../../shared/catalog');
    // Looked up by path first (the CLI build's case): only that sibling group is built.
    const byPath = fresh.getCatalogEntry('Workplace/Enrollments/UPN/Secret');
    expect(byPath?.secret).toBe(true);
    const siblings = fresh.getCatalogChildren('Workplace/Enrollments/UPN');
    expect(siblings).toContain(byPath);
    expect(siblings.map((entry) => entry.order)).toEqual(siblings.map((_, index) => index));
    const all = fresh.allCatalogEntries();
    expect(all).toContain(byPath);
    // Groups are built from parent paths, so a hand-written entry must sit under the parent its path names.
    for (const entry of CATALOG) expect(entry.parentPath).toBe(fresh.parentPathOf(entry.path));
    expect(all.length).toBeGreaterThan(1900);
    for (const entry of all) {
      expect(fresh.getCatalogEntry(entry.path)).toBe(entry);
      expect(fresh.getCatalogChildren(entry.parentPath)[entry.order]).toBe(entry);
    }
  });
});

describe('secret manifest paths (redaction without the store facts)', () => {
  it('are exactly the secret entries of the built-in catalog', async () => {
    const { SECRET_MANIFEST_PATHS } = await import('../../shared/catalog/secret-paths');
    const { allCatalogEntries } = await import('../../shared/catalog');
    const secretEntries = allCatalogEntries()
      .filter((entry) => entry.secret)
      .map((entry) => entry.path);
    expect([...SECRET_MANIFEST_PATHS].sort()).toEqual(secretEntries.sort());
  });
});
