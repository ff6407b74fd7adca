import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../shared/model/settings-edit';
import { buildPackage } from '../../shared/node/package/build-package';
import type { PackageSecurityOptions } from '../../shared/node/package-security/secure-package';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';

/** The reported SHA-256 is reused from the catalog step when there is one; it must still be the file's. */
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'build-package-sha256-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const doc = createBulkEnrollmentExample();
// Without the settings that need files (certificate, installer): only the package's digest is checked here.
doc.common = doc.common.filter((group) => !['Certificates', 'ProvisioningCommands'].includes(group.name));
setSetting(doc, 'Workplace/Enrollments/UPN/Secret', 'test-secret', 'windows-bulkenroll-user1@contoso.com');

describe('buildPackage reports the SHA-256 of the package it wrote', () => {
  const cases: [string, PackageSecurityOptions][] = [
    ['with a catalog', {}],
    ['without a catalog', { catalog: false }],
    ['encrypted, with a catalog', { encryptionPassword: 'horse battery' }],
  ];
  it.each(cases)('%s', async (label, security) => {
    const outPath = join(work, `${label.replace(/\W+/g, '-')}.ppkg`);
    const built = await buildPackage({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      style: 'store',
      targetSkus: 'WindowsCommon,Desktop',
      assets: new Map(),
      outPath,
      workerCount: 0,
      security,
    });
    const onDisk = createHash('sha256')
      .update(await readFile(outPath))
      .digest('hex');
    expect(built.sha256).toBe(onDisk);
    expect(built).not.toHaveProperty('sha256', undefined);
  });
});
