import { describe, expect, it } from 'vitest';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { ownerOfAltitude, projectOwnerOfAltitude } from '../../shared/model/owner-type';
import { formatPackageNotes, packageImageProperties } from '../../shared/node/package/image-properties';
import { buildStamp, derivedGuid, SourceDateEpochError } from '../../shared/node/package/reproducible';
import { filetimeFromUnixMs } from '../../shared/wim/filetime';

/** Expected strings are the fixtures' NOTES quoted in docs/format/ppkg-format.md §2.4 (OBSERVED), not computed here. */
describe('NOTES (docs/format/icd-package-properties.md §2)', () => {
  it('reproduces the kbf and osd-invoke NOTES given their builder version', () => {
    expect(
      formatPackageNotes({
        version: '2025.416.0.0+757d43c324c9c7478617b0f9126747d9cdee37db',
        targetSkus: 'WindowsCommon,Desktop',
        packageId: '{2e8ca021-e00d-44ac-b83c-08a6048bfb97}',
      }),
    ).toBe(
      'VERSION=2025.416.0.0+757d43c324c9c7478617b0f9126747d9cdee37db;Source=Classic;;TargetSkus=WindowsCommon,Desktop;EncryptPackage=False;SignPackage=False;PackageID=2e8ca021-e00d-44ac-b83c-08a6048bfb97;',
    );
    expect(
      formatPackageNotes({
        version: '10.0.22621.1',
        targetSkus: 'Desktop',
        packageId: '{8C6D6501-2FD6-4D67-886D-8DC4B63EE151}',
      }),
    ).toBe(
      'VERSION=10.0.22621.1;Source=Classic;;TargetSkus=Desktop;EncryptPackage=False;SignPackage=False;PackageID=8c6d6501-2fd6-4d67-886d-8dc4b63ee151;',
    );
  });

  it('writes Source=Template and the ScenarioId for a wizard project (odmad CHADS-Wireless form)', () => {
    expect(
      formatPackageNotes({
        version: 'X',
        targetSkus: 'WindowsCommon,Desktop',
        packageId: '{18a70737-0000-4000-8000-000000000000}',
        scenarioId: '{D2FA89DB-1251-4BDF-B1BF-4B96016AAEA4}',
      }),
    ).toBe(
      'VERSION=X;Source=Template;;ScenarioId=d2fa89db-1251-4bdf-b1bf-4b96016aaea4;TargetSkus=WindowsCommon,Desktop;EncryptPackage=False;SignPackage=False;PackageID=18a70737-0000-4000-8000-000000000000;',
    );
  });

  it('defaults VERSION= to the app version', () => {
    expect(formatPackageNotes({ targetSkus: 'Desktop', packageId: '{a}' })).toMatch(
      /^VERSION=\d+\.\d+\.\d+;/,
    );
  });
});

