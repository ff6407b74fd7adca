import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import {
  appendListItem,
  getSetting,
  hasSetting,
  listItemKeys,
  removeSetting,
  setSetting,
} from '../../../shared/model/settings-edit';

/**
 * The wizard's pages as reads and writes of the CustomizationsDocument (docs/format/wcd-settings.md §2.11). Each page
 * reads its form from the document and writes a whole form back through setSetting, so the document stays
 * the single source of truth and the XML follows it. Pure: no React, no IPC.
 */

const textOf = (doc: CustomizationsDocument, path: string, key?: string | number | (string | number)[]) =>
  getSetting(doc, path, key) ?? '';
const isTrue = (text: string | undefined) => text?.toLowerCase() === 'true';

/** Sets a text setting, or removes it when empty (WCD writes only settings that are set). */
function setOrRemove(
  doc: CustomizationsDocument,
  path: string,
  value: string,
  key?: string | number | (string | number)[],
) {
  if (value === '') removeSetting(doc, path, key);
  else setSetting(doc, path, value, key);
}

// ---- Device (§2.1, §2.10) ----

export const DEVICE_NAME_PATHS = {
  /** Windows 10 2004 and later (newer WCD wizards) [DOC+INF]. */
  dnsComputerName: 'DevDetail/DNSComputerName',
  /** Older Windows; what WCD 17134/19041 wizards wrote [REAL]. */
  computerName: 'Accounts/ComputerAccount/ComputerName',
} as const;
export type DeviceNameTarget = keyof typeof DEVICE_NAME_PATHS;

export interface DeviceForm {
  deviceName: string;
  target: DeviceNameTarget;
  productKey: string;
  sharedUse: boolean;
  removePreinstalled: boolean;
}

export function readDevice(doc: CustomizationsDocument): DeviceForm {
  const target: DeviceNameTarget = hasSetting(doc, DEVICE_NAME_PATHS.computerName)
    ? 'computerName'
    : 'dnsComputerName';
  return {
    deviceName: textOf(doc, DEVICE_NAME_PATHS[target]),
    target,
    productKey: textOf(doc, 'EditionUpgrade/UpgradeEditionWithProductKey'),
    sharedUse: isTrue(getSetting(doc, 'SharedPC/EnableSharedPCMode')),
    removePreinstalled: hasSetting(doc, 'CleanPC/CleanPCWithoutRetainingUserData'),
  };
}

export function writeDevice(doc: CustomizationsDocument, form: DeviceForm): void {
  removeSetting(doc, DEVICE_NAME_PATHS.dnsComputerName);
  removeSetting(doc, DEVICE_NAME_PATHS.computerName);
  setSetting(doc, DEVICE_NAME_PATHS[form.target], form.deviceName);
  setOrRemove(doc, 'EditionUpgrade/UpgradeEditionWithProductKey', form.productKey.trim());
  removeSetting(doc, 'SharedPC');
  if (form.sharedUse) {
    // The answers WCD's wizard stores for "shared use = Yes" (§2.10 [REAL TemplateState]; XML form INF).
    setSetting(doc, 'SharedPC/AccountManagement/AccountModel', 'Domain-joined and guest');
    setSetting(doc, 'SharedPC/AccountManagement/DeletionPolicy', 2);
    setSetting(doc, 'SharedPC/AccountManagement/DiskLevelCaching', 50);
    setSetting(doc, 'SharedPC/AccountManagement/EnableAccountManager', true);
    setSetting(doc, 'SharedPC/EnableSharedPCMode', true);
    setSetting(doc, 'SharedPC/PolicyCustomization/SetEduPolicies', true);
    setSetting(doc, 'SharedPC/PolicyCustomization/SetPowerPolicies', true);
    setSetting(doc, 'SharedPC/PolicyCustomization/SignInOnResume', true);
  }
  if (form.removePreinstalled) setSetting(doc, 'CleanPC/CleanPCWithoutRetainingUserData', 'Enable');
  else removeSetting(doc, 'CleanPC/CleanPCWithoutRetainingUserData');
}

// ---- Network (§2.5) ----

export const WLAN_COLLECTION = 'ConnectivityProfiles/WLAN/WLANSetting';
const WLAN_SETTINGS = `${WLAN_COLLECTION}/WLANConfig/WLANXmlSettings`;
export type WifiSecurity = 'Open' | 'WEP' | 'WPA2-Personal';

export interface WifiForm {
  ssid: string;
  securityType: WifiSecurity;
  key: string;
  hidden: boolean;
  autoConnect: boolean;
}

