import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type englishTexts from '../../renderer/src/locales/en.json';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { wimlibVerify } from '../support/oracles';
import type { TestHost } from '../support/test-host';
import { editorText, expect, repoRoot, saveScreenshot, screenshotDir, test } from './fixtures';

/** The UI texts, read as data from the renderer's locale files, so one flow runs in both languages. */
type Texts = typeof englishTexts;
const texts: Record<'en' | 'es', Texts> = {
  en: JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/en.json'), 'utf8')) as Texts,
  es: JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/es.json'), 'utf8')) as Texts,
};

const SECRETS = {
  wifiKey: 'correct-horse-battery',
  adminPassword: 'Adm1n-Pass!2024',
  enrollmentSecret: 'Enroll-Secret-42',
};
const UPN = 'windows-bulkenroll-user1@contoso.com';

/**
 * A self-signed root certificate (made once with `openssl req -x509`, DER, valid to 2036) kept in the repository, so
 * the built package and its screenshots are the same on every run.
 */
async function placeCertificate(host: TestHost, name: string): Promise<void> {
  await copyFile(join(repoRoot, 'tests/fixtures/certificates/contoso-root.cer'), host.path(`${name}.cer`));
}

/** A form field by its label; required fields add a " *" to the accessible name. */
function field(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}\\s?\\*?$`));
}

async function next(page: Page, t: Texts): Promise<void> {
  await page.getByRole('button', { name: t.wizard.next, exact: true }).click();
}

async function pickOption(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fills every page as a new user would, taking a screenshot of each; ends on the Finish page. */
async function fillBulkEnrollment(page: Page, host: TestHost, language: 'en' | 'es', shots: string) {
  const t = texts[language];
  const w = t.wizard;
  await page.getByRole('button', { name: t.start.newProject }).click();
  const heading = page.locator('#step-title');

  // 1. Device
  await expect(heading).toHaveText(w.steps.device.title);
  await field(page, w.device.deviceName).fill('CTS-%RAND:6%');
  await saveScreenshot(page, `wizard-device${language === 'es' ? '-es' : ''}.png`, shots);
  await next(page, t);

  // 2. Network
  await expect(heading).toHaveText(w.steps.network.title);
  await page.getByRole('switch', { name: w.network.connect }).click();
  await field(page, w.network.ssid).fill('Contoso-Setup');
  await field(page, w.network.key).fill(SECRETS.wifiKey);
  await saveScreenshot(page, `wizard-network${language === 'es' ? '-es' : ''}.png`, shots);
  await next(page, t);

  // 3. Accounts (local administrator is the default choice)
  await expect(heading).toHaveText(w.steps.accounts.title);
  await field(page, w.accounts.userName).fill('localadmin');
  await field(page, w.accounts.password).fill(SECRETS.adminPassword);
  await saveScreenshot(page, `wizard-accounts${language === 'es' ? '-es' : ''}.png`, shots);
  await next(page, t);

  // 4. Applications: one MSI picked in the open dialog
  await expect(heading).toHaveText(w.steps.applications.title);
  await writeFile(host.path('Agent.msi'), Buffer.from('not really an msi, but bytes to embed'));
  host.answerNextOpenDialog('Agent.msi');
  await page.getByRole('button', { name: w.applications.add }).click();
  await expect(field(page, w.applications.commandLine)).toHaveValue('msiexec /i "agent.msi" /qn');
  await saveScreenshot(page, `wizard-applications${language === 'es' ? '-es' : ''}.png`, shots);
  await next(page, t);

  // 5. Certificates: a root certificate, parsed in main
  await expect(heading).toHaveText(w.steps.certificates.title);
  await placeCertificate(host, 'ContosoRoot');
  host.answerNextOpenDialog('ContosoRoot.cer');
  await page.getByRole('button', { name: w.certificates.choose }).click();
  const details = page.getByTestId('certificate-details');
  await expect(details).toContainText('CN=Contoso Root CA');
  await expect(details).toContainText(/[0-9A-F]{40}/);
  await saveScreenshot(page, `wizard-certificates${language === 'es' ? '-es' : ''}.png`, shots);
  await next(page, t);

  // 6. Enrollment with the Ivanti preset
  await expect(heading).toHaveText(w.steps.enrollment.title);
  await pickOption(page, w.enrollment.preset, w.enrollment.presets.ivanti);
  await expect(page.getByTestId('ivanti-followup')).toBeVisible();
  const upn = field(page, w.enrollment.upn);
  await expect(upn).toHaveValue('windows-bulkenroll-');
  await upn.fill(UPN);
  await page
    .getByLabel(w.enrollment.discoveryUrl)
    .fill('https://mdm.contoso.com/EnrollmentServer/Discovery.svc');
  await field(page, w.enrollment.secret).fill(SECRETS.enrollmentSecret);
  // Typing scrolled the page down; show it from the top like a user arriving on it.
  await page.getByTestId('step-page-enrollment').evaluate((element) => element.scrollTo(0, 0));
  await saveScreenshot(page, `wizard-enrollment${language === 'es' ? '-es' : ''}.png`, shots);
  await next(page, t);

  // 7. Finish
  await expect(heading).toHaveText(w.steps.finish.title);
  await field(page, w.finish.packageName).fill('Contoso-BulkEnroll');
  return t;
}

async function buildAndCheck(page: Page, host: TestHost, t: Texts, screenshot: string, shots: string) {
  const preview = page.getByTestId('xml-preview');
  const xml = await editorText(preview);
  expect(xml).toContain(`<UPN UPN="${UPN}"`);
  for (const secret of Object.values(SECRETS)) expect(xml).not.toContain(secret);
  expect(xml).toContain('<Secret>********</Secret>');

  // The Package tab lists the compiled tree, including the enrollment's provxml, secrets still masked.
  await page.getByRole('tab', { name: t.wizard.preview.packageTab }).click();
  const files = page.getByTestId('package-files');
  await expect(files).toContainText('Workplace_Enrollments');
  await files.getByRole('button', { name: /Workplace_Enrollments/ }).click();
  const provxml = await editorText(page.getByTestId('package-file-preview'));
  await saveScreenshot(page, screenshot.replace('finish', 'package-preview'), shots);
  expect(provxml).toContain(UPN);
  for (const secret of Object.values(SECRETS)) expect(provxml).not.toContain(secret);
  await page.getByRole('tab', { name: t.wizard.preview.xmlTab }).click();

  await expect(page.getByTestId('issues').getByRole('img', { name: t.wizard.finish.error })).toHaveCount(0);
  const build = page.getByRole('button', { name: t.wizard.build });
  await expect(build).toBeEnabled();
  host.answerNextSaveDialog('Contoso-BulkEnroll.ppkg');
  await build.click();
  const result = page.getByTestId('build-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('build-path')).toHaveText(host.path('Contoso-BulkEnroll.ppkg'));
  const sha256 = execFileSync('sha256sum', [host.path('Contoso-BulkEnroll.ppkg')], {
    encoding: 'utf8',
  }).split(' ')[0];
  await expect(page.getByTestId('build-sha256')).toHaveText(sha256 ?? 'missing');
  await page.getByTestId('build-result').evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await saveScreenshot(page, screenshot, shots);

  await page.getByRole('button', { name: t.wizard.finish.showInFolder }).click();
  await expect.poll(() => host.revealed).toEqual([host.path('Contoso-BulkEnroll.ppkg')]);

  const verify = await wimlibVerify(host.path('Contoso-BulkEnroll.ppkg'));
  expect(verify.problems).toEqual([]);
  expect(verify.ok).toBe(true);
  const wim = await openWimFile(host.path('Contoso-BulkEnroll.ppkg'));
  try {
    const paths = wim.entries.map((entry) => entry.path);
    expect(paths.some((path) => /Prov\/.*Workplace_Enrollments.*\.provxml$/.test(path))).toBe(true);
    const enrollment = wim.entries.find((entry) => /Workplace_Enrollments.*\.provxml$/.test(entry.path));
    const text = new TextDecoder().decode(await wim.readFile(enrollment!));
    // The real build carries the real secret (masking is for the preview only).
    expect(text).toContain(SECRETS.enrollmentSecret);
  } finally {
    await wim.close();
  }
}

test('bulk enrollment as a new user: every page, masked preview, Build writes a valid .ppkg', async ({
  app: { page, host },
}) => {
  test.setTimeout(120_000);
  const t = await fillBulkEnrollment(page, host, 'en', screenshotDir);
  await buildAndCheck(page, host, t, 'wizard-finish.png', screenshotDir);
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the same bulk enrollment flow works and builds', async ({ app: { page, host } }, testInfo) => {
    test.setTimeout(120_000);
    const t = await fillBulkEnrollment(page, host, 'es', testInfo.outputDir);
    await buildAndCheck(page, host, t, 'wizard-finish-es.png', testInfo.outputDir);
  });
});

test('invalid input shows the message at the field and disables Build', async ({
  app: { page, host },
}, testInfo) => {
  const t = texts.en;
  const w = t.wizard;
  await page.getByRole('button', { name: t.start.newProject }).click();

  const name = field(page, w.device.deviceName);
  await name.fill('CONTOSO-LAPTOP1-%SERIAL%'); // 16 characters besides the macro
  await expect(name).toHaveAccessibleDescription(/up to 15 characters here, but it comes to 16/);

  await page.getByRole('tab', { name: w.steps.network.title }).click();
  await page.getByRole('switch', { name: w.network.connect }).click();
  await field(page, w.network.ssid).fill('Contoso');
  const key = field(page, w.network.key);
  await key.fill('1234567');
  await expect(key).toHaveAccessibleDescription(/WPA2-Personal key has 7 characters/);

  await page.getByRole('tab', { name: w.steps.certificates.title }).click();
  await writeFile(host.path('notes.txt'), 'just some text, no certificate here\n');
  host.answerNextOpenDialog('notes.txt');
  await page.getByRole('button', { name: w.certificates.choose }).click();
  await expect(page.getByTestId('certificate-add')).toContainText('"notes.txt" is not a certificate');
  await expect(page.getByTestId('certificate-root')).toHaveCount(0);

  await page.getByRole('tab', { name: w.steps.enrollment.title }).click();
  await page.getByRole('button', { name: w.enrollment.add }).click();
  await field(page, w.enrollment.upn).fill('device@contoso.com');
  const discovery = field(page, w.enrollment.discoveryUrl);
  await discovery.fill('http://mdm.contoso.com/EnrollmentServer/Discovery.svc');
  await expect(discovery).toHaveAccessibleDescription(/Use an https:\/\/ address/);
  // The secret is not marked required in the settings store, but an enrollment cannot work without it.
  await expect(field(page, w.enrollment.secret)).toHaveAccessibleDescription(/Secret is required/);
  await saveScreenshot(page, 'wizard-enrollment-errors.png', testInfo.outputDir);

  await page.getByRole('tab', { name: w.steps.finish.title }).click();
  const issues = page.getByTestId('issues');
  for (const message of [/comes to 16/, /7 characters/, /https:\/\//, /notes\.txt/]) {
    await expect(issues.getByText(message)).toBeVisible();
  }
  await expect(page.getByRole('button', { name: w.build })).toBeDisabled();
  await saveScreenshot(page, 'wizard-finish-errors.png', testInfo.outputDir);

  // Clicking an issue goes to its page.
  await issues.getByText(/notes\.txt/).click();
  await expect(page.locator('#step-title')).toHaveText(w.steps.certificates.title);
});
