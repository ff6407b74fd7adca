import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWizardPackage, inspectCertificate } from '../../electron/main/wizard-build';
import { CompileError } from '../../shared/compiler/errors';
import { createWcdProject } from '../../shared/model/project';
import { setSetting } from '../../shared/model/settings-edit';
import { requireTool } from '../support/oracles';

let folder = '';

beforeAll(async () => {
  requireTool('openssl'); // makes the test certificates
  folder = await mkdtemp(join(tmpdir(), 'wizard-build-'));
  for (const format of ['PEM', 'DER']) {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(folder, 'key.pem')].concat([
        '-out',
        join(folder, `root.${format}`),
        '-outform',
        format,
        '-subj',
        '/CN=Test Root',
        '-days',
        '30',
      ]),
      { stdio: 'ignore' },
    );
  }
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('inspectCertificate', () => {
  it('reads PEM and DER alike; the thumbprint is the SHA-1 openssl reports', async () => {
    const pem = inspectCertificate(await readFile(join(folder, 'root.PEM')));
    const der = inspectCertificate(await readFile(join(folder, 'root.DER')));
    expect(pem?.subject).toBe('CN=Test Root');
    const opensslFingerprint = execFileSync(
      'openssl',
      ['x509', '-in', join(folder, 'root.PEM'), '-noout', '-fingerprint', '-sha1'],
      { encoding: 'utf8' },
    )
      .split('=')[1]!
      .trim()
      .replace(/:/g, '');
    expect(pem?.thumbprint).toBe(opensslFingerprint);
    expect(der?.thumbprint).not.toBe(pem?.thumbprint); // two different certificates were generated
    expect(Date.parse(pem!.notAfter)).toBeGreaterThan(Date.now());
  });

  it('returns null for a file that is not a certificate', () => {
    expect(inspectCertificate(new TextEncoder().encode('hello, not a certificate'))).toBeNull();
  });
});

describe('buildWizardPackage', () => {
  it('reports an unreadable asset as a failure naming the setting, and writes nothing', async () => {
    const doc = createWcdProject({
      name: 'T',
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      wizard: true,
    }).customizations;
    setSetting(
      doc,
      'Certificates/RootCertificates/RootCertificate/CertificatePath',
      '/nowhere/root.cer',
      'Root',
    );
    const outPath = join(folder, 'out.ppkg');
    const outcome = await buildWizardPackage(doc, outPath, async (_path, settingPath) => {
      throw new CompileError(settingPath, 'the file could not be read');
    });
    expect(outcome).toEqual({
      ok: false,
      // The compiler's path form names the item by its key (shared/compiler/errors.ts).
      settingPath: 'Certificates/RootCertificates/Root/CertificatePath',
      detail: 'the file could not be read',
    });
    await expect(readFile(outPath)).rejects.toThrow();
  });

  it('builds with the certificate bytes and hashes the written file', async () => {
    const doc = createWcdProject({
      name: 'T',
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      wizard: true,
    }).customizations;
    setSetting(
      doc,
      'Certificates/RootCertificates/RootCertificate/CertificatePath',
      join(folder, 'root.DER'),
      'Root',
    );
    const outPath = join(folder, 'ok.ppkg');
    const outcome = await buildWizardPackage(doc, outPath, (path) => readFile(path));
    const expected = execFileSync('sha256sum', [outPath], { encoding: 'utf8' }).split(' ')[0];
    expect(outcome).toMatchObject({ ok: true, path: outPath, sha256: expected });
  });
});
