import { readFileSync } from 'node:fs';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type englishTexts from '../../renderer/src/locales/en.json';
import { createWcdProject } from '../../shared/model/project';
import { redactSecrets, setSetting } from '../../shared/model/settings-edit';
import { parseCatalog } from '../../shared/package-security/catalog';
import { saveProjectFolder } from '../../shared/node/project-folder';
import { runTool } from '../support/oracles';
import { createTestPki } from '../support/test-pki';
import { expect, repoRoot, saveScreenshot, test } from './fixtures';

type Texts = typeof englishTexts;
const en = JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/en.json'), 'utf8')) as Texts;
const s = en.wizard.finish.security;

async function toFinish(page: Page): Promise<void> {
  await page.getByRole('tab', { name: en.wizard.steps.finish.title }).click();
  await expect(page.locator('#step-title')).toHaveText(en.wizard.steps.finish.title);
}

test('Finish page: sign with a PFX and encrypt with a generated password shown once', async ({
  app: { page, host },
}) => {
  test.setTimeout(90_000);
  const pki = await createTestPki();
  await copyFile(pki.leafPfx, host.path('signer.pfx'));

  await page.getByRole('button', { name: en.start.newProject }).click();
  await page.getByLabel(new RegExp(`^${en.wizard.device.deviceName}`)).fill('CTS-PC001');
  await toFinish(page);
  await page.getByLabel(new RegExp(`^${en.wizard.finish.packageName}`)).fill('Contoso-Signed');

  const security = page.getByTestId('package-security');
  await security.getByRole('checkbox', { name: s.sign }).check();
  host.answerNextOpenDialog('signer.pfx');
  await security.getByRole('button', { name: s.choosePfx }).click();
  await expect(security.getByTestId('pfx-name')).toHaveText('signer.pfx');
  await security.getByLabel(s.pfxPassword).fill(pki.leafPfxPassword);
  await expect(security).toContainText(s.trustTitle);
  await security.getByRole('checkbox', { name: s.encrypt }).check();
  await expect(security.getByTestId('encryption-derived')).toHaveText(s.derived);
  await security.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await saveScreenshot(page, 'wizard-finish-security.png');

  host.answerNextSaveDialog('Contoso-Signed.ppkg');
  await page.getByRole('button', { name: en.wizard.build }).click();
  await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('build-catalog')).toContainText(
    `${host.path('Contoso-Signed.cat')} (${s.signed})`,
  );
  await expect(page.getByTestId('build-encrypted')).toHaveText(s.yes);
  const password = (await page.getByTestId('generated-password-value').textContent()) ?? '';
  expect(password).toMatch(/^[a-zA-Z0-9]{16}$/);
  await page
    .getByTestId('generated-password')
    .evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await saveScreenshot(page, 'wizard-finish-password.png');

  // The signed catalog passes osslsigncode with the test CA and lists the plain and encrypted hashes.
  const verify = await runTool('osslsigncode', [
    'verify',
    '-in',
    host.path('Contoso-Signed.cat'),
    '-CAfile',
    pki.caPem,
  ]);
  expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
  expect(
    parseCatalog(new Uint8Array(await readFile(host.path('Contoso-Signed.cat')))).memberTags,
  ).toHaveLength(4);

  // Shown once: leaving the page and coming back does not show it again.
  await page.getByRole('tab', { name: en.wizard.steps.device.title }).click();
  await toFinish(page);
  await expect(page.getByTestId('generated-password')).toHaveCount(0);
  await rm(pki.dir, { recursive: true, force: true });
});

test('Open package prompts for the password of an encrypted package', async ({ app: { page, host } }) => {
  test.setTimeout(60_000);
  // Build one through main first (the Finish page flow is covered above).
  await page.getByRole('button', { name: en.start.newProject }).click();
  await page.getByLabel(new RegExp(`^${en.wizard.device.deviceName}`)).fill('CTS-PC001');
  await toFinish(page);
  await page.getByLabel(new RegExp(`^${en.wizard.finish.packageName}`)).fill('Locked');
  const security = page.getByTestId('package-security');
  await security.getByRole('checkbox', { name: s.encrypt }).check();
  await security.getByRole('radio', { name: s.own }).check();
  await security.getByLabel(s.ownPassword).fill('Open-Sesame-1');
  host.answerNextSaveDialog('Locked.ppkg');
  await page.getByRole('button', { name: en.wizard.build }).click();
  await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('generated-password')).toHaveCount(0);

  await page.reload();
  host.answerNextOpenDialog('Locked.ppkg');
  await page.getByTestId('start-open-package').click();
  const prompt = page.getByTestId('package-password');
  await expect(prompt).toContainText(en.packageSecurity.encryptedTitle);
  await prompt.getByLabel(en.packageSecurity.passwordLabel).fill('wrong');
  await prompt.getByRole('button', { name: en.packageSecurity.open }).click();
  await expect(page.getByTestId('package-password')).toContainText(en.packageSecurity.wrongPassword);
  await page
    .getByTestId('package-password')
    .getByLabel(en.packageSecurity.passwordLabel)
    .fill('Open-Sesame-1');
  await page.getByTestId('package-password').getByRole('button', { name: en.packageSecurity.open }).click();
  const details = page.getByTestId('package-details');
  await expect(details).toContainText('Locked');
  await expect(details).toContainText(s.encrypted);
  await saveScreenshot(page, 'open-package-encrypted.png');
});

test('a project saved with masked secrets: each one is an error at its field and Build is disabled', async ({
  app: { page, host },
}) => {
  const project = createWcdProject({
    name: 'Masked',
    id: '{6b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b}',
    wizard: true,
  });
  const doc = project.customizations;
  setSetting(doc, 'DevDetail/DNSComputerName', 'CTS-PC001');
  setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
  setSetting(doc, 'Accounts/Users/User/Password', 'Real-Password-1', 'localadmin');
  await saveProjectFolder(
    host.root,
    { project: project.project, customizations: redactSecrets(doc) },
    'Masked.icdproj.xml',
  );

  host.answerNextOpenDialog('Masked.icdproj.xml');
  await page.getByTestId('start-open-project').click();
  await toFinish(page);
  const issues = page.getByTestId('issues');
  await expect(issues).toContainText('Password is missing: the project was saved with this secret masked');
  await expect(page.getByRole('button', { name: en.wizard.build })).toBeDisabled();

  // The field itself is empty (not eight dots) and asks for the secret again; typing it enables Build.
  await page.getByRole('tab', { name: en.wizard.steps.accounts.title }).click();
  const password = page.getByLabel(new RegExp(`^${en.wizard.accounts.password}`));
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', en.packageSecurity.secretMasked);
  await password.fill('Typed-Again-2');
  await toFinish(page);
  await expect(page.getByRole('button', { name: en.wizard.build })).toBeEnabled();
});