export function readWifi(doc: CustomizationsDocument): WifiForm | null {
  if (!hasSetting(doc, WLAN_COLLECTION)) return null;
  const ssid = listItemKeys(doc, WLAN_COLLECTION)[0] ?? '';
  const type = textOf(doc, `${WLAN_SETTINGS}/SecurityType`, ssid);
  return {
    ssid,
    securityType: type === 'Open' || type === 'WEP' ? type : 'WPA2-Personal',
    key: textOf(doc, `${WLAN_SETTINGS}/SecurityKey`, ssid),
    hidden: isTrue(getSetting(doc, `${WLAN_SETTINGS}/HiddenNetwork`, ssid)),
    autoConnect:
      getSetting(doc, `${WLAN_SETTINGS}/AutoConnect`, ssid) === undefined ||
      isTrue(getSetting(doc, `${WLAN_SETTINGS}/AutoConnect`, ssid)),
  };
}

export function writeWifi(doc: CustomizationsDocument, form: WifiForm | null): void {
  removeSetting(doc, 'ConnectivityProfiles/WLAN/WLANSetting');
  if (!form) return;
  const ssid = form.ssid;
  setSetting(doc, `${WLAN_SETTINGS}/AutoConnect`, form.autoConnect, ssid);
  setSetting(doc, `${WLAN_SETTINGS}/HiddenNetwork`, form.hidden, ssid);
  // An open network carries no key (WCD leaves the field out).
  if (form.securityType !== 'Open') setSetting(doc, `${WLAN_SETTINGS}/SecurityKey`, form.key, ssid);
  setSetting(doc, `${WLAN_SETTINGS}/SecurityType`, form.securityType, ssid);
}

export function wifiItemPath(ssid: string): string {
  return `${WLAN_COLLECTION}/WLANConfig[${ssid}]`;
}

// ---- Accounts (§2.2–2.4) ----

export type AccountMode = 'none' | 'local' | 'domain' | 'entra';

export interface AccountsForm {
  mode: AccountMode;
  userName: string;
  password: string;
  group: 'Administrators' | 'Standard Users';
  domain: string;
  joinAccount: string;
  joinPassword: string;
  organizationalUnit: string;
  bulkToken: string;
  authority: string;
}

export const USERS_COLLECTION = 'Accounts/Users';
const JOIN = 'Accounts/ComputerAccount';

export function readAccounts(doc: CustomizationsDocument, preferredMode: AccountMode): AccountsForm {
  const userName = hasSetting(doc, USERS_COLLECTION) ? (listItemKeys(doc, USERS_COLLECTION)[0] ?? '') : '';
  const hasLocal = hasSetting(doc, USERS_COLLECTION);
  const hasDomain = hasSetting(doc, `${JOIN}/DomainName`) || hasSetting(doc, `${JOIN}/Account`);
  const hasEntra = hasSetting(doc, 'Accounts/Azure');
  const mode: AccountMode = hasLocal ? 'local' : hasDomain ? 'domain' : hasEntra ? 'entra' : preferredMode;
  const group = getSetting(doc, `${USERS_COLLECTION}/User/UserGroup`, hasLocal ? userName : undefined);
  return {
    mode,
    userName,
    password: hasLocal ? textOf(doc, `${USERS_COLLECTION}/User/Password`, userName) : '',
    group: group === 'Standard Users' ? 'Standard Users' : 'Administrators',
    domain: textOf(doc, `${JOIN}/DomainName`),
    joinAccount: textOf(doc, `${JOIN}/Account`),
    joinPassword: textOf(doc, `${JOIN}/Password`),
    organizationalUnit: textOf(doc, `${JOIN}/AccountOU`),
    bulkToken: textOf(doc, 'Accounts/Azure/BPRT'),
    authority: textOf(doc, 'Accounts/Azure/Authority'),
  };
}

export function writeAccounts(doc: CustomizationsDocument, form: AccountsForm): void {
  removeSetting(doc, USERS_COLLECTION);
  removeSetting(doc, 'Accounts/Azure');
  for (const leaf of ['Account', 'AccountOU', 'DomainName', 'Password'])
    removeSetting(doc, `${JOIN}/${leaf}`);
  switch (form.mode) {
    case 'local':
      setSetting(doc, `${USERS_COLLECTION}/User/Password`, form.password, form.userName);
      setSetting(doc, `${USERS_COLLECTION}/User/UserGroup`, form.group, form.userName);
      break;
    case 'domain':
      setSetting(doc, `${JOIN}/Account`, form.joinAccount);
      setOrRemove(doc, `${JOIN}/AccountOU`, form.organizationalUnit);
      setSetting(doc, `${JOIN}/DomainName`, form.domain);
      setSetting(doc, `${JOIN}/Password`, form.joinPassword);
      break;
    case 'entra':
      setSetting(doc, 'Accounts/Azure/Authority', form.authority);
      setSetting(doc, 'Accounts/Azure/BPRT', form.bulkToken);
      break;
    case 'none':
      break;
  }
}

