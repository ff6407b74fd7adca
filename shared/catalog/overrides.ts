import type { Evidence, TextFormat, WizardPage } from './types';

/**
 * What the settings store does not say about a setting, kept by hand on top of the generated facts.
 * The settings in settings.ts (the hand-written catalog with its evidence, labels and help) are overrides too;
 * this table adds facts for settings that only the generated catalog has. Every other generated setting is
 * `derived` (read from the store, not yet seen in a package WCD built) and not secret.
 */
export interface SettingOverride {
  /** Passwords, keys and tokens: masked in UI and CLI, never logged. */
  secret?: true;
  format?: TextFormat;
  evidence?: Evidence;
  wizardPage?: WizardPage;
}

export const EXTRA_OVERRIDES: Readonly<Record<string, SettingOverride>> = {
  // Passwords and secrets the store holds as plain text settings.
  'Connections/Cellular/Connection/Password': { secret: true },
  'Connections/EnterpriseAPN/EnterpriseConnection/Password': { secret: true },
  'Connections/Proxies/Proxy/Password': { secret: true },
  'ConnectivityProfiles/Email/Accounts/Account/Password': { secret: true },
  'ConnectivityProfiles/Email/Accounts/Account/SMTPPassword': { secret: true },
  'ConnectivityProfiles/Exchange/Accounts/ActiveSyncAccount/Password': { secret: true },
  'DeviceManagement/Accounts/Account/Authentication/Credentials/CredentialsForLevel/Secret': { secret: true },
  'SMISettings/AutoLogon/Password': { secret: true },
  // The OMA DM account's authentication data: a credential, as its Secret sibling.
  'DeviceManagement/Accounts/Account/Authentication/Credentials/CredentialsForLevel/Data': {
    secret: true,
    evidence: 'inferred',
  },

  // Compiled forms no package shows, whose exact text is ours (docs/format/compile-rules.md §2.4, §2.7, §2.7a):
  // app licenses (store Serialization 7), Store product IDs (9) and binary leaves.
  'UniversalAppInstall/DeviceContextAppLicense/LicenseInstall': { evidence: 'inferred' },
  'UniversalAppInstall/UserContextAppLicense/LicenseInstall': { evidence: 'inferred' },
  'UniversalAppInstall/DeviceContextStoreInstall/Application/ProductID': { evidence: 'inferred' },
  'UniversalAppInstall/StoreInstall/Application/ProductID': { evidence: 'inferred' },
  'Location/SUPL1/RootCertificate/Data': { evidence: 'inferred' },
  'Location/SUPL1/RootCertificate2/Data': { evidence: 'inferred' },
  'Location/SUPL1/RootCertificate3/Data': { evidence: 'inferred' },
  'Location/SUPL1/RootCertificate4/Data': { evidence: 'inferred' },
  'Location/SUPL1/RootCertificate5/Data': { evidence: 'inferred' },
  'Location/SUPL1/RootCertificate6/Data': { evidence: 'inferred' },
};