describe('image properties and ALTITUDE (§1, §3)', () => {
  const doc = (
    ownerType: CustomizationsDocument['packageConfig']['ownerType'],
    rank: number,
  ): CustomizationsDocument => ({
    packageConfig: {
      id: '{8C6D6501-2FD6-4D67-886D-8DC4B63EE151}',
      name: 'Invoke-OSDCloudDriverPack',
      version: '20221006.6',
      ownerType,
      rank,
      notes: '',
    },
    common: [],
    multivariant: [],
  });

  it('gives osd-invoke its NAME … PACKAGEID in WCD order (SystemIntegrator + 50 = 3050)', () => {
    expect(
      packageImageProperties(doc('SystemIntegrator', 50), {
        version: '10.0.22621.1',
        targetSkus: 'Desktop',
        packageId: '{8c6d6501-2fd6-4d67-886d-8dc4b63ee151}',
      }),
    ).toEqual([
      ['NAME', 'Invoke-OSDCloudDriverPack'],
      ['DESCRIPTION', ''],
      [
        'NOTES',
        'VERSION=10.0.22621.1;Source=Classic;;TargetSkus=Desktop;EncryptPackage=False;SignPackage=False;PackageID=8c6d6501-2fd6-4d67-886d-8dc4b63ee151;',
      ],
      ['AUTHOR', ''],
      ['VERSION', '20221006.6'],
      ['ALTITUDE', '3050'],
      ['RESETCLEAR', '0'],
      ['PACKAGEID', '{8c6d6501-2fd6-4d67-886d-8dc4b63ee151}'],
    ]);
  });

  it('uses each owner base from ICD enum and reads ALTITUDE back like ICD import', () => {
    const altitude = (owner: Parameters<typeof doc>[0], rank: number) =>
      packageImageProperties(doc(owner, rank), { targetSkus: 'Desktop', packageId: '{a}' }).find(
        ([key]) => key === 'ALTITUDE',
      )?.[1];
    expect(altitude('Microsoft', 7)).toBe('7');
    expect(altitude('OEM', 0)).toBe('2000');
    expect(altitude('ITAdmin', 99)).toBe('5099');
    expect(ownerOfAltitude(3050)).toEqual({ ownerType: 'SystemIntegrator', rank: 50 });
    expect(ownerOfAltitude(2000)).toEqual({ ownerType: 'OEM', rank: 0 });
    expect(ownerOfAltitude(6000).ownerType).toBeUndefined();
  });

  it('gives a project owner only for a known owner with rank 0–99', () => {
    expect(projectOwnerOfAltitude(2000)).toEqual({ ownerType: 'OEM', rank: 0 });
    expect(projectOwnerOfAltitude(3050)).toEqual({ ownerType: 'SystemIntegrator', rank: 50 });
    expect(projectOwnerOfAltitude(5099)).toEqual({ ownerType: 'ITAdmin', rank: 99 });
    expect(projectOwnerOfAltitude(2100)).toBeNull(); // rank past 99
    expect(projectOwnerOfAltitude(6000)).toBeNull();
    expect(projectOwnerOfAltitude(-1)).toBeNull();
    expect(projectOwnerOfAltitude(2000.5)).toBeNull();
  });
});

describe('build stamp (SOURCE_DATE_EPOCH)', () => {
  it('takes the time from SOURCE_DATE_EPOCH and derives a stable v5-style GUID from ID + time', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const a = buildStamp('{0F9C3D8E-8A55-4D63-9A54-2F0C7E1B6A11}', env);
    const b = buildStamp('0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11', env);
    expect(a.timestamp).toBe(filetimeFromUnixMs(1_700_000_000_000));
    expect(Buffer.from(a.guid).toString('hex')).toBe(Buffer.from(b.guid).toString('hex'));
    expect(a.guid[6]! >> 4).toBe(5);
    expect(a.guid[8]! >> 6).toBe(2);
    const otherId = buildStamp('{11111111-8a55-4d63-9a54-2f0c7e1b6a11}', env);
    const otherTime = buildStamp('{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}', {
      SOURCE_DATE_EPOCH: '1700000001',
    });
    expect(Buffer.from(otherId.guid).equals(Buffer.from(a.guid))).toBe(false);
    expect(Buffer.from(otherTime.guid).equals(Buffer.from(a.guid))).toBe(false);
    expect(derivedGuid('{a}', 1n)).toHaveLength(16);
  });

  it('is random without SOURCE_DATE_EPOCH and rejects a malformed one', () => {
    const first = buildStamp('{a}', {});
    const second = buildStamp('{a}', {});
    expect(Buffer.from(first.guid).equals(Buffer.from(second.guid))).toBe(false);
    expect(() => buildStamp('{a}', { SOURCE_DATE_EPOCH: '17e8' })).toThrow(SourceDateEpochError);
    expect(() => buildStamp('{a}', { SOURCE_DATE_EPOCH: '-1' })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
