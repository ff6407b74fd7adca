import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha1 } from '../../shared/compiler/sha1';
import { sha256 } from '../../shared/compiler/sha256';
import { settingsGroupGuid } from '../../shared/compiler/settings-group-guid';
import { compileRuleFor } from '../../shared/compiler/rules';

/** docs/format/compile-rules.md §1.3 (and docs/format/ppkg-format.md §3.2 for the two mosd policies), copied from the spec. */
const GUID_TABLE: Array<[groupPath: string, guid: string]> = [
  ['Workplace/Enrollments/UPN', '98718529-c71c-5bdc-91de-8be418006c2e'],
  ['Workplace/Enrollments/UPN/AuthPolicy', '67e87100-b5bc-5928-ae2f-55a983368df5'],
  ['Workplace/Enrollments/UPN/DiscoveryServiceFullUrl', '701a2690-7124-54a1-8bb9-bfeb2875f3cd'],
  ['Workplace/Enrollments/UPN/EnrollmentServiceFullUrl', '7e5b9f54-4b12-5a9f-b059-ea2630b8e8bc'],
  ['Workplace/Enrollments/UPN/PolicyServiceFullUrl', 'bcabc8ba-60fb-5bfa-80de-d1ed76ff5254'],
  ['Workplace/Enrollments/UPN/Secret', 'aed1bd36-5be7-5afc-b137-afe90e65c4e1'],
  ['Certificates/RootCertificates/RootCertificate', 'e9da3b54-53f1-5310-b7bc-9452c8c2f986'],
  ['Certificates/CACertificates/CACerificate', '0d54920e-e425-5ab8-bc4f-c21e49bd4778'],
  ['Certificates/ClientCertificates/ClientCertificate', 'ecd189cc-52d7-5262-954e-243371e7d6c2'],
  ['Certificates/TrustedPeopleCertificates/Certificate', '4cf70876-3e44-52b3-8cf2-6099f5041b3f'],
  ['Certificates/TrustedProvisioners/Certificate', 'c0757c26-c460-5d61-8861-550f4b2c5f8b'],
  ['ConnectivityProfiles/WLAN/WLANSetting/WLANConfig', 'ac17da61-38b8-5bb9-bdaf-7436ac4eb133'],
  ['ConnectivityProfiles/WLAN/Profiles/Profile', '6bc1b8d6-140c-5ad6-8699-1fb85691df5d'],
  ['Accounts/Users/User', '316e2a31-250a-5f09-a0e1-d2e5c6b03559'],
  ['Accounts/ComputerAccount', 'f35dd173-1c3e-5f2b-a3a4-29b602842b09'],
  ['Accounts', '9de9b0e5-6d03-5ff6-a648-12a9d1c34bba'],
  ['Accounts/Azure', '641c3728-5623-544a-9144-976a2dbf3ca9'],
  ['DevDetail/DNSComputerName', 'f642e983-6321-501e-a554-86b53d319ad8'],
  ['OOBE/Desktop/HideOobe', 'b786dbf1-ec31-5be5-aa49-934e4489fae9'],
  ['OOBE/Desktop/EnableCortanaVoice', '2f06d211-95c0-5efd-a257-d6085f324283'],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile',
    '1348d3d6-134b-5eb8-8f89-96c44bf9aa0b',
  ],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine',
    '56ccb8ff-b5f2-5806-a504-ab9091876608',
  ],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ContinueInstall',
    '290f8b72-c400-5dc4-8e56-b98df699071a',
  ],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/DependencyPackages/Dependency',
    '0fb42616-94a6-5da8-b711-fd15131232e9',
  ],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/RestartRequired',
    '0a0302fe-0203-5635-8005-2878eac632cd',
  ],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeRestart',
    '0c1ffbe1-4777-5325-afb2-61bfeee42220',
  ],
  [
    'ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeSuccess',
    '370d2f73-b454-5319-b1b1-ad5dcb6c1e42',
  ],
  ['ProvisioningCommands/DeviceContext/CommandFiles/CommandFile', '5e7e5336-9061-50ff-8a6e-0da0ecc82ca5'],
  ['ProvisioningCommands/DeviceContext/CommandLine', '62975fa8-b6ff-5926-8327-6b2635a0a628'],
  ['Policies/ApplicationManagement/AllowAllTrustedApps', '1d06ee0e-b4a8-559b-b253-c7f645eb1b9c'],
  ['Policies/Security/RequireProvisioningPackageSignature', '4b8f0380-fb7b-5260-a2bc-8ee59ea45313'],
  ['Policies/Experience/AllowWindowsConsumerFeatures', '16ef6d5e-6645-57ac-ae29-892fcd94b31d'],
  ['EditionUpgrade/ChangeProductKey', '0bdbcd69-0d44-5ebf-b914-056b6263f183'],
  ['EditionUpgrade/UpgradeEditionWithProductKey', '58447d95-84fd-50a8-b78f-35beb1d01425'],
  ['EditionUpgrade/UpgradeEditionWithLicense', 'b9391b96-a713-5cae-85a4-b35ee994092b'],
  ['SharedPC', '1d81e3f8-8cb3-5414-bae7-c0537631b263'],
  ['CleanPC', '5293d826-fbcf-55a1-88d8-6861c8c7102e'],
];

