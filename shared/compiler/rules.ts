import { settingsGroupGuid } from './settings-group-guid';

/**
 * The settings-store facts the compiler needs, for the settings PPKG Studio supports: node kinds, value
 * types, enum display → number, Apply targets, AtomicRoot groups, RequiresReboot, asset serialization.
 *
 * Source: compile-rules.md §1.3, §2, §3 and wcd-settings.md Appendix A (Win11 22621
 * `Microsoft-Desktop-Provisioning.dat`, the store pinned by compile-rules.md §2.10). Every leaf carries the
 * evidence level of its compiled form: `observed` (seen byte for byte in a WCD-built package), `derived`
 * (store + ICD engine code, not seen for that setting), `inferred` (our own reading, unchecked).
 */

export type Evidence = 'observed' | 'derived' | 'inferred';

/** Store `Type`: 1 Bool, 2 Int (enums included), 3 Text, 4 Binary, 5 Asset. */
export type StoreValueType = 'bool' | 'int' | 'text' | 'binary' | 'asset';

/** Store `Serialization` of an asset (compile-rules.md §2.7). */
export type AssetSerialization =
  /** 0 Normal: the file is copied into DataAsset/2/<k>_<b64>/ and referenced by a Provisioning/Assets parm. */
  | 'file-copy'
  /** 1 WlanXml: the profile XML inline under WiFi/Profile/<SSID read from the profile>/WlanXml. */
  | 'wlan-xml'
  /** 2 Base64EncodedString: Base64 of the raw file bytes, datatype string (.pfx). */
  | 'base64-string'
  /** 3 CertificateHash: Base64 of the certificate DER; `@CertificateHash@` in the path = SHA-1 thumbprint. */
  | 'certificate-hash'
  /** 5 AssetXml: the XML file on one line, datatype string. */
  | 'asset-xml'
  /** 6 Base64EncodedBinary: Base64 of the raw file bytes, datatype binary. */
  | 'base64-binary';

/** Where the store's Apply key points. */
export type ApplyTarget =
  /** `Apply/Csp/Path` as stored, e.g. `./Vendor/MSFT/Accounts/Users/~UserName~/Password`. */
  | { kind: 'csp'; path: string }
  /** `Apply/Registry`: compiled under `MCSF/<instance path>` (compile-rules.md §2.3, OBSERVED on HideOobe). */
  | { kind: 'registry' };

export interface CompileRule {
  /** Manifest path of the leaf, store node names, no leading `/`: `Accounts/Users/User/UserGroup`. */
  path: string;
  type: StoreValueType;
  /** Enum display text → number (`Validation/Values/<n>/Display`). */
  enumValues?: ReadonlyArray<readonly [value: number, display: string]>;
  /** Apply target; null when the leaf has none and is folded into another unit (WLANXmlSettings/*). */
  target: ApplyTarget | null;
  /** `Apply/Csp/Context=1` puts the setting in User_RunTime (compile-rules.md §2.2). */
  context: 'device' | 'user';
  /** `Apply/Csp/Action`: 1 Add → `<parm>`, 2 Exec → `exec="1"`, 3 Delete → `<noparm>`. */
  action: 'add' | 'exec' | 'delete';
  /** Manifest path of the store `AtomicRoot` (no leading `/`), when the leaf is part of an atomic group. */
  atomicRoot?: string;
  /** The SettingsGroup GUID the leaf compiles under: uuid5 of AtomicRoot ?? its own path (§1.1). */
  settingsGroup: string;
  /** Store `RequiresReboot=1`: the group gets a `Provisioning/ForceSettingReload/<Name>` parm (§2.6). */
  requiresReboot: boolean;
  serialization?: AssetSerialization;
  /** Which store the top-level group belongs to: Common groups compile before Desktop-only ones (§2.1). */
  store: 'common' | 'desktop';
  evidence: Evidence;
}

// ---------------------------------------------------------------------------------------------------------
// Store tree

