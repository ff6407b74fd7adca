import { describe, expect, it } from 'vitest';
import { compilePackage, CompileError } from '../../shared/compiler/compile';
import { fillMaskedSecrets, findMaskedSecrets, secretEnvironmentName } from '../../shared/model/secrets';
import { createWcdProject } from '../../shared/model/project';
import { getSetting, redactSecrets, setSetting } from '../../shared/model/settings-edit';
import { validateDocument } from '../../shared/validation';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';

/** Issue #10: a saved project's `********` is a missing secret, never a value. */
describe('masked secrets', () => {
  const ADMIN = 'Accounts/Users/User[localadmin]/Password';
  const masked = () => redactSecrets(createBulkEnrollmentExample());
  const compile = (doc: ReturnType<typeof masked>, redactedPreview = false) =>
    compilePackage(doc, serializeCustomizationsXml(doc), {
      style: 'store',
      targetSkus: 'Desktop',
      assets: new Map(),
      redactedPreview,
    });

  it('validation reports each masked secret at its field, once, as an error', () => {
    const findings = validateDocument(masked()).filter((finding) => finding.severity === 'error');
    expect(findings.map((finding) => [finding.ruleId, finding.path])).toEqual(
      expect.arrayContaining([
        ['secret.masked', ADMIN],
        ['secret.masked', 'Workplace/Enrollments/UPN[windows-bulkenroll-user1@contoso.com]/Secret'],
        [
          'secret.masked',
          'ConnectivityProfiles/WLAN/WLANSetting/WLANConfig[Contoso-Setup]/WLANXmlSettings/SecurityKey',
        ],
      ]),
    );
    expect(findings).toHaveLength(3);
  });

  it('the compiler refuses ********, except for the on-screen preview of a redacted copy', () => {
    const small = createWcdProject({
      name: 'T',
      id: '{4a0c7d2e-1b3f-4c5d-8e9f-a0b1c2d3e4f5}',
    }).customizations;
    setSetting(small, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
    setSetting(small, 'Accounts/Users/User/Password', 'Real-1', 'localadmin');
    expect(compile(small).length).toBeGreaterThan(0);
    expect(() => compile(redactSecrets(small))).toThrow(CompileError);
    expect(() => compile(redactSecrets(small))).toThrow(`${ADMIN}: this secret was saved masked`);
    expect(compile(redactSecrets(small), true).length).toBeGreaterThan(0);
  });

  it('fills only masked secrets, and never with the mask itself', () => {
    const doc = masked();
    const filled = fillMaskedSecrets(
      doc,
      new Map([
        [ADMIN, 'New-Admin-1'],
        ['Workplace/Enrollments/UPN[windows-bulkenroll-user1@contoso.com]/Secret', '********'],
      ]),
    );
    expect(filled).toEqual([ADMIN]);
    expect(getSetting(doc, ADMIN)).toBe('New-Admin-1');
    expect(findMaskedSecrets(doc)).toHaveLength(2);
  });

  it('names environment variables after the instance path', () => {
    expect(secretEnvironmentName(ADMIN)).toBe('PPKG_SECRET_ACCOUNTS_USERS_USER_LOCALADMIN_PASSWORD');
  });
});
