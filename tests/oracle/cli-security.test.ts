import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactSecrets } from '../../shared/model/settings-edit';
import { secretEnvironmentName } from '../../shared/model/secrets';
import { parseCatalog } from '../../shared/package-security/catalog';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import { bundleCliIntoTemp, type CliBundle, type CliRun } from '../support/cli-bundle';
import { fixturePath, ppkgFixtureFile, REPO_ROOT } from '../support/fixtures';
import { hashTree, runTool } from '../support/oracles';
import { describeWith } from '../support/requirements';
import { createTestPki, type TestPki } from '../support/test-pki';

/**
 * Package security through the shipped CLI (issue #13) and the masked-secret refusal (issue #10): the
 * bundle is built into a private folder and run with node; openssl and osslsigncode are the oracles.
 */

let work: string;
let bundle: CliBundle;
let pki: TestPki;

const cli = (args: string[], env?: Record<string, string>): Promise<CliRun> => bundle.run(args, env);

const ADMIN = 'Accounts/Users/User[localadmin]/Password';
const WIFI = 'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig[Contoso-Setup]/WLANXmlSettings/SecurityKey';
const ENROLL = 'Workplace/Enrollments/UPN[windows-bulkenroll-user1@contoso.com]/Secret';

let maskedProject: string;
let assetDir: string;

beforeAll(async () => {
  bundle = await bundleCliIntoTemp('ppkg-cli-sec-');
  work = bundle.work;
  pki = await createTestPki();
  // A project as "Save project" writes it: every secret masked.
  const projectDir = join(work, 'masked');
  await mkdir(projectDir);
  maskedProject = join(projectDir, 'customizations.xml');
  await writeFile(maskedProject, serializeCustomizationsXml(redactSecrets(createBulkEnrollmentExample())));
  assetDir = join(work, 'assets');
  await mkdir(assetDir);
  await writeFile(join(assetDir, 'Agent.msi'), 'agent');
  await runTool('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(work, 'root.key'),
    '-out',
    join(assetDir, 'ContosoRoot.cer'),
    '-subj',
    '/CN=Root',
    '-days',
    '5',
  ]);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  if (pki) await rm(pki.dir, { recursive: true, force: true });
});