export interface StoreLeaf {
  kind: 'leaf';
  name: string;
  rule: CompileRule;
}
export interface StoreTree {
  kind: 'tree';
  name: string;
  /** Children in hive order (case-insensitive ordinal, as registry subkeys enumerate). */
  children: StoreNode[];
}
/** A keyed collection: `<Users><User UserName="x">`. */
export interface StoreMap {
  kind: 'map';
  name: string;
  /** Name of the key attribute on each item element (store value `Key`). */
  key: string;
  item: StoreTree | StoreLeaf;
  /** Every item of a map named WLANSetting is also compiled as one generated Wi-Fi profile (§2.1 step 3). */
  wlanProfileUnit?: true;
}
/** An (ordered) list: `<Command><CommandConfig>…</CommandConfig>…</Command>`; items are addressed by index. */
export interface StoreList {
  kind: 'list';
  name: string;
  item: StoreTree | StoreLeaf;
}
export type StoreNode = StoreLeaf | StoreTree | StoreMap | StoreList;

interface LeafSpec {
  type: StoreValueType;
  /** Store Apply/Csp/Path; omit together with `registry` for a leaf without Apply. */
  csp?: string;
  registry?: true;
  enumValues?: ReadonlyArray<readonly [number, string]>;
  context?: 'user';
  exec?: true;
  reboot?: true;
  serialization?: AssetSerialization;
  evidence: Evidence;
}

type Draft =
  | { kind: 'leaf'; name: string; spec: LeafSpec }
  | { kind: 'tree'; name: string; children: Draft[]; atomic?: true }
  | { kind: 'map'; name: string; key: string; item: Draft; wlan?: true }
  | { kind: 'list'; name: string; item: Draft };

const leaf = (name: string, spec: LeafSpec): Draft => ({ kind: 'leaf', name, spec });
const tree = (name: string, children: Draft[]): Draft => ({ kind: 'tree', name, children });
/** A tree whose own path is the store `AtomicRoot` of every leaf below it. */
const atomicTree = (name: string, children: Draft[]): Draft => ({
  kind: 'tree',
  name,
  children,
  atomic: true,
});
const map = (name: string, key: string, item: Draft): Draft => ({ kind: 'map', name, key, item });
const list = (name: string, item: Draft): Draft => ({ kind: 'list', name, item });

const NO_YES: ReadonlyArray<readonly [number, string]> = [
  [0, 'No'],
  [1, 'Yes'],
];
const ENABLE: ReadonlyArray<readonly [number, string]> = [[1, 'Enable']];

const text = (csp: string, evidence: Evidence, extra: Partial<LeafSpec> = {}): LeafSpec => ({
  type: 'text',
  csp,
  evidence,
  ...extra,
});

/** Policy CSP leaf: `./Vendor/MSFT/Policy/Config/<area>/<name>`. */
const policy = (area: string, name: string, spec: Omit<LeafSpec, 'csp'>): Draft =>
  leaf(name, {
    ...spec,
    csp: `./Vendor/MSFT/Policy${spec.context === 'user' ? '!scope=User' : ''}/Config/${area}/${name}`,
  });

const certificateCollection = (collection: string, item: string, storeName: string, file: string): Draft =>
  map(
    collection,
    'CertificateName',
    atomicTree(item, [
      leaf(file, {
        type: 'asset',
        serialization: 'certificate-hash',
        csp: `RootCATrustedCertificates!scope=Device/${storeName}/@CertificateHash@/EncodedCertificate`,
        evidence: 'derived',
      }),
    ]),
  );

const commandFileAsset = (evidence: Evidence): LeafSpec => ({
  type: 'asset',
  serialization: 'file-copy',
  // File-copy assets compile to Provisioning/Assets/{PackageID}/<asset key> (compile-rules.md §2.7), not to
  // a CSP path of their own; the store still gives them an Apply key, so they compile.
  csp: 'Provisioning/Assets',
  evidence,
});

const PC = './Vendor/MSFT/ProvisioningCommands';