// ---- Applications (§2.7) ----

export const COMMANDS = 'ProvisioningCommands/PrimaryContext/Command';
const COMMAND = `${COMMANDS}/CommandConfig`;

export interface AppForm {
  name: string;
  file: string;
  commandLine: string;
  continueInstall: boolean;
  restartRequired: boolean;
  returnCodeSuccess: string;
  returnCodeRestart: string;
  dependencies: string[];
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** WCD's generated command line per installer type; it lower-cases the file name (§2.7 [REAL]). */
export function defaultCommandLine(path: string): string {
  const name = fileName(path).toLowerCase();
  const extension = name.slice(name.lastIndexOf('.'));
  switch (extension) {
    case '.msi':
      return `msiexec /i "${name}" /qn`;
    case '.ps1':
      return `powershell -ExecutionPolicy Bypass -File "${name}"`;
    case '.cab':
      return `cmd /c expand "${name}" -F:* .`;
    default:
      return `cmd /c "${name}"`;
  }
}

export function newApp(path: string): AppForm {
  const base = fileName(path);
  const dot = base.lastIndexOf('.');
  return {
    name: dot > 0 ? base.slice(0, dot) : base,
    file: path,
    commandLine: defaultCommandLine(path),
    continueInstall: false,
    restartRequired: false,
    returnCodeSuccess: '0',
    returnCodeRestart: '3010',
    dependencies: [],
  };
}

export function readApps(doc: CustomizationsDocument): AppForm[] {
  if (!hasSetting(doc, COMMANDS)) return [];
  return listItemKeys(doc, COMMANDS).map((name, index) => {
    const dependencies = hasSetting(doc, `${COMMAND}/DependencyPackages`, index)
      ? listItemKeys(doc, `${COMMAND}/DependencyPackages`, index).map(
          (_dependency, dependencyIndex) =>
            getSetting(doc, `${COMMAND}/DependencyPackages/Dependency`, [index, dependencyIndex]) ?? '',
        )
      : [];
    return {
      name,
      file: textOf(doc, `${COMMAND}/CommandFile`, index),
      commandLine: textOf(doc, `${COMMAND}/CommandLine`, index),
      continueInstall: isTrue(getSetting(doc, `${COMMAND}/ContinueInstall`, index)),
      restartRequired: isTrue(getSetting(doc, `${COMMAND}/RestartRequired`, index)),
      returnCodeSuccess: textOf(doc, `${COMMAND}/ReturnCodeSuccess`, index),
      returnCodeRestart: textOf(doc, `${COMMAND}/ReturnCodeRestart`, index),
      dependencies,
    };
  });
}

export function writeApps(doc: CustomizationsDocument, apps: readonly AppForm[]): void {
  removeSetting(doc, 'ProvisioningCommands/PrimaryContext');
  apps.forEach((app, index) => {
    appendListItem(doc, COMMAND, undefined, { name: app.name });
    setSetting(doc, `${COMMAND}/CommandFile`, app.file, index);
    setSetting(doc, `${COMMAND}/CommandLine`, app.commandLine, index);
    setSetting(doc, `${COMMAND}/ContinueInstall`, app.continueInstall, index);
    for (const dependency of app.dependencies) {
      appendListItem(doc, `${COMMAND}/DependencyPackages/Dependency`, dependency, { key: index });
    }
    setSetting(doc, `${COMMAND}/RestartRequired`, app.restartRequired, index);
    // Return codes may be space-separated lists (§2.7 [DOC]); the catalog types them as integers, so
    // only a single number is written as such and validation reports anything else.
    setSetting(doc, `${COMMAND}/ReturnCodeRestart`, app.returnCodeRestart.trim() || '3010', index);
    setSetting(doc, `${COMMAND}/ReturnCodeSuccess`, app.returnCodeSuccess.trim() || '0', index);
  });
  // WCD's wizard writes this with apps (§2.10 [REAL goatpackage]).
  if (apps.length > 0) setSetting(doc, 'Policies/ApplicationManagement/AllowAllTrustedApps', 'Yes');
  else removeSetting(doc, 'Policies/ApplicationManagement/AllowAllTrustedApps');
}

// ---- Certificates (§2.8) ----

export type CertificateStore = 'root' | 'ca' | 'client' | 'trustedPeople' | 'trustedProvisioner';

/** Collection, item element and file setting per store; item names are not uniform (copy exactly). */
export const CERTIFICATE_STORES: Record<
  CertificateStore,
  { collection: string; item: string; file: string }
> = {
  root: { collection: 'Certificates/RootCertificates', item: 'RootCertificate', file: 'CertificatePath' },
  ca: { collection: 'Certificates/CACertificates', item: 'CACerificate', file: 'CertificatePath' },
  client: {
    collection: 'Certificates/ClientCertificates',
    item: 'ClientCertificate',
    file: 'CertificatePath',
  },
  trustedPeople: {
    collection: 'Certificates/TrustedPeopleCertificates',
    item: 'Certificate',
    file: 'TrustedCertificate',
  },
  trustedProvisioner: {
    collection: 'Certificates/TrustedProvisioners',
    item: 'Certificate',
    file: 'TrustedProvisioner',
  },
};
export const certificateStores = Object.keys(CERTIFICATE_STORES) as CertificateStore[];

export type KeyLocation = 'TPM only' | 'TPM with software fallback' | 'Software only';

export interface CertificateForm {
  store: CertificateStore;
  /** CertificateName, or the SHA-1 thumbprint for trusted provisioners (their key is CertificateHash). */
  name: string;
  file: string;
  password: string;
  keyLocation: KeyLocation;
  exportable: boolean;
}

export function readCertificates(doc: CustomizationsDocument): CertificateForm[] {
  const forms: CertificateForm[] = [];
  for (const store of certificateStores) {
    const { collection, item, file } = CERTIFICATE_STORES[store];
    if (!hasSetting(doc, collection)) continue;
    for (const name of listItemKeys(doc, collection)) {
      const isClient = store === 'client';
      const location = isClient ? getSetting(doc, `${collection}/${item}/KeyLocation`, name) : undefined;
      forms.push({
        store,
        name,
        file: textOf(doc, `${collection}/${item}/${file}`, name),
        password: isClient ? textOf(doc, `${collection}/${item}/CertificatePassword`, name) : '',
        keyLocation:
          location === 'TPM with software fallback' || location === 'Software only' ? location : 'TPM only',
        exportable: isClient && isTrue(getSetting(doc, `${collection}/${item}/ExportCertificate`, name)),
      });
    }
  }
  return forms;
}

export function writeCertificates(
  doc: CustomizationsDocument,
  certificates: readonly CertificateForm[],
): void {
  removeSetting(doc, 'Certificates');
  for (const certificate of certificates) {
    const { collection, item, file } = CERTIFICATE_STORES[certificate.store];
    const base = `${collection}/${item}`;
    if (certificate.store === 'client') {
      setSetting(doc, `${base}/CertificatePassword`, certificate.password, certificate.name);
      setSetting(doc, `${base}/CertificatePath`, certificate.file, certificate.name);
      setSetting(doc, `${base}/ExportCertificate`, certificate.exportable, certificate.name);
      setSetting(doc, `${base}/KeyLocation`, certificate.keyLocation, certificate.name);
    } else {
      setSetting(doc, `${base}/${file}`, certificate.file, certificate.name);
    }
  }
}

// ---- Enrollment (§2.9) ----

export const ENROLLMENTS = 'Workplace/Enrollments';
const ENROLLMENT = `${ENROLLMENTS}/UPN`;

export interface EnrollmentForm {
  upn: string;
  authPolicy: 'OnPremise' | 'Certificate';
  discoveryUrl: string;
  enrollmentUrl: string;
  policyUrl: string;
  secret: string;
}

export function readEnrollments(doc: CustomizationsDocument): EnrollmentForm[] {
  if (!hasSetting(doc, ENROLLMENTS)) return [];
  return listItemKeys(doc, ENROLLMENTS).map((upn) => ({
    upn,
    authPolicy:
      getSetting(doc, `${ENROLLMENT}/AuthPolicy`, upn) === 'Certificate' ? 'Certificate' : 'OnPremise',
    discoveryUrl: textOf(doc, `${ENROLLMENT}/DiscoveryServiceFullUrl`, upn),
    enrollmentUrl: textOf(doc, `${ENROLLMENT}/EnrollmentServiceFullUrl`, upn),
    policyUrl: textOf(doc, `${ENROLLMENT}/PolicyServiceFullUrl`, upn),
    secret: textOf(doc, `${ENROLLMENT}/Secret`, upn),
  }));
}

export function writeEnrollments(doc: CustomizationsDocument, enrollments: readonly EnrollmentForm[]): void {
  removeSetting(doc, 'Workplace');
  for (const enrollment of enrollments) {
    const upn = enrollment.upn;
    setSetting(doc, `${ENROLLMENT}/AuthPolicy`, enrollment.authPolicy, upn);
    setSetting(doc, `${ENROLLMENT}/DiscoveryServiceFullUrl`, enrollment.discoveryUrl, upn);
    setOrRemove(doc, `${ENROLLMENT}/EnrollmentServiceFullUrl`, enrollment.enrollmentUrl, upn);
    setOrRemove(doc, `${ENROLLMENT}/PolicyServiceFullUrl`, enrollment.policyUrl, upn);
    setSetting(doc, `${ENROLLMENT}/Secret`, enrollment.secret, upn);
  }
}
