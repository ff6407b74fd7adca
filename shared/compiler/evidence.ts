/**
 * Which compiled forms a real WCD-built package shows byte for byte (docs/format/compile-rules.md evidence level
 * OBSERVED). The store says how a setting compiles; only a package says that WCD really wrote it so. Every
 * other leaf is DERIVED: the same rules (docs/format/compile-rules.md §2) applied to the store's facts.
 *
 * Sources: the five packages in ../shared/fixtures/ppkg (kbf, acer, osd-invoke, osd-setupspecialize, mosd),
 * the AVD packages in ../shared/fixtures/real (Store WCD 2025), and the packages docs/format/compile-rules.md lists
 * (odmad, VNJoe, Mini-Workstation).
 */
const OBSERVED_COMPILED_FORMS: ReadonlySet<string> = new Set([
  // docs/format/compile-rules.md §3.3 and the ppkg fixtures
  'Accounts/Azure/Authority',
  'Accounts/Azure/BPRT',
  'Accounts/ComputerAccount/ComputerName',
  'Accounts/Users/User/Password',
  'Accounts/Users/User/UserGroup',
  'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityKey',
  'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityType',
  'DevDetail/DNSComputerName',
  'EditionUpgrade/ChangeProductKey',
  'EditionUpgrade/UpgradeEditionWithProductKey',
  'OOBE/Desktop/EnableCortanaVoice',
  'OOBE/Desktop/HideOobe',
  'Policies/ApplicationManagement/AllowAllTrustedApps',
  'Policies/Security/RequireProvisioningPackageSignature',
  'ProvisioningCommands/DeviceContext/CommandFiles/CommandFile',
  'ProvisioningCommands/DeviceContext/CommandLine',
  'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile',
  'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine',
  'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ContinueInstall',
  'ProvisioningCommands/PrimaryContext/Command/CommandConfig/RestartRequired',
  'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeRestart',
  'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeSuccess',
  // The AVD packages (../shared/fixtures/real/avd-*.ppkg, Store WCD 2025.416), compiled and compared by
  // tests/oracle/compile-fidelity.test.ts.
  'Policies/Experience/AllowCortana',
  'Policies/Experience/AllowWindowsConsumerFeatures',
  'Policies/Experience/AllowWindowsSpotlight',
  'Policies/Search/AllowSearchToUseLocation',
  'Policies/Start/AllowPinnedFolderDocuments',
  'Policies/Start/AllowPinnedFolderDownloads',
  'Policies/Start/AllowPinnedFolderFileExplorer',
  'Policies/Start/AllowPinnedFolderHomeGroup',
  'Policies/Start/AllowPinnedFolderMusic',
  'Policies/Start/AllowPinnedFolderNetwork',
  'Policies/Start/AllowPinnedFolderPersonalFolder',
  'Policies/Start/AllowPinnedFolderPictures',
  'Policies/Start/AllowPinnedFolderSettings',
  'Policies/Start/AllowPinnedFolderVideos',
  'Policies/Start/HideChangeAccountSettings',
  'Policies/Start/HideHibernate',
  'Policies/Start/HideLock',
  'Policies/Start/HidePeopleBar',
  'Policies/Start/HideSignOut',
  'Policies/Start/HideSleep',
  'Policies/Start/HideSwitchAccount',
  'Policies/Start/HideUserTile',
  'Policies/WindowsInkWorkspace/AllowWindowsInkWorkspace',
  'Policies/WindowsLogon/EnableFirstLogonAnimation',
  'Policies/WindowsLogon/HideFastUserSwitching',
  'SharedPC/AccountManagement/AccountModel',
  'SharedPC/AccountManagement/DeletionPolicy',
  'SharedPC/AccountManagement/EnableAccountManager',
  'SharedPC/EnableSharedPCMode',
  'SharedPC/PolicyCustomization/RestrictLocalStorage',
  'SharedPC/PolicyCustomization/SetEduPolicies',
  'SharedPC/PolicyCustomization/SetPowerPolicies',
  'SharedPC/PolicyCustomization/SignInOnResume',
  'SharedPC/PolicyCustomization/SleepTimeout',
]);

/** `observed` when a real package shows this leaf's compiled form byte for byte, else `derived`. */
export function compiledFormEvidence(manifestPath: string): 'observed' | 'derived' {
  return OBSERVED_COMPILED_FORMS.has(manifestPath) ? 'observed' : 'derived';
}

/** The list itself, for tests that check each entry against a fixture. */
export function observedCompiledForms(): readonly string[] {
  return [...OBSERVED_COMPILED_FORMS];
}
