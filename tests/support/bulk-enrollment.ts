import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';
import { emptyDocument } from './documents';

/** A self-signed P-256 test root (openssl req -x509, no private key kept): the project's ContosoRoot.cer. */
export const TEST_ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIIBjDCCATOgAwIBAgIUScty0E1jUQsxp/ijiB93Sp8bNJUwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRQ29udG9zbyBUZXN0IFJvb3QwHhcNMjYxMTI4MDMyNjI4WhcN
MzYxMTI1MDMyNjI4WjAcMRowGAYDVQQDDBFDb250b3NvIFRlc3QgUm9vdDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABCb8qbAcAgZkqovOZShqiiAeIGJxUTG+cf7J
rFcyqwH/rL/hmkhbJEwqA71brYLo8ZWoRTwYbEltbVZuEqNXIFqjUzBRMB0GA1Ud
DgQWBBQMdbDQPcc/55XY4fo4bbNbw/9PgTAfBgNVHSMEGDAWgBQMdbDQPcc/55XY
4fo4bbNbw/9PgTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIA1C
HdkFwiHhGAzWq3LgNdHPDlM1FawkWjQneyJ8dbTFAiACDY0QtTMAdwsxaxje5Dkq
qdnCZgIIV4V2zbwJ8QDIsg==
-----END CERTIFICATE-----
`;

/**
 * The bulk-enrollment project of docs/format/wcd-settings.md §2.12 (device name, Wi-Fi, local admin, one command,
 * a root certificate, an OnPremise MDM enrollment), built through the editing API with the spec's values.
 * Settings are added in a scrambled order on purpose: the API must put them in WCD's order.
 * The spec shows secrets as `********`; that mask is never a value (issue #10), so these are made-up secrets.
 */
export function createBulkEnrollmentExample(): CustomizationsDocument {
  const doc = emptyDocument('{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}', 'Contoso-BulkEnroll');
  const upn = 'windows-bulkenroll-user1@contoso.com';
  const enrollment = 'Workplace/Enrollments/UPN';
  setSetting(doc, `${enrollment}/AuthPolicy`, 'OnPremise', upn);
  setSetting(doc, `${enrollment}/Secret`, 'Example-Enroll-Secret', upn);
  setSetting(
    doc,
    `${enrollment}/DiscoveryServiceFullUrl`,
    'https://mdm.contoso.com/EnrollmentServer/Discovery.svc',
    upn,
  );

  const command = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';
  setSetting(doc, `${command}/CommandLine`, 'msiexec /i "agent.msi" /quiet', 'Agent');
  setSetting(doc, `${command}/ReturnCodeSuccess`, 0, 'Agent');
  setSetting(doc, `${command}/CommandFile`, 'C:\\Prov\\Agent.msi', 'Agent');
  setSetting(doc, `${command}/RestartRequired`, false, 'Agent');
  setSetting(doc, `${command}/ContinueInstall`, false, 'Agent');
  setSetting(doc, `${command}/ReturnCodeRestart`, 3010, 'Agent');

  setSetting(doc, 'Policies/ApplicationManagement/AllowAllTrustedApps', 'Yes');
  setSetting(doc, 'OOBE/Desktop/HideOobe', true);

  const wifi = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings';
  setSetting(doc, `${wifi}/SecurityType`, 'WPA2-Personal', 'Contoso-Setup');
  setSetting(doc, `${wifi}/SecurityKey`, 'Example-Wifi-Key', 'Contoso-Setup');
  setSetting(doc, `${wifi}/AutoConnect`, true, 'Contoso-Setup');
  setSetting(doc, `${wifi}/HiddenNetwork`, false, 'Contoso-Setup');

  setSetting(
    doc,
    'Certificates/RootCertificates/RootCertificate/CertificatePath',
    'C:\\Prov\\ContosoRoot.cer',
    'ContosoRoot',
  );

  setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
  setSetting(doc, 'Accounts/Users/User/Password', 'Example-Admin-Pass', 'localadmin');
  setSetting(doc, 'Accounts/ComputerAccount/ComputerName', 'CTS-%RAND:6%');
  return doc;
}
