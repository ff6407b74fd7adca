import type { CatalogEntry, EnumValue, Evidence, SettingKind, StoreMembership, WizardPage } from './types';

/**
 * The settings PPKG Studio edits, as a tree in store order. Facts and evidence come from docs/format/wcd-settings.md
 * (§2 and Appendix A, the Win11 22621 Desktop store) and docs/format/compile-rules.md; `observed` = seen in a file WCD
 * wrote, `derived` = read from the WCD store, `inferred` = our own guess (e.g. SharedPC display strings).
 */

interface Options {
  default?: string;
  required?: boolean;
  secret?: boolean;
  requiredWhen?: { sibling: string; values: string[] };
  store?: StoreMembership;
  evidence?: Evidence;
  wizardPage?: WizardPage;
}

interface Definition {
  name: string;
  kind: SettingKind;
  options: Options;
  children: Definition[];
}

const node = (
  name: string,
  kind: SettingKind,
  options: Options = {},
  children: Definition[] = [],
): Definition => ({
  name,
  kind,
  options,
  children,
});
const tree = (name: string, options: Options, children: Definition[]): Definition =>
  node(name, { kind: 'tree' }, options, children);
const text = (
  name: string,
  options: Options = {},
  format?: Extract<SettingKind, { kind: 'text' }>['format'],
) => node(name, format ? { kind: 'text', format } : { kind: 'text' }, options);
const bool = (name: string, options: Options = {}) => node(name, { kind: 'boolean' }, options);
const integer = (name: string, options: Options = {}, min?: number, max?: number) =>
  node(
    name,
    { kind: 'integer', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
    options,
  );
const choice = (name: string, values: EnumValue[], options: Options = {}) =>
  node(name, { kind: 'enum', values }, options);
const asset = (name: string, extensions: string[], options: Options = {}) =>
  node(name, { kind: 'asset', extensions }, options);
/** A keyed collection and its item element with the item's settings. */
const map = (
  name: string,
  keyAttribute: string,
  itemElement: string,
  options: Options,
  children: Definition[],
) =>
  node(name, { kind: 'map', keyAttribute, itemElement }, options, [
    node(itemElement, { kind: 'item' }, { evidence: options.evidence }, children),
  ]);
/** A list whose items are `itemElement Name="…"`, either files (assets) or trees of settings. */
const list = (name: string, itemElement: string, ordered: boolean, options: Options, item: Definition) =>
  node(name, { kind: 'list', itemElement, ordered }, options, [item]);

const YES_NO: EnumValue[] = [
  { text: 'No', number: 0 },
  { text: 'Yes', number: 1 },
];
const ENABLE: EnumValue[] = [{ text: 'Enable', number: 1 }];
const CER = ['.cer'];

const DEFINITIONS: Definition[] = [
  tree('Accounts', { store: 'common', evidence: 'observed' }, [
    tree('Azure', { store: 'common', evidence: 'observed', wizardPage: 'accounts' }, [
      text('Authority', { evidence: 'observed' }, 'url'),
      text('BPRT', { evidence: 'observed', secret: true }),
    ]),
    tree('ComputerAccount', { store: 'desktop', evidence: 'observed' }, [
      text('Account', { evidence: 'derived', wizardPage: 'accounts' }),
      text('AccountOU', { evidence: 'derived' }),
      text('ComputerName', { evidence: 'observed', wizardPage: 'device' }, 'device-name'),
      text('DomainName', { evidence: 'derived', wizardPage: 'accounts' }),
      text('Password', { evidence: 'derived', secret: true, wizardPage: 'accounts' }),
    ]),
    map('Users', 'UserName', 'User', { store: 'desktop', evidence: 'observed', wizardPage: 'accounts' }, [
      text('HomeDir', { evidence: 'derived' }),
      text('Password', { evidence: 'observed', required: true, secret: true }),
      choice(
        'UserGroup',
        [
          { text: 'Standard Users', number: 1 },
          { text: 'Administrators', number: 2 },
        ],
        { evidence: 'observed', default: 'Standard Users' },
      ),
    ]),
  ]),
  tree('Certificates', { store: 'common', evidence: 'derived', wizardPage: 'certificates' }, [
    // `CACerificate` (sic): the store's own spelling, in the 2019 and 22621 stores alike.
    map('CACertificates', 'CertificateName', 'CACerificate', { evidence: 'derived' }, [
      asset('CertificatePath', CER, { evidence: 'derived', required: true }),
    ]),
    map('ClientCertificates', 'CertificateName', 'ClientCertificate', { evidence: 'derived' }, [
      text('CertificatePassword', { evidence: 'derived', required: true, secret: true }),
      asset('CertificatePath', ['.pfx'], { evidence: 'derived', required: true }),
      bool('ExportCertificate', { evidence: 'derived' }),
      choice(
        'KeyLocation',
        [
          { text: 'TPM only', number: 1 },
          { text: 'TPM with software fallback', number: 2 },
          { text: 'Software only', number: 3 },
        ],
        { evidence: 'derived', required: true, default: 'TPM only' },
      ),
    ]),
    map('RootCertificates', 'CertificateName', 'RootCertificate', { evidence: 'derived' }, [
      asset('CertificatePath', CER, { evidence: 'derived', required: true }),
    ]),
    map('TrustedPeopleCertificates', 'CertificateName', 'Certificate', { evidence: 'derived' }, [
      asset('TrustedCertificate', CER, { evidence: 'derived', required: true }),
    ]),
    map('TrustedProvisioners', 'CertificateHash', 'Certificate', { evidence: 'derived' }, [
      asset('TrustedProvisioner', CER, { evidence: 'derived', required: true }),
    ]),
  ]),
  tree('CleanPC', { store: 'desktop', evidence: 'derived' }, [
    choice('CleanPCRetainingUserData', ENABLE, { evidence: 'derived' }),
    choice('CleanPCWithoutRetainingUserData', ENABLE, { evidence: 'derived', wizardPage: 'device' }),
  ]),
  tree('ConnectivityProfiles', { store: 'common', evidence: 'observed' }, [
    tree('WLAN', { evidence: 'observed' }, [
      list(
        'Profiles',
        'Profile',
        false,
        { evidence: 'derived' },
        asset('Profile', ['.xml'], { evidence: 'derived' }),
      ),
      map('WLANSetting', 'SSID', 'WLANConfig', { evidence: 'observed', wizardPage: 'network' }, [
        text('ProxyServerPort', { evidence: 'derived' }),
        tree('WLANXmlSettings', { evidence: 'observed', required: true }, [
          bool('AutoConnect', { evidence: 'inferred', default: 'True' }),
          bool('HiddenNetwork', { evidence: 'inferred', default: 'False' }),
          text('SecurityKey', {
            evidence: 'observed',
            secret: true,
            requiredWhen: { sibling: 'SecurityType', values: ['WEP', 'WPA2-Personal'] },
          }),
          choice('SecurityType', [{ text: 'Open' }, { text: 'WEP' }, { text: 'WPA2-Personal' }], {
            evidence: 'observed',
            required: true,
          }),
        ]),
      ]),
    ]),
  ]),
  tree('DevDetail', { store: 'desktop', evidence: 'observed' }, [
    text('DNSComputerName', { evidence: 'observed', wizardPage: 'device' }, 'device-name'),
  ]),
  tree('EditionUpgrade', { store: 'common', evidence: 'observed' }, [
    // Product keys are licences: masked in the UI and in saved projects like every other secret.
    text('ChangeProductKey', { evidence: 'observed', secret: true }, 'product-key'),
    asset('UpgradeEditionWithLicense', ['.xml'], { evidence: 'derived' }),
    text(
      'UpgradeEditionWithProductKey',
      { evidence: 'observed', wizardPage: 'device', secret: true },
      'product-key',
    ),
  ]),
  tree('OOBE', { store: 'desktop', evidence: 'observed' }, [
    tree('Desktop', { evidence: 'observed' }, [
      bool('EnableCortanaVoice', { evidence: 'observed', default: 'False' }),
      // The wizard's internal path says HideOOBE, the XML element is HideOobe.
      bool('HideOobe', { evidence: 'observed', default: 'True', wizardPage: 'device' }),
    ]),
  ]),
  tree('Policies', { store: 'common', evidence: 'observed' }, [
    tree('ApplicationManagement', { evidence: 'observed' }, [
      choice('AllowAllTrustedApps', YES_NO, {
        evidence: 'observed',
        default: 'No',
        wizardPage: 'applications',
      }),
    ]),
    tree('Experience', { evidence: 'observed' }, [
      // Compiles to User_RunTime (user scope) in the fixture built by WCD 17134.
      choice('AllowWindowsConsumerFeatures', YES_NO, { evidence: 'observed' }),
    ]),
    tree('Security', { evidence: 'observed' }, [
      choice('RequireProvisioningPackageSignature', YES_NO, { evidence: 'observed' }),
    ]),
  ]),
  tree('ProvisioningCommands', { store: 'desktop', evidence: 'observed' }, [
    tree('DeviceContext', { evidence: 'observed' }, [
      list(
        'CommandFiles',
        'CommandFile',
        false,
        { evidence: 'observed' },
        asset('CommandFile', [], { evidence: 'observed' }),
      ),
      text('CommandLine', { evidence: 'observed' }),
    ]),
    tree('PrimaryContext', { evidence: 'observed' }, [
      list(
        'Command',
        'CommandConfig',
        true,
        { evidence: 'observed', wizardPage: 'applications' },
        node('CommandConfig', { kind: 'item' }, { evidence: 'observed' }, [
          asset('CommandFile', [], { evidence: 'observed' }),
          text('CommandLine', { evidence: 'observed', required: true }),
          bool('ContinueInstall', { evidence: 'observed', default: 'False' }),
          list(
            'DependencyPackages',
            'Dependency',
            false,
            { evidence: 'derived' },
            asset('Dependency', [], { evidence: 'derived' }),
          ),
          bool('RestartRequired', { evidence: 'observed', default: 'False' }),
          integer('ReturnCodeRestart', { evidence: 'observed', default: '3010' }),
          integer('ReturnCodeSuccess', { evidence: 'observed', default: '0' }),
        ]),
      ),
    ]),
  ]),
  tree('SharedPC', { store: 'desktop', evidence: 'derived', wizardPage: 'device' }, [
    tree('AccountManagement', { evidence: 'derived' }, [
      // Only "Domain-joined and guest" (2) is known as WCD display text (wizard answers); the SharedPC CSP's
      // other numbers have no known text, so they are written as digits (as the compiler accepts them).
      node(
        'AccountModel',
        { kind: 'enum', values: [{ text: 'Domain-joined and guest', number: 2 }], digitsAllowed: true },
        { evidence: 'inferred' },
      ),
      // Display strings unknown: written as the CSP number (the wizard's answer is 2).
      integer('DeletionPolicy', { evidence: 'inferred' }, 0, 2),
      integer('DiskLevelCaching', { evidence: 'inferred' }, 0, 100),
      bool('EnableAccountManager', { evidence: 'inferred' }),
    ]),
    bool('EnableSharedPCMode', { evidence: 'derived', default: 'False' }),
    tree('PolicyCustomization', { evidence: 'derived' }, [
      bool('SetEduPolicies', { evidence: 'inferred' }),
      bool('SetPowerPolicies', { evidence: 'inferred' }),
      bool('SignInOnResume', { evidence: 'inferred' }),
    ]),
  ]),
  tree('Workplace', { store: 'common', evidence: 'derived' }, [
    map('Enrollments', 'UPN', 'UPN', { evidence: 'derived' }, [
      choice(
        'AuthPolicy',
        [
          { text: 'OnPremise', number: 0 },
          // 2, not 1: the store's own number for Certificate.
          { text: 'Certificate', number: 2 },
        ],
        { evidence: 'derived' },
      ),
      text('DiscoveryServiceFullUrl', { evidence: 'derived' }, 'url'),
      text('EnrollmentServiceFullUrl', { evidence: 'derived' }, 'url'),
      text('PolicyServiceFullUrl', { evidence: 'derived' }, 'url'),
      text('Secret', { evidence: 'derived', secret: true }),
    ]),
  ]),
];

function flatten(
  definitions: Definition[],
  parentPath: string,
  inherited: { store: StoreMembership; evidence: Evidence },
  out: CatalogEntry[],
): void {
  definitions.forEach((definition, order) => {
    const path = parentPath ? `${parentPath}/${definition.name}` : definition.name;
    const { options, kind } = definition;
    const store = options.store ?? inherited.store;
    const evidence = options.evidence ?? inherited.evidence;
    const compiles =
      kind.kind !== 'tree' && kind.kind !== 'map' && kind.kind !== 'list' && kind.kind !== 'item';
    const entry: CatalogEntry = {
      path,
      parentPath,
      name: definition.name,
      kind,
      required: options.required ?? false,
      secret: options.secret ?? false,
      store,
      order,
      labelKey: `${path}.label`,
      helpKey: `${path}.help`,
      evidence,
    };
    if (options.default !== undefined) entry.default = options.default;
    if (options.requiredWhen) entry.requiredWhen = options.requiredWhen;
    if (compiles) entry.compileFactsPath = path;
    if (options.wizardPage) entry.wizardPage = options.wizardPage;
    out.push(entry);
    flatten(definition.children, path, { store, evidence }, out);
  });
}

function build(): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  flatten(DEFINITIONS, '', { store: 'common', evidence: 'derived' }, entries);
  return entries;
}

/** Every catalog entry, parents before children, siblings in store order. */
export const CATALOG: readonly CatalogEntry[] = Object.freeze(build());