/** Top-level groups, each block in hive order: Common store groups, then Desktop-only ones (§2.1). */
const COMMON_GROUPS: Draft[] = [
  tree('Accounts', [
    atomicTree('Azure', [
      leaf('Authority', text('./Vendor/MSFT/AADJ/Authority', 'observed')),
      leaf('BPRT', text('./Vendor/MSFT/AADJ/BPRT', 'observed')),
    ]),
    // Group root /Accounts/ComputerAccount since the 19041 store; /Accounts in 17134 (compile-rules.md §4).
    atomicTree('ComputerAccount', [
      leaf('Account', text('./Vendor/MSFT/Accounts/Domain/Account', 'derived')),
      leaf('AccountOU', text('./Vendor/MSFT/Accounts/Domain/AccountOU', 'derived')),
      leaf('ComputerName', text('./Vendor/MSFT/Accounts/Domain/ComputerName', 'observed', { reboot: true })),
      leaf('DomainName', text('./Vendor/MSFT/Accounts/Domain/DomainName', 'derived', { reboot: true })),
      leaf('Password', text('./Vendor/MSFT/Accounts/Domain/Password', 'derived')),
    ]),
    map(
      'Users',
      'UserName',
      atomicTree('User', [
        leaf('HomeDir', text('./Vendor/MSFT/Accounts/Users/~UserName~/HomeDir', 'derived')),
        leaf('Password', text('./Vendor/MSFT/Accounts/Users/~UserName~/Password', 'observed')),
        leaf('UserGroup', {
          type: 'int',
          csp: './Vendor/MSFT/Accounts/Users/~UserName~/LocalUserGroup',
          enumValues: [
            [1, 'Standard Users'],
            [2, 'Administrators'],
          ],
          evidence: 'observed',
        }),
      ]),
    ),
  ]),
  tree('Certificates', [
    certificateCollection('CACertificates', 'CACerificate', 'CA', 'CertificatePath'),
    map(
      'ClientCertificates',
      'CertificateName',
      atomicTree('ClientCertificate', [
        leaf('CertificatePassword', {
          type: 'text',
          csp: './Vendor/MSFT/ClientCertificateInstall!scope=Device/PFXCertInstall/~CertificateName~/PFXCertPassword',
          evidence: 'derived',
        }),
        leaf('CertificatePath', {
          type: 'asset',
          serialization: 'base64-string',
          csp: './Vendor/MSFT/ClientCertificateInstall!scope=Device/PFXCertInstall/~CertificateName~/PFXCertBlob',
          evidence: 'derived',
        }),
        leaf('ExportCertificate', {
          type: 'bool',
          csp: './Vendor/MSFT/ClientCertificateInstall!scope=Device/PFXCertInstall/~CertificateName~/PFXKeyExportable',
          evidence: 'derived',
        }),
        leaf('KeyLocation', {
          type: 'int',
          csp: './Vendor/MSFT/ClientCertificateInstall!scope=Device/PFXCertInstall/~CertificateName~/KeyLocation',
          enumValues: [
            [1, 'TPM only'],
            [2, 'TPM with software fallback'],
            [3, 'Software only'],
          ],
          evidence: 'derived',
        }),
      ]),
    ),
    certificateCollection('RootCertificates', 'RootCertificate', 'Root', 'CertificatePath'),
    certificateCollection('TrustedPeopleCertificates', 'Certificate', 'TrustedPeople', 'TrustedCertificate'),
    map(
      'TrustedProvisioners',
      'CertificateHash',
      atomicTree('Certificate', [
        leaf('TrustedProvisioner', {
          type: 'asset',
          serialization: 'base64-binary',
          csp: './Vendor/MSFT/Provisioning/TrustedProvisioners/~CertificateHash~',
          evidence: 'derived',
        }),
      ]),
    ),
  ]),
  tree('ConnectivityProfiles', [
    tree('WLAN', [
      list(
        'Profiles',
        leaf('Profile', {
          type: 'asset',
          serialization: 'wlan-xml',
          csp: './Vendor/MSFT/WiFi/Profile',
          evidence: 'derived',
        }),
      ),
      {
        kind: 'map',
        name: 'WLANSetting',
        key: 'SSID',
        wlan: true,
        item: atomicTree('WLANConfig', [
          leaf('ProxyServerPort', text('./Vendor/MSFT/WiFi/Profile/~SSID~/Proxy', 'inferred')),
          tree('WLANXmlSettings', [
            // No Apply target: these feed the generated profile of the WLANConfig unit (compile-rules.md §3.3).
            leaf('AutoConnect', { type: 'bool', evidence: 'derived' }),
            leaf('HiddenNetwork', { type: 'bool', evidence: 'derived' }),
            leaf('SecurityKey', { type: 'text', evidence: 'observed' }),
            leaf('SecurityType', { type: 'text', evidence: 'observed' }),
          ]),
        ]),
      },
    ]),
  ]),
  tree('EditionUpgrade', [
    leaf(
      'ChangeProductKey',
      text('./Vendor/MSFT/WindowsLicensing/ChangeProductKey', 'observed', { exec: true }),
    ),
    leaf('UpgradeEditionWithLicense', {
      type: 'asset',
      serialization: 'asset-xml',
      csp: './Vendor/MSFT/WindowsLicensing/UpgradeEditionWithLicense',
      exec: true,
      evidence: 'derived',
    }),
    leaf(
      'UpgradeEditionWithProductKey',
      text('./Vendor/MSFT/WindowsLicensing/UpgradeEditionWithProductKey', 'observed', {
        exec: true,
        reboot: true,
      }),
    ),
  ]),
  tree('Policies', [
    tree('ApplicationManagement', [
      policy('ApplicationManagement', 'AllowAllTrustedApps', {
        type: 'int',
        enumValues: NO_YES,
        evidence: 'observed',
      }),
    ]),
    tree('Experience', [
      // User scope as the 17134 store had it (OBSERVED in mosd's User_RunTime); not re-checked in 22621.
      policy('Experience', 'AllowWindowsConsumerFeatures', {
        type: 'int',
        enumValues: NO_YES,
        context: 'user',
        evidence: 'observed',
      }),
    ]),
    tree('Security', [
      policy('Security', 'RequireProvisioningPackageSignature', {
        type: 'int',
        enumValues: NO_YES,
        evidence: 'observed',
      }),
    ]),
  ]),
  tree('Workplace', [
    map(
      'Enrollments',
      'UPN',
      atomicTree('UPN', [
        leaf('AuthPolicy', {
          type: 'int',
          csp: './Vendor/MSFT/Provisioning/Enrollments/~UPN~/AuthPolicy',
          enumValues: [
            [0, 'OnPremise'],
            [2, 'Certificate'],
          ],
          evidence: 'derived',
        }),
        leaf(
          'DiscoveryServiceFullUrl',
          text('./Vendor/MSFT/Provisioning/Enrollments/~UPN~/DiscoveryServiceFullUrl', 'derived'),
        ),
        // The store's CSP leaf says "URL" here while the element says "Url": the parm keeps the CSP casing.
        leaf(
          'EnrollmentServiceFullUrl',
          text('./Vendor/MSFT/Provisioning/Enrollments/~UPN~/EnrollmentServiceFullURL', 'derived'),
        ),
        leaf(
          'PolicyServiceFullUrl',
          text('./Vendor/MSFT/Provisioning/Enrollments/~UPN~/PolicyServiceFullURL', 'derived'),
        ),
        leaf('Secret', text('./Vendor/MSFT/Provisioning/Enrollments/~UPN~/Secret', 'derived')),
      ]),
    ),
  ]),
];

