import { readFileSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import type englishTexts from '../../renderer/src/locales/en.json';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';
import { buildPackage } from '../../shared/node/package/build-package';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createBulkEnrollmentExample } from '../support/bulk-enrollment';
import { createTestHost, type TestHost } from '../support/test-host';
import { expect, repoRoot, saveScreenshot, test } from './fixtures';

/**
 * Issue #14 in the app: the wizard's Package tab compares the project with its last build (none yet, then
 * equal after a build, then exactly the edits made since — a password only as "changed"), Open package
 * compares two packages, and "Test in Windows Sandbox" is disabled here (not Windows) with the reason. Each
 * view is checked with axe-core in English and Spanish; the English ones are the README's screenshots.
 */

type Texts = typeof englishTexts;
const texts: Record<'en' | 'es', Texts> = {
  en: JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/en.json'), 'utf8')) as Texts,
  es: JSON.parse(readFileSync(join(repoRoot, 'renderer/src/locales/es.json'), 'utf8')) as Texts,
};
const PASSWORDS = { first: 'Adm1n-Pass!2024', second: 'Other-Pass!2025' };
const ENROLLMENT_SECRETS = { v1: 'Enr0ll-Secret-7731', v2: 'Changed-Secret-9902' };
const UPN = 'windows-bulkenroll-user1@contoso.com';

