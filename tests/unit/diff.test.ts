import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiffCommand } from '../../cli/commands/diff';
import type { PackageDiff } from '../../shared/diff/package-diff';
import { comparableProperties } from '../../shared/diff/side';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';
import { buildPackage } from '../../shared/node/package/build-package';
import { loadProjectInput } from '../../shared/node/project-input';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { findReference } from '../support/reference';
import { describeWith } from '../support/requirements';
import { createBulkEnrollmentExample, TEST_ROOT_PEM } from '../support/bulk-enrollment';
import { runCliInProcess } from '../support/cli-in-process';

/**
 * `ppkg-studio diff` through the CLI's own command (in process): identical reproducible builds are equal,
 * a package equals the project it was built from, and a changed policy, an added certificate and a changed
 * secret are exactly the differences reported — the secret as changed, its values nowhere in the output.
 */

const UPN = 'windows-bulkenroll-user1@contoso.com';
const SECRETS = {
  enrollment: 'Enr0ll-Secret-7731',
  enrollmentChanged: 'Changed-Enr0ll-Secret-9902',
  wifi: 'Wifi-Key-5561-abc',
  admin: 'Adm1n-Passw0rd-4410',
};

/** A second self-signed P-256 test certificate (openssl req -x509), no private key kept. */
const ISSUING_PEM = `-----BEGIN CERTIFICATE-----
MIIBkzCCATmgAwIBAgIUDICm/l3qY9k5/LBr9Sg0ZVtBVGQwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUQ29udG9zbyBUZXN0IElzc3VpbmcwHhcNMjYxMjA3MTg1ODE0
WhcNMzYxMjA0MTg1ODE0WjAfMR0wGwYDVQQDDBRDb250b3NvIFRlc3QgSXNzdWlu
ZzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLfInx1U79LYVVLyM77tTn8X5uD6
+NW+nc+twbFibwfReCUHQS0FWWIn+Nqiuc1b7ZFSfcfNrNpR1xmMXZHiFS2jUzBR
MB0GA1UdDgQWBBRZLamCNjW+yT2xKN/drNfjlxQx/zAfBgNVHSMEGDAWgBRZLamC
NjW+yT2xKN/drNfjlxQx/zAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gA
MEUCIQDc2H5rKPrW8G+z3934/qH3xE7XVNeHZ8Wq8K6msglPbQIgSbND+raC3RrF
DSfgRF7kDVkA/BoZvb1upg8pTZJ8lNI=
-----END CERTIFICATE-----
`;

let work: string;
let assetDir: string;

function baseProject(): CustomizationsDocument {
  const doc = createBulkEnrollmentExample();
  setSetting(doc, 'Workplace/Enrollments/UPN/Secret', SECRETS.enrollment, UPN);
  setSetting(
    doc,
    'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig/WLANXmlSettings/SecurityKey',
    SECRETS.wifi,
    'Contoso-Setup',
  );
  setSetting(doc, 'Accounts/Users/User/Password', SECRETS.admin, 'localadmin');
  return doc;
}

async function writeProject(name: string, doc: CustomizationsDocument): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'customizations.xml');
  await writeFile(file, serializeCustomizationsXml(doc));
  await writeFile(join(dir, 'ContosoRoot.cer'), TEST_ROOT_PEM);
  await writeFile(join(dir, 'ContosoIssuing.cer'), ISSUING_PEM);
  return file;
}

async function build(projectFile: string, outName: string): Promise<string> {
  const input = await loadProjectInput(projectFile, { assetDirs: [assetDir] });
  const outPath = join(work, outName);
  await buildPackage({
    doc: input.doc,
    customizationsXml: input.customizationsXml,
    style: 'store',
    targetSkus: input.targetSkus,
    assets: input.assets,
    outPath,
    env: { SOURCE_DATE_EPOCH: '1767225600' },
  });
  return outPath;
}

const diff = (...args: string[]) => runCliInProcess([registerDiffCommand], ['diff', ...args]);