const DESKTOP_GROUPS: Draft[] = [
  atomicTree('CleanPC', [
    leaf('CleanPCRetainingUserData', {
      type: 'int',
      csp: './Vendor/MSFT/CleanPC/CleanPCRetainingUserData',
      enumValues: ENABLE,
      exec: true,
      reboot: true,
      evidence: 'derived',
    }),
    leaf('CleanPCWithoutRetainingUserData', {
      type: 'int',
      csp: './Vendor/MSFT/CleanPC/CleanPCWithoutRetainingUserData',
      enumValues: ENABLE,
      exec: true,
      reboot: true,
      evidence: 'derived',
    }),
  ]),
  tree('DevDetail', [
    leaf('DNSComputerName', text('DevDetail/Ext/Microsoft/DNSComputerName', 'observed', { reboot: true })),
  ]),
  tree('OOBE', [
    tree('Desktop', [
      leaf('EnableCortanaVoice', { type: 'bool', registry: true, evidence: 'observed' }),
      leaf('HideOobe', { type: 'bool', registry: true, evidence: 'observed' }),
    ]),
  ]),
  tree('ProvisioningCommands', [
    tree('DeviceContext', [
      list('CommandFiles', leaf('CommandFile', commandFileAsset('observed'))),
      leaf('CommandLine', text(`${PC}/DeviceContext/$(__PackageID)/Default/CommandLine`, 'observed')),
    ]),
    tree('PrimaryContext', [
      list(
        'Command',
        tree('CommandConfig', [
          leaf('CommandFile', commandFileAsset('observed')),
          leaf('CommandLine', text(`${PC}/PrimaryContext/$(__PackageID)/~Command~/CommandLine`, 'observed')),
          leaf('ContinueInstall', {
            type: 'bool',
            csp: `${PC}/PrimaryContext/$(__PackageID)/~Command~/ContinueInstall`,
            evidence: 'observed',
          }),
          list('DependencyPackages', leaf('Dependency', commandFileAsset('derived'))),
          leaf('RestartRequired', {
            type: 'bool',
            csp: `${PC}/PrimaryContext/$(__PackageID)/~Command~/RestartRequired`,
            evidence: 'observed',
          }),
          leaf('ReturnCodeRestart', {
            type: 'int',
            csp: `${PC}/PrimaryContext/$(__PackageID)/~Command~/ReturnCodeRestart`,
            evidence: 'observed',
          }),
          leaf('ReturnCodeSuccess', {
            type: 'int',
            csp: `${PC}/PrimaryContext/$(__PackageID)/~Command~/ReturnCodeSuccess`,
            evidence: 'observed',
          }),
        ]),
      ),
    ]),
  ]),
  atomicTree('SharedPC', [
    // All SharedPC leaves compile flat under SharedPC/<leaf> into one file (compile-rules.md §3.3, DERIVED).
    // Enum display strings other than AccountModel "Domain-joined and guest" are not known: digits are accepted.
    tree('AccountManagement', [
      leaf('AccountModel', {
        type: 'int',
        csp: './Vendor/MSFT/SharedPC/AccountModel',
        enumValues: [[2, 'Domain-joined and guest']],
        evidence: 'derived',
      }),
      leaf('DeletionPolicy', {
        type: 'int',
        csp: './Vendor/MSFT/SharedPC/DeletionPolicy',
        evidence: 'inferred',
      }),
      leaf('DiskLevelCaching', {
        type: 'int',
        csp: './Vendor/MSFT/SharedPC/DiskLevelCaching',
        evidence: 'inferred',
      }),
      leaf('EnableAccountManager', {
        type: 'bool',
        csp: './Vendor/MSFT/SharedPC/EnableAccountManager',
        evidence: 'inferred',
      }),
    ]),
    leaf('EnableSharedPCMode', {
      type: 'bool',
      csp: './Vendor/MSFT/SharedPC/EnableSharedPCMode',
      evidence: 'derived',
    }),
    tree('PolicyCustomization', [
      leaf('SetEduPolicies', {
        type: 'bool',
        csp: './Vendor/MSFT/SharedPC/SetEduPolicies',
        evidence: 'derived',
      }),
      leaf('SetPowerPolicies', {
        type: 'bool',
        csp: './Vendor/MSFT/SharedPC/SetPowerPolicies',
        evidence: 'inferred',
      }),
      leaf('SignInOnResume', {
        type: 'bool',
        csp: './Vendor/MSFT/SharedPC/SignInOnResume',
        evidence: 'inferred',
      }),
    ]),
  ]),
];