describe('SettingsGroup GUID formula (docs/format/compile-rules.md §1.1)', () => {
  it.each(GUID_TABLE)('%s → %s', (groupPath, guid) => {
    expect(settingsGroupGuid(`/${groupPath}`)).toBe(guid);
    expect(settingsGroupGuid(groupPath)).toBe(guid);
  });

  it('is not the dotted or slashed name (the failed attempts the spec lists)', () => {
    expect(settingsGroupGuid('OOBE/Desktop/HideOobe')).not.toMatch(/^844312e1|^80f44799/);
  });
});

describe('rules table: every leaf compiles under the group GUID of §1.3', () => {
  const groupOf: Array<[leafPath: string, guid: string]> = [
    ['Workplace/Enrollments/UPN/AuthPolicy', '98718529-c71c-5bdc-91de-8be418006c2e'],
    ['Workplace/Enrollments/UPN/Secret', '98718529-c71c-5bdc-91de-8be418006c2e'],
    ['Accounts/Users/User/Password', '316e2a31-250a-5f09-a0e1-d2e5c6b03559'],
    ['Accounts/ComputerAccount/ComputerName', 'f35dd173-1c3e-5f2b-a3a4-29b602842b09'],
    ['Accounts/Azure/BPRT', '641c3728-5623-544a-9144-976a2dbf3ca9'],
    ['Certificates/CACertificates/CACerificate/CertificatePath', '0d54920e-e425-5ab8-bc4f-c21e49bd4778'],
    ['Certificates/ClientCertificates/ClientCertificate/KeyLocation', 'ecd189cc-52d7-5262-954e-243371e7d6c2'],
    [
      'Certificates/TrustedProvisioners/Certificate/TrustedProvisioner',
      'c0757c26-c460-5d61-8861-550f4b2c5f8b',
    ],
    ['SharedPC/AccountManagement/AccountModel', '1d81e3f8-8cb3-5414-bae7-c0537631b263'],
    ['CleanPC/CleanPCWithoutRetainingUserData', '5293d826-fbcf-55a1-88d8-6861c8c7102e'],
    [
      'ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine',
      '56ccb8ff-b5f2-5806-a504-ab9091876608',
    ],
    ['/OOBE/Desktop/HideOobe', 'b786dbf1-ec31-5be5-aa49-934e4489fae9'],
  ];
  it.each(groupOf)('%s', (leafPath, guid) => {
    expect(compileRuleFor(leafPath)?.settingsGroup).toBe(guid);
  });

  it('has no rule for an unsupported path', () => {
    expect(compileRuleFor('Policies/Nope/Nothing')).toBeUndefined();
  });
});

describe('pure hashes agree with node:crypto', () => {
  it('sha1 and sha256 on arbitrary inputs, including block-boundary lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(bytes).digest('hex'));
        expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(
          createHash('sha256').update(bytes).digest('hex'),
        );
      }),
      { numRuns: 300 },
    );
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const bytes = new Uint8Array(length).fill(0x61);
      expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(bytes).digest('hex'));
      expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    }
  });
});