describe('masked secrets (issue #10: a masked placeholder is never a value)', () => {
  it('build refuses a project saved with masked secrets, naming each field; nothing is written', async () => {
    const out = join(work, 'masked.ppkg');
    const run = await cli(['build', maskedProject, '-o', out, '--assets', assetDir]);
    expect(run.code).toBe(1);
    for (const path of [ADMIN, WIFI, ENROLL]) expect(run.stderr).toContain(`${path}: `);
    expect(run.stderr).toMatch(/saved with this secret masked/);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
    const validate = await cli(['validate', maskedProject, '--json', '--assets', assetDir]);
    expect(validate.code).toBe(1);
    const findings = (JSON.parse(validate.stdout) as { findings: { ruleId: string; path: string }[] })
      .findings;
    expect(
      findings
        .filter((finding) => finding.ruleId === 'secret.masked')
        .map((f) => f.path)
        .sort(),
    ).toEqual([ADMIN, ENROLL, WIFI].sort());
  });

  it('build takes the secrets from PPKG_SECRET_* variables and a --secrets-file, never compiling ********', async () => {
    const secretsFile = join(work, 'secrets.json');
    await writeFile(secretsFile, JSON.stringify({ [ADMIN]: 'Adm1n-From-File', [WIFI]: 'Wifi-From-File-99' }));
    const out = join(work, 'filled.ppkg');
    const run = await cli(
      ['build', maskedProject, '-o', out, '--assets', assetDir, '--secrets-file', secretsFile],
      { [secretEnvironmentName(ENROLL)]: 'Enroll-From-Env' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const planted = ['Adm1n-From-File', 'Wifi-From-File-99', 'Enroll-From-Env'];
    const inspectMasked = await cli(['inspect', out]);
    for (const value of planted)
      expect(run.stdout + inspectMasked.stdout + inspectMasked.stderr).not.toContain(value);
    const shown = await cli(['inspect', out, '--json', '--show-secrets']);
    const settings = (JSON.parse(shown.stdout) as { settings: { path: string; value: string }[] }).settings;
    expect(settings).toContainEqual(expect.objectContaining({ path: ENROLL, value: 'Enroll-From-Env' }));
    expect(settings).toContainEqual(expect.objectContaining({ path: ADMIN, value: 'Adm1n-From-File' }));
    const extracted = join(work, 'filled-extracted');
    expect((await cli(['extract', out, '-o', extracted])).code).toBe(0);
    const tree = await hashTree(extracted);
    for (const file of Object.keys(tree)) {
      expect(await readFile(join(extracted, file), 'latin1'), file).not.toContain('********');
    }
  });

  it('batch rejects rows whose template secret stays masked', async () => {
    const csv = join(work, 'masked-batch.csv');
    await writeFile(csv, 'PackageName,DevDetail/DNSComputerName\nPC-1,PC-1\n');
    const run = await cli([
      'batch',
      maskedProject,
      '--csv',
      csv,
      '-o',
      join(work, 'masked-batch'),
      '--assets',
      assetDir,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(ADMIN);
    expect(await readdir(join(work, 'masked-batch')).catch(() => [])).not.toContain('PC-1.ppkg');
  });
});

describeWith(
  {
    // A real WCD project and the catalog WCD wrote for it (tests/reference/sources.json), and the catalog oracles.
    reference: [
      ppkgFixtureFile('osd-invoke-driverpack-devicecontext.customizations.xml'),
      ppkgFixtureFile('osd-invoke-driverpack-devicecontext.cat'),
    ],
    tools: ['openssl', 'osslsigncode'],
  },
  'catalog, signing and encryption (issue #13)',
  () => {
    const fixtureProject = fixturePath('osd-invoke-driverpack-devicecontext.customizations.xml');

    async function assetFolder(): Promise<string> {
      const dir = join(work, 'osd-assets');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'Invoke-OSDCloudDriverPack.ps1'), 'Write-Host driver pack\r\n');
      return dir;
    }

    /** openssl asn1parse lines without offsets and volatile values (hashes, ID, time). */
    async function structure(path: string): Promise<string[]> {
      const run = await runTool('openssl', ['asn1parse', '-inform', 'DER', '-in', path]);
      expect(run.exitCode, run.stderr).toBe(0);
      return run.stdout
        .trim()
        .split('\n')
        .map((line) => line.replace(/^\s*\d+:/, '').replace(/(HEX DUMP\]:|UTCTIME\s+:).*/, '$1'));
    }

    it('every build writes <name>.cat with the fixture catalog structure; inspect says it matches; --no-cat skips it', async () => {
      const out = join(work, 'osd.ppkg');
      const run = await cli(['build', fixtureProject, '-o', out, '--assets', await assetFolder()]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Catalog ${join(work, 'osd.cat')}\n`);
      expect(await structure(join(work, 'osd.cat'))).toEqual(
        await structure(fixturePath('osd-invoke-driverpack-devicecontext.cat')),
      );
      const inspect = await cli(['inspect', out]);
      expect(inspect.stdout).toMatch(/Catalog: +.*osd\.cat: hashes match the package, unsigned/);
      const notes = (JSON.parse((await cli(['inspect', out, '--json'])).stdout) as { notes: string }).notes;
      expect(notes).toContain('EncryptPackage=False;SignPackage=False;');

      const bare = join(work, 'bare', 'osd.ppkg');
      expect(
        (await cli(['build', fixtureProject, '-o', bare, '--no-cat', '--assets', await assetFolder()])).code,
      ).toBe(0);
      expect(await readdir(join(work, 'bare'))).toEqual(['osd.ppkg']);
    });

    it('--sign-pfx signs the .cat (osslsigncode verify with the test CA), NOTES says SignPackage=True', async () => {
      const out = join(work, 'signed', 'osd.ppkg');
      const passwordFile = join(work, 'pfx-password.txt');
      await writeFile(passwordFile, `${pki.leafPfxPassword}\n`);
      const run = await cli([
        'build',
        fixtureProject,
        '-o',
        out,
        '--assets',
        await assetFolder(),
        '--sign-pfx',
        pki.leafPfx,
        '--pfx-password-file',
        passwordFile,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Catalog .*osd\.cat \(signed\)/);
      const cat = join(work, 'signed', 'osd.cat');
      const verify = await runTool('osslsigncode', ['verify', '-in', cat, '-CAfile', pki.caPem]);
      expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
      const notes = (JSON.parse((await cli(['inspect', out, '--json'])).stdout) as { notes: string }).notes;
      expect(notes).toContain('EncryptPackage=False;SignPackage=True;');
      expect((await cli(['inspect', out])).stdout).toMatch(/hashes match the package, signed/);
      // The package itself is never signed: it is a plain WIM.
      expect((await readFile(out)).subarray(0, 8).toString('latin1')).toBe('MSWIM\0\0\0');
      // A wrong PFX password: exit 1, nothing written.
      await writeFile(passwordFile, 'wrong\n');
      const wrong = await cli([
        'build',
        fixtureProject,
        '-o',
        join(work, 'signed-wrong', 'x.ppkg'),
        '--assets',
        await assetFolder(),
        '--sign-pfx',
        pki.leafPfx,
        '--pfx-password-file',
        passwordFile,
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/PFX password is wrong/);
      await expect(readdir(join(work, 'signed-wrong'))).rejects.toThrow(/ENOENT/);
    }, 60_000);

    it('batch --sign-pfx signs every row catalog', async () => {
      const passwordFile = join(work, 'batch-pfx-password.txt');
      await writeFile(passwordFile, pki.leafPfxPassword);
      const csv = join(work, 'signed-rows.csv');
      await writeFile(csv, 'PackageName,DevDetail/DNSComputerName\nPC-1,PC-1\nPC-2,PC-2\n');
      const out = join(work, 'signed-batch');
      const run = await cli([
        'batch',
        join(REPO_ROOT, 'tests/fixtures/batch/template-customizations.xml'),
        '--csv',
        csv,
        '-o',
        out,
        '--sign-pfx',
        pki.leafPfx,
        '--pfx-password-file',
        passwordFile,
      ]);
      expect(run.code, run.stderr).toBe(0);
      for (const name of ['PC-1', 'PC-2']) {
        const verify = await runTool('osslsigncode', [
          'verify',
          '-in',
          join(out, `${name}.cat`),
          '-CAfile',
          pki.caPem,
        ]);
        expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
      }
    }, 60_000);

    it('--encrypt: size 16 + 160·⌈N/160⌉ + 32, inspect/extract with the password give the plain files back', async () => {
      const assets = await assetFolder();
      const plain = join(work, 'enc', 'plain.ppkg');
      const encrypted = join(work, 'enc', 'secret.ppkg');
      expect(
        (
          await cli(['build', fixtureProject, '-o', plain, '--assets', assets], {
            SOURCE_DATE_EPOCH: '1700000000',
          })
        ).code,
      ).toBe(0);
      const passwordFile = join(work, 'package-password.txt');
      await writeFile(passwordFile, 'Pkg-Pass-2026\n');
      const run = await cli(
        [
          'build',
          fixtureProject,
          '-o',
          encrypted,
          '--assets',
          assets,
          '--encrypt',
          '--password-file',
          passwordFile,
        ],
        { SOURCE_DATE_EPOCH: '1700000000' },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      const plainSize = (await stat(plain)).size;
      expect((await stat(encrypted)).size).toBe(16 + 160 * Math.ceil(plainSize / 160) + 32);
      // The catalog lists the decrypted WIM and the encrypted file (§4.2): four members.
      const catalog = parseCatalog(new Uint8Array(await readFile(join(work, 'enc', 'secret.cat'))));
      expect(catalog.memberTags).toHaveLength(4);

      expect((await cli(['inspect', encrypted])).code).toBe(1);
      const inspect = await cli(['inspect', encrypted, '--json', '--password-file', passwordFile]);
      expect(inspect.code, inspect.stderr).toBe(0);
      const summary = JSON.parse(inspect.stdout) as {
        notes: string;
        encrypted: boolean;
        catalog: { matches: boolean };
      };
      expect(summary.notes).toContain('EncryptPackage=True;SignPackage=False;');
      expect(summary).toMatchObject({ encrypted: true, catalog: { matches: true } });

      const fromPlain = join(work, 'enc', 'x-plain');
      const fromEncrypted = join(work, 'enc', 'x-encrypted');
      expect((await cli(['extract', plain, '-o', fromPlain])).code).toBe(0);
      const extract = await cli(['extract', encrypted, '-o', fromEncrypted], {
        PPKG_PASSWORD: 'Pkg-Pass-2026',
      });
      expect(extract.code, extract.stderr).toBe(0);
      expect(await hashTree(fromEncrypted)).toEqual(await hashTree(fromPlain));

      // Wrong password: exit 1 with the reason, nothing written.
      const wrongOut = join(work, 'enc', 'x-wrong');
      const wrong = await cli(['extract', encrypted, '-o', wrongOut], { PPKG_PASSWORD: 'nope' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/wrong password or the file was changed \(MAC mismatch\)/);
      await expect(stat(wrongOut)).rejects.toThrow(/ENOENT/);
      // One flipped ciphertext byte: MAC error.
      const bytes = await readFile(encrypted);
      bytes[100] = (bytes[100] ?? 0) ^ 1;
      const flipped = join(work, 'enc', 'flipped.ppkg');
      await writeFile(flipped, bytes);
      const flippedRun = await cli(['inspect', flipped, '--password-file', passwordFile]);
      expect(flippedRun.code).toBe(1);
      expect(flippedRun.stderr).toMatch(/MAC mismatch/);
      // A file that is no package at all.
      const junk = join(work, 'enc', 'junk.ppkg');
      await writeFile(junk, 'not a package');
      const junkRun = await cli(['inspect', junk, '--password-file', passwordFile]);
      expect(junkRun.code).toBe(1);
      expect(junkRun.stderr).toMatch(/neither a package/);
    }, 60_000);

    it('--encrypt without a password generates one, printed once to stderr only, that opens the package', async () => {
      const out = join(work, 'gen', 'osd.ppkg');
      const run = await cli([
        'build',
        fixtureProject,
        '-o',
        out,
        '--assets',
        await assetFolder(),
        '--encrypt',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const match = /Package password \(shown once, store it safely\): ([a-zA-Z0-9]{16})\n/.exec(run.stderr);
      expect(match).not.toBeNull();
      const password = match![1]!;
      expect(run.stdout).not.toContain(password);
      expect(run.stderr.split(password)).toHaveLength(2);
      for (const name of await readdir(join(work, 'gen'))) {
        expect(await readFile(join(work, 'gen', name), 'latin1')).not.toContain(password);
      }
      const inspect = await cli(['inspect', out], { PPKG_PASSWORD: password });
      expect(inspect.code, inspect.stderr).toBe(0);
    });
  },
);