/** Hive order: registry subkeys enumerate sorted case-insensitively (upper-cased ordinal comparison). */
export function compareHiveOrder(a: string, b: string): number {
  const upperA = a.toUpperCase();
  const upperB = b.toUpperCase();
  return upperA < upperB ? -1 : upperA > upperB ? 1 : 0;
}

const rulesByPath = new Map<string, CompileRule>();

function build(
  draft: Draft,
  parentPath: string,
  atomicRoot: string | undefined,
  store: 'common' | 'desktop',
): StoreNode {
  const path = parentPath ? `${parentPath}/${draft.name}` : draft.name;
  switch (draft.kind) {
    case 'leaf': {
      const spec = draft.spec;
      const target: ApplyTarget | null = spec.registry
        ? { kind: 'registry' }
        : spec.csp !== undefined
          ? { kind: 'csp', path: spec.csp }
          : null;
      const rule: CompileRule = {
        path,
        type: spec.type,
        target,
        context: spec.context ?? 'device',
        action: spec.exec ? 'exec' : 'add',
        settingsGroup: settingsGroupGuid(atomicRoot ?? path),
        requiresReboot: spec.reboot === true,
        store,
        evidence: spec.evidence,
      };
      if (spec.enumValues) rule.enumValues = spec.enumValues;
      if (atomicRoot !== undefined) rule.atomicRoot = atomicRoot;
      if (spec.serialization) rule.serialization = spec.serialization;
      rulesByPath.set(path, rule);
      return { kind: 'leaf', name: draft.name, rule };
    }
    case 'tree': {
      const root = atomicRoot ?? (draft.atomic ? path : undefined);
      const children = draft.children
        .map((child) => build(child, path, root, store))
        .sort((a, b) => compareHiveOrder(a.name, b.name));
      return { kind: 'tree', name: draft.name, children };
    }
    case 'map': {
      const item = build(draft.item, path, atomicRoot, store) as StoreTree | StoreLeaf;
      const node: StoreMap = { kind: 'map', name: draft.name, key: draft.key, item };
      if (draft.wlan) node.wlanProfileUnit = true;
      return node;
    }
    case 'list':
      return {
        kind: 'list',
        name: draft.name,
        item: build(draft.item, path, atomicRoot, store) as StoreTree | StoreLeaf,
      };
  }
}