/** A form field by its label; required fields add a " *" to the accessible name. */
function field(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}\\s?\\*?$`));
}

/** {{name}} placeholders of a locale text filled in, as i18next does. */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => String(values[name]));

/** The view shows none of these values, and its screenshot (English) goes to the README's set. */
async function checkAndShoot(view: Locator, secrets: string[], name: string, testInfo: TestInfo) {
  const shown = await view.innerText();
  for (const secret of secrets) expect(shown).not.toContain(secret);
  // Spanish ones go to the test's output only.
  await saveScreenshot(view.page(), name, name.endsWith('-es.png') ? testInfo.outputDir : undefined);
}

async function expectNoAxeViolations(page: Page, selectors: string[]): Promise<void> {
  let builder = new AxeBuilder({ page }).exclude('[data-tabster-dummy]');
  for (const selector of selectors) builder = builder.include(selector);
  const result = await builder.analyze();
  expect(
    result.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Two versions of the bulk-enrollment package: v2 flips one policy, changes the enrollment secret and the version. */
async function buildTwoVersions(host: TestHost): Promise<void> {
  const first = createBulkEnrollmentExample();
  setSetting(first, 'Workplace/Enrollments/UPN/Secret', ENROLLMENT_SECRETS.v1, UPN);
  const second = structuredClone(first);
  setSetting(second, 'Policies/ApplicationManagement/AllowAllTrustedApps', 'No');
  setSetting(second, 'Workplace/Enrollments/UPN/Secret', ENROLLMENT_SECRETS.v2, UPN);
  second.packageConfig.version = '1.1';
  const assets = new Map([
    ['C:\\Prov\\Agent.msi', new Uint8Array(4000).map((_, index) => index & 0xff)],
    [
      'C:\\Prov\\ContosoRoot.cer',
      new Uint8Array(readFileSync(join(repoRoot, 'tests/fixtures/certificates/contoso-root.cer'))),
    ],
  ]);
  const versions: Array<[CustomizationsDocument, string]> = [
    [first, 'v1.ppkg'],
    [second, 'v2.ppkg'],
  ];
  for (const [doc, name] of versions) {
    await buildPackage({
      doc,
      customizationsXml: serializeCustomizationsXml(doc),
      style: 'store',
      targetSkus: 'WindowsCommon,Desktop',
      assets,
      outPath: host.path(name),
      env: { SOURCE_DATE_EPOCH: '1767225600' },
    });
  }
}

for (const language of ['en', 'es'] as const) {
  test.describe(language === 'en' ? 'in English' : 'in Spanish', () => {
    test.use({ locale: language === 'en' ? 'en-US' : 'es-ES' });
    const t = texts[language];
    const shot = (name: string) => (language === 'en' ? name : name.replace('.png', '-es.png'));

    test('the Package tab shows exactly what changed since the last build', async ({
      app: { page, host },
    }, testInfo) => {
      test.setTimeout(120_000);
      const w = t.wizard;
      const preview = w.preview.lastBuild;
      await page.getByRole('button', { name: t.start.newProject }).click();
      await field(page, w.device.deviceName).fill('CTS-001');
      await page.getByRole('tab', { name: w.steps.accounts.title }).click();
      await field(page, w.accounts.userName).fill('localadmin');
      await field(page, w.accounts.password).fill(PASSWORDS.first);
      await page.getByRole('tab', { name: w.steps.finish.title }).click();
      await field(page, w.finish.packageName).fill('Contoso-Diff');

      // Before any build: a clear empty state.
      await page.getByRole('tab', { name: w.preview.packageTab }).click();
      const status = page.getByTestId('last-build-diff');
      await expect(status).toHaveText(preview.none);
      await expect(page.getByTestId('toggle-changes')).toHaveCount(0);

      host.answerNextSaveDialog('Contoso-Diff.ppkg');
      await page.getByRole('button', { name: w.build }).click();
      await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 60_000 });
      await expect(status).toHaveText(fill(preview.equal, { file: 'Contoso-Diff.ppkg' }), {
        timeout: 20_000,
      });

      // Two edits: the device name and the administrator's password.
      await page.getByRole('tab', { name: w.steps.device.title }).click();
      await field(page, w.device.deviceName).fill('CTS-002');
      await page.getByRole('tab', { name: w.steps.accounts.title }).click();
      await field(page, w.accounts.password).fill(PASSWORDS.second);
      // "… 2 settings, N file(s)": the files count depends on how the compiler groups them.
      const changedPrefix = fill(preview.changed_other, { file: 'Contoso-Diff.ppkg', count: 2, files: '|' });
      await expect(status).toContainText(changedPrefix.split('|')[0]!, { timeout: 20_000 });
      await page.getByTestId('toggle-changes').click();

      const diff = page.getByTestId('package-diff');
      const settings = diff.getByTestId('diff-settings');
      await expect(settings.locator('[data-change]')).toHaveCount(2);
      await expect(settings.locator('[data-change="changed"]')).toHaveCount(2);
      await expect(settings).toContainText('DevDetail/DNSComputerName');
      await expect(settings).toContainText('"CTS-001" → "CTS-002"');
      await expect(settings).toContainText('Accounts/Users/User[localadmin]/Password');
      await expect(settings).toContainText(t.diff.secretChanged);
      // Nothing else: same properties and assets; the provxml shows the new name, the password as a token.
      await expect(diff.getByTestId('diff-properties')).toHaveCount(0);
      await expect(diff.getByTestId('diff-assets')).toHaveCount(0);
      const provxml = diff.getByTestId('diff-provxml');
      await expect(provxml).toContainText('+');
      await expect(provxml).toContainText('CTS-002');
      await expect(provxml).toContainText('********(');
      await checkAndShoot(diff, Object.values(PASSWORDS), shot('wizard-package-diff.png'), testInfo);
      await expectNoAxeViolations(page, ['[data-testid="last-build-diff"]', '[data-testid="package-diff"]']);

      // Back to the files; undoing both edits makes the project equal to its last build again.
      await page.getByTestId('toggle-changes').click();
      await expect(page.getByTestId('package-files')).toBeVisible();
      await page.getByRole('tab', { name: w.steps.device.title }).click();
      await field(page, w.device.deviceName).fill('CTS-001');
      await page.getByRole('tab', { name: w.steps.accounts.title }).click();
      await field(page, w.accounts.password).fill(PASSWORDS.first);
      await expect(status).toHaveText(fill(preview.equal, { file: 'Contoso-Diff.ppkg' }), {
        timeout: 20_000,
      });
    });

    test('Open package compares with a second package; Windows Sandbox is disabled here with the reason', async ({
      app: { page, host },
    }, testInfo) => {
      test.setTimeout(120_000);
      await buildTwoVersions(host);
      host.answerNextOpenDialog('v1.ppkg');
      await page.getByTestId('start-open-package').click();
      await expect(page.getByTestId('package-details')).toContainText('Contoso-BulkEnroll', {
        timeout: 30_000,
      });

      // Not Windows here: the button is disabled and says why; networking is off.
      const sandbox = page.getByTestId('sandbox-panel');
      await expect(sandbox.getByTestId('sandbox-test')).toBeDisabled();
      await expect(sandbox.getByTestId('sandbox-reason')).toHaveText(t.sandbox.notWindows);
      await expect(sandbox.getByTestId('sandbox-test')).toHaveAccessibleDescription(t.sandbox.notWindows);
      await expect(sandbox.getByRole('switch', { name: t.sandbox.networking })).not.toBeChecked();
      await expect(sandbox.getByTestId('sandbox-warning')).toHaveText(t.sandbox.networkingWarning);

      host.answerNextOpenDialog('v2.ppkg');
      await page.getByTestId('compare-package').click();
      const comparison = page.getByTestId('package-comparison');
      await expect(comparison).toBeVisible({ timeout: 30_000 });
      await expect(comparison.getByRole('heading', { level: 3 })).toHaveText(
        fill(t.pages.package.compareTitle, { a: 'v1.ppkg', b: 'v2.ppkg' }),
      );
      const settings = comparison.getByTestId('diff-settings');
      await expect(settings.locator('[data-change]')).toHaveCount(2);
      await expect(settings).toContainText('Policies/ApplicationManagement/AllowAllTrustedApps');
      await expect(settings).toContainText('"Yes" → "No"');
      await expect(settings).toContainText(`Workplace/Enrollments/UPN[${UPN}]/Secret`);
      await expect(settings).toContainText(t.diff.secretChanged);
      await expect(comparison.getByTestId('diff-properties')).toContainText('"1.0" → "1.1"');
      // Same installer and certificate: no asset differences.
      await expect(comparison.getByTestId('diff-assets')).toHaveCount(0);
      await checkAndShoot(
        comparison,
        Object.values(ENROLLMENT_SECRETS),
        shot('open-package-compare.png'),
        testInfo,
      );
      await expectNoAxeViolations(page, [
        '[data-testid="package-comparison"]',
        '[data-testid="sandbox-panel"]',
      ]);

      await comparison.getByTestId('close-comparison').click();
      await expect(page.getByTestId('package-settings')).toBeVisible();
    });
  });
}

/** The app on a Windows host with the Sandbox feature: launching records the .wsb instead of starting it. */
const onWindows = test.extend<{ launched: string[] }>({
  launched: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => use([]),
    { scope: 'test' },
  ],
  host: async ({ launched }, use) => {
    const host = await createTestHost({ version: '0.0.0-test', locale: 'en-US', platform: 'win32' });
    const runs = host.path('sandbox-runs');
    Object.assign(host, {
      sandbox: {
        runsFolder: () => runs,
        isInstalled: async () => true,
        launch: async (wsbPath: string) => void launched.push(wsbPath),
        windowsPath: (path: string) => `C:\\Runs${path.slice(runs.length).replace(/\//g, '\\')}`,
      },
    });
    await use(host);
    await host.dispose();
  },
});

