import { copyFile } from 'node:fs/promises';
import { expect, saveScreenshot, test } from './fixtures';
import type { Page } from '@playwright/test';
import { referenceStoresPresent, storePath } from '../support/settings-stores';

/** The advanced editor over the whole generated catalog (issue #11 item 5), and a user's own settings store. */
async function openAdvancedEditor(page: Page): Promise<void> {
  await page.getByTestId('start-new-project').click();
  await page.getByTestId('show-advanced').click();
  await expect(page.getByTestId('advanced-editor')).toBeVisible();
}

test('finds AllowCortana in the full tree, sets it to No and shows it in the preview', async ({
  app: { page, host },
}) => {
  await openAdvancedEditor(page);
  // The tree starts at the 53 store groups, hidden ones left out, and stays virtualised.
  const tree = page.getByTestId('settings-tree');
  await expect(tree.locator('[role="treeitem"][data-path="AccountManagement"]')).toBeVisible();
  expect(await tree.locator('[role="treeitem"]').count()).toBeLessThan(53);

  await page.getByTestId('advanced-search').fill('AllowCortana');
  await page.locator('[role="treeitem"][data-path="Policies/Experience/AllowCortana"]').click();
  const details = page.getByTestId('setting-details');
  await expect(details).toContainText('Policies/Experience/AllowCortana');
  await expect(details.getByTestId('evidence-badge')).toHaveText('Derived from the WCD store');
  await expect(details.getByTestId('setting-facts')).toContainText(
    './Vendor/MSFT/Policy/Config/Experience/AllowCortana',
  );
  await expect(details).toContainText('Default: Yes');
  await details.getByTestId('setting-value').click();
  await page.getByRole('option', { name: 'No' }).click();
  await details.getByTestId('setting-apply').click();
  await expect(page.getByTestId('selected-customizations')).toContainText('Policies/Experience/AllowCortana');

  await page.getByTestId('advanced-preview-tab').click();
  await expect(page.getByTestId('advanced-preview').getByTestId('xml-preview')).toContainText(
    '<AllowCortana>No</AllowCortana>',
  );

  // The help links to the policy's Microsoft Learn page, opened by main in the system browser.
  await details.getByTestId('learn-link').click();
  await expect
    .poll(() => host.openedUrls)
    .toEqual(['https://learn.microsoft.com/windows/client-management/mdm/policy-csp-experience']);
  await saveScreenshot(page, 'advanced-editor-full-tree.png');
});

test('hidden settings and show-only-when rules', async ({ app: { page } }) => {
  await openAdvancedEditor(page);
  const search = page.getByTestId('advanced-search');
  const item = (path: string) => page.locator(`[role="treeitem"][data-path="${path}"]`);
  // AutoLogon's user name shows only once AutoLogon is enabled (store Visibility rule ../Enable = 1).
  await search.fill('SMISettings/AutoLogon');
  await expect(item('SMISettings/AutoLogon/Enable')).toBeVisible();
  await expect(item('SMISettings/AutoLogon/UserName')).toHaveCount(0);
  await item('SMISettings/AutoLogon/Enable').click();
  await page.getByTestId('setting-value').click();
  await page.getByRole('option', { name: 'ENABLE' }).click();
  await page.getByTestId('setting-apply').click();
  await expect(item('SMISettings/AutoLogon/UserName')).toBeVisible();
  await item('SMISettings/AutoLogon/UserName').click();
  await page.getByTestId('setting-value').fill('kiosk');
  await page.getByTestId('setting-apply').click();
  await expect(page.getByTestId('selected-customizations')).toContainText('SMISettings/AutoLogon/UserName');

  // Hidden (Private) nodes are off until asked for.
  await search.fill('HotSpot/EntitlementInterval');
  await expect(page.locator('[role="treeitem"]')).toHaveCount(0);
  await page.getByTestId('show-hidden').click();
  await expect(item('HotSpot/EntitlementInterval')).toBeVisible();
});

test.describe('a settings store of my own', () => {
  test.skip(!referenceStoresPresent(), 'needs ../shared/reference/settings-store');

  test('loads a picked .dat and marks the settings the built-in catalog lacks', async ({
    app: { page, host },
  }) => {
    await copyFile(
      storePath('Microsoft-Desktop-Provisioning.2019.dat'),
      host.path('Microsoft-Desktop-Provisioning.dat'),
    );
    await openAdvancedEditor(page);
    host.answerNextOpenDialog('Microsoft-Desktop-Provisioning.dat');
    await page.getByTestId('settings-store-menu').click();
    // No installed WCD in the test host: it says so and falls back to picking the file.
    await page.getByTestId('store-installed').click();
    await expect(page.getByTestId('settings-store-note')).toContainText(
      '1160 settings; 8 not in the built-in catalog.',
    );
    await expect(page.getByTestId('settings-store-menu')).toContainText('Microsoft-Desktop-Provisioning.dat');
    await page.getByTestId('advanced-search').fill('DOMaxDownloadBandwidth');
    await page
      .locator('[role="treeitem"][data-path="Policies/DeliveryOptimization/DOMaxDownloadBandwidth"]')
      .click();
    await expect(page.getByTestId('from-store-badge')).toBeVisible();
  });
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the full tree is translated', async ({ app: { page } }, testInfo) => {
    await openAdvancedEditor(page);
    await page.getByTestId('advanced-search').fill('AllowCortana');
    await page.locator('[role="treeitem"][data-path="Policies/Experience/AllowCortana"]').click();
    await expect(page.getByTestId('setting-details')).toContainText('Predeterminado: Yes');
    await saveScreenshot(page, 'advanced-editor-full-tree-es.png', testInfo.outputDir);
  });
});