let projectA: string;
let projectB: string;
let packageA: string;
let packageA2: string;
let packageB: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ppkg-diff-'));
  assetDir = join(work, 'assets');
  await mkdir(assetDir);
  await writeFile(
    join(assetDir, 'Agent.msi'),
    new Uint8Array(5000).map((_, i) => (i * 31) & 0xff),
  );

  projectA = await writeProject('a', baseProject());
  const changed = baseProject();
  setSetting(changed, 'Policies/ApplicationManagement/AllowAllTrustedApps', 'No');
  setSetting(
    changed,
    'Certificates/RootCertificates/RootCertificate/CertificatePath',
    'C:\\Prov\\ContosoIssuing.cer',
    'ContosoIssuing',
  );
  setSetting(changed, 'Workplace/Enrollments/UPN/Secret', SECRETS.enrollmentChanged, UPN);
  projectB = await writeProject('b', changed);

  packageA = await build(projectA, 'a.ppkg');
  packageA2 = await build(projectA, 'a-again.ppkg');
  packageB = await build(projectB, 'b.ppkg');
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('ppkg-studio diff', () => {
  it('two reproducible builds of one project are equal: exit 0', async () => {
    const run = await diff(packageA, packageA2);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No differences');
  });

  it('a package and its own project are equal: exit 0 (both orders, JSON too)', async () => {
    const run = await diff(packageA, projectA, '--assets', assetDir, '--json');
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as PackageDiff;
    expect(result).toMatchObject({
      equal: true,
      properties: [],
      settings: [],
      files: [],
      assets: [],
      provxml: [],
    });
    expect(result.a.kind).toBe('package');
    expect(result.b.kind).toBe('project');
    expect(run.code).toBe(0);
    expect((await diff(projectA, packageA, '--assets', assetDir)).code).toBe(0);
  });

  it('a changed policy, an added certificate and a changed secret are exactly the differences: exit 1', async () => {
    const run = await diff(packageA, packageB, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as PackageDiff;
    expect(result.equal).toBe(false);
    expect(result.properties).toEqual([]);
    const byPath = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : 1);
    expect([...result.settings].sort(byPath)).toEqual([
      {
        change: 'added',
        path: 'Certificates/RootCertificates/RootCertificate[ContosoIssuing]/CertificatePath',
        secret: false,
        b: 'C:\\Prov\\ContosoIssuing.cer',
      },
      {
        change: 'changed',
        path: 'Policies/ApplicationManagement/AllowAllTrustedApps',
        secret: false,
        a: 'Yes',
        b: 'No',
      },
      { change: 'changed', path: `Workplace/Enrollments/UPN[${UPN}]/Secret`, secret: true },
    ]);
    expect(result.assets).toEqual([
      expect.objectContaining({
        change: 'added',
        settingPath: 'Certificates/RootCertificates/RootCertificate[ContosoIssuing]/CertificatePath',
        fileName: 'ContosoIssuing.cer',
        b: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    // The files that carry those three settings (plus the indexes that list them), and nothing else:
    // the other provxml files only moved up one place in RunTime.xml's numbering.
    const run2 = '/Multivariant/0/Prov/RunTime/';
    expect(
      result.files
        .filter((file) => file.change !== 'renumbered')
        .map((file) => `${file.change} ${file.path}`),
    ).toEqual([
      'changed CommonSettings/1/AnswerFile.xml',
      'changed Multivariant/0/Prov/RunTime.xml',
      `changed ${run2.slice(1)}12__Workplace_Enrollments_${UPN}.provxml`,
      `added ${run2.slice(1)}3__Certificates_RootCertificates_ContosoIssuing.provxml`,
      `changed ${run2.slice(1)}5__Policies_ApplicationManagement_AllowAllTrustedApps.provxml`,
      'changed Multivariant/0/customizations.xml',
    ]);
    expect(result.files.filter((file) => file.change === 'renumbered')).toHaveLength(8);
    const provxmlLines = result.provxml.flatMap((file) =>
      file.hunks.flatMap((hunk) => hunk.lines.filter((line) => /^[-+]/.test(line))),
    );
    expect(
      provxmlLines.some(
        (line) => line.startsWith('-') && /AllowAllTrustedApps/.test(line) && /value="1"/.test(line),
      ),
    ).toBe(true);
    expect(
      provxmlLines.some(
        (line) => line.startsWith('+') && /AllowAllTrustedApps/.test(line) && /value="0"/.test(line),
      ),
    ).toBe(true);
    // The secret's line changed (its token changed) but shows no value.
    expect(provxmlLines.some((line) => /\*{8}\([0-9a-f]{8}\)/.test(line))).toBe(true);
  });

  it('never prints a secret value, in text or JSON, from packages or projects', async () => {
    for (const args of [
      [packageA, packageB],
      [packageA, packageB, '--json'],
      [projectA, projectB, '--assets', assetDir],
      [projectA, projectB, '--assets', assetDir, '--json'],
    ]) {
      const run = await diff(...args);
      expect(run.code).toBe(1);
      for (const secret of Object.values(SECRETS)) {
        expect(run.stdout).not.toContain(secret);
        expect(run.stderr).not.toContain(secret);
      }
      expect(run.stdout).toMatch(/Secret/);
    }
    const text = await diff(packageA, packageB);
    expect(text.stdout).toContain(
      `~ Workplace/Enrollments/UPN[${UPN}]/Secret  (secret: changed, value not shown)`,
    );
    expect(text.stdout).toContain('~ Policies/ApplicationManagement/AllowAllTrustedApps: "Yes" → "No"');
  });

  it('exit 2 when a side cannot be read or the usage is wrong', async () => {
    const missing = await diff(packageA, join(work, 'nope.ppkg'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot compare: not found: .*nope\.ppkg/);
    expect((await diff(packageA)).code).toBe(2);
    expect((await diff(packageA, packageB, '--style', 'bogus')).code).toBe(2);
  });
});

const USER_TILE = 'fixtures/real/avd-0c8c3ca3-HideUserTile.ppkg';
const ACCOUNT_SETTINGS = 'fixtures/real/avd-0c8c3ca3-HideChangeAccountSettings.ppkg';

describeWith({ reference: [USER_TILE, ACCOUNT_SETTINGS] }, 'ppkg-studio diff on packages WCD built', () => {
  it('reports the policies and properties that differ, and a package equals itself', async () => {
    const userTile = findReference(USER_TILE)!;
    const accountSettings = findReference(ACCOUNT_SETTINGS)!;
    const run = await diff(userTile, accountSettings, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as PackageDiff;
    // Warnings come from inspect's verifier (what each package applies vs its customizations.xml); they
    // depend on the catalog's store vintage, not on the diff, so they are not asserted here.
    expect(result.properties).toEqual([
      { name: 'Name', a: 'HideUserTile', b: 'HideChangeAccountSettings' },
      { name: 'Version', a: '1.0', b: '1.4' },
    ]);
    expect(result.settings.map((setting) => `${setting.change} ${setting.path}`).sort()).toEqual([
      'added Policies/Start/HideChangeAccountSettings',
      'added Policies/Start/HideSignOut',
      'removed Policies/Start/HideUserTile',
    ]);
    expect((await diff(userTile, userTile)).code).toBe(0);
  });
});

describe('compared package properties', () => {
  it('names the owner and rank an ALTITUDE stands for, "?" where no owner has that base', () => {
    const owner = (altitude: string) =>
      comparableProperties([['ALTITUDE', altitude]]).find(([name]) => name === 'Owner')?.[1];
    expect(owner('2000')).toBe('OEM, rank 0');
    expect(owner('3050')).toBe('SystemIntegrator, rank 50');
    expect(owner('5120')).toBe('ITAdmin, rank 120');
    expect(owner('7000')).toBe('?, rank 7000');
    expect(owner('x12')).toBe('x12');
  });
});