/** Top-level groups of the Common store, hive order. */
export const COMMON_STORE_GROUPS: readonly StoreNode[] = COMMON_GROUPS.map((g) =>
  build(g, '', undefined, 'common'),
).sort((a, b) => compareHiveOrder(a.name, b.name));
/** Top-level groups only the Desktop store has, hive order. */
export const DESKTOP_STORE_GROUPS: readonly StoreNode[] = DESKTOP_GROUPS.map((g) =>
  build(g, '', undefined, 'desktop'),
).sort((a, b) => compareHiveOrder(a.name, b.name));

/** The SettingsGroup of the generated Wi-Fi profile unit of each WLANSetting item (OBSERVED, odmad). */
export const WLAN_PROFILE_GROUP_PATH = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig';

/**
 * The compile facts of a leaf setting, by manifest path (store node names, e.g.
 * `Accounts/Users/User/UserGroup`, `ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine`).
 * A leading `/` is accepted. Undefined for settings the compiler does not support.
 */
export function compileRuleFor(path: string): CompileRule | undefined {
  return rulesByPath.get(path.startsWith('/') ? path.slice(1) : path);
}

/** Every supported leaf, in no particular order. */
export function allCompileRules(): CompileRule[] {
  return [...rulesByPath.values()];
}

/** The store node at a manifest path (`Accounts/Users` → the map, `Accounts/Users/User` → its item tree). */
export function storeNodeAt(path: string): StoreNode | undefined {
  const segments = (path.startsWith('/') ? path.slice(1) : path).split('/');
  let candidates: readonly StoreNode[] = [...COMMON_STORE_GROUPS, ...DESKTOP_STORE_GROUPS];
  let found: StoreNode | undefined;
  for (const segment of segments) {
    found = candidates.find((node) => node.name === segment);
    if (!found) return undefined;
    if (found.kind === 'tree') candidates = found.children;
    else if (found.kind === 'map' || found.kind === 'list') candidates = [found.item];
    else candidates = [];
  }
  return found;
}