onWindows(
  'on Windows with the feature: a run reports per setting and is kept',
  async ({ app: { page, host }, launched }, testInfo) => {
    test.setTimeout(120_000);
    const t = texts.en;
    await buildTwoVersions(host);
    host.answerNextOpenDialog('v2.ppkg');
    await page.getByTestId('start-open-package').click();
    const sandbox = page.getByTestId('sandbox-panel');
    const start = sandbox.getByTestId('sandbox-test');
    await expect(start).toBeEnabled({ timeout: 30_000 });
    await expect(sandbox.getByTestId('sandbox-reason')).toHaveCount(0);
    await expect(start).toHaveAccessibleDescription(t.sandbox.networkingWarning);
    await expect(sandbox.getByRole('switch', { name: t.sandbox.networking })).not.toBeChecked();
    await start.click();
    await expect(sandbox.getByRole('status')).toContainText('waiting for the script', { timeout: 20_000 });
    expect(launched).toHaveLength(1);
    const runFolder = dirname(launched[0]!);
    expect(await readFile(launched[0]!, 'utf8')).toContain('<Networking>Disable</Networking>');

    // The script inside the sandbox writes its results: the panel shows them per setting.
    await cp(join(repoRoot, 'tests/fixtures/sandbox/complete'), join(runFolder, 'results'), {
      recursive: true,
    });
    const report = sandbox.getByTestId('sandbox-report');
    await expect(report).toBeVisible({ timeout: 20_000 });
    const failed = report.locator('[data-outcome="failed"]');
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText('Policies/ApplicationManagement/AllowAllTrustedApps');
    await expect(failed).toContainText('0x80070057');
    await expect(report).toContainText(t.sandbox.outcome['not-reported']);
    await expectNoAxeViolations(page, ['[data-testid="sandbox-panel"]']);
    await saveScreenshot(page, 'open-package-sandbox.png', testInfo.outputDir);

    // Kept for later: opening the package again lists the run with its report.
    await page.getByRole('button', { name: t.pages.package.back }).click();
    host.answerNextOpenDialog('v2.ppkg');
    await page.getByTestId('start-open-package').click();
    await expect(page.getByTestId('sandbox-run')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId('sandbox-run')).toContainText('complete: ');
    await expect(page.getByTestId('sandbox-report').locator('[data-outcome="failed"]')).toHaveCount(1);
  },
);
