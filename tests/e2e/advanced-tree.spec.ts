import { copyFile, rm, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { writeMultivariant } from '../../shared/model/multivariant';
import { createWcdProject } from '../../shared/model/project';
import { setSetting } from '../../shared/model/settings-edit';
import type { SettingNode } from '../../shared/model/settings-tree';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { referenceStoresPresent, storePath } from '../support/settings-stores';
import type { TestHost } from '../support/test-host';
import { editorText, expect, saveProjectToFolder, saveScreenshot, test } from './fixtures';

/** The advanced editor over the whole generated catalog (issue #11 item 5), and a user's own settings store. */
async function openAdvancedEditor(page: Page): Promise<void> {
  await page.getByTestId('start-new-project').click();
  await page.getByTestId('show-advanced').click();
  await expect(page.getByTestId('advanced-editor')).toBeVisible();
}

/** A bare customizations.xml in the test folder, written by the core's model and writer. */
async function placeProject(host: TestHost, doc: CustomizationsDocument): Promise<string> {
  const file = `${doc.packageConfig.name}.xml`;
  await writeFile(host.path(file), serializeCustomizationsXml(doc));
  return file;
}

/** A document with these settings in Common (paths the built-in catalog knows). */
function projectWith(name: string, settings: [path: string, value: string][]): CustomizationsDocument {
  const { customizations } = createWcdProject({ name, id: '{6d1f3c52-0b8e-4f0e-9a57-3c2d41a7e901}' });
  for (const [path, value] of settings) setSetting(customizations, path, value);
  return customizations;
}

/** An element of the settings tree: text, or child elements. */
const element = (name: string, content: string | SettingNode[]): SettingNode =>
  typeof content === 'string'
    ? { name, attributes: [], children: [], text: content }
    : { name, attributes: [], children: content };

async function openProject(page: Page, host: TestHost, file: string): Promise<void> {
  host.answerNextOpenDialog(file);
  await page.getByTestId('start-open-project').click();
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
  await saveScreenshot(page, 'advanced-editor-groups.png', test.info().outputDir);

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
  // The compiled preview: the label "No" is stored as the policy's value 0.
  await page.getByTestId('advanced-preview').getByRole('tab', { name: 'Package' }).click();
  await page
    .getByTestId('package-files')
    .getByRole('button', { name: /Policies_Experience_AllowCortana\.provxml/ })
    .click();
  expect(await editorText(page.getByTestId('package-file-preview'))).toMatch(ALLOW_CORTANA_0);

  // The help links to the policy's Microsoft Learn page, opened by main in the system browser.
  await details.getByTestId('learn-link').click();
  await expect
    .poll(() => host.openedUrls)
    .toEqual(['https://learn.microsoft.com/windows/client-management/mdm/policy-csp-experience']);
  await saveScreenshot(page, 'advanced-editor-full-tree.png');

  // Built as a user would (Finish page, Build) and read back from the .ppkg: the provxml holds 0.
  await page.getByTestId('show-wizard').click();
  await page.getByRole('tab', { name: 'Device' }).click();
  await page.getByLabel(/^Device name/).fill('LAB-%SERIAL%');
  await page.getByRole('tab', { name: 'Finish' }).click();
  await page.getByLabel(/^Package name/).fill('Cortana-Off');
  host.answerNextSaveDialog('Cortana-Off.ppkg');
  await page.getByRole('button', { name: 'Build package' }).click();
  await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 30_000 });
  expect(await provxmlTexts(host.path('Cortana-Off.ppkg'))).toEqual([expect.stringMatching(ALLOW_CORTANA_0)]);
});

/** AllowCortana as a CSP parm with value 0 (compile-rules.md: policy enums are stored as their numbers). */
const ALLOW_CORTANA_0 =
  /<parm SettingsPath="Policies\/Experience\/AllowCortana" name="AllowCortana" value="0" datatype="integer" \/>/;

/** Every provxml in a built package that mentions AllowCortana, as text. */
async function provxmlTexts(packagePath: string): Promise<string[]> {
  const wim = await openWimFile(packagePath);
  try {
    const texts: string[] = [];
    for (const entry of wim.entries.filter((item) => item.path.endsWith('.provxml'))) {
      const text = new TextDecoder().decode(await wim.readFile(entry));
      if (text.includes('AllowCortana')) texts.push(text);
    }
    return texts;
  } finally {
    await wim.close();
  }
}

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
  // customizations.xml keeps WCD's label (ENABLE), the compiled provxml the store's value behind it.
  await page.getByTestId('advanced-preview-tab').click();
  const preview = page.getByTestId('advanced-preview');
  const xml = await editorText(preview.getByTestId('xml-preview'));
  expect(xml).toMatch(/<AutoLogon>\s*<Enable>ENABLE<\/Enable>\s*<UserName>kiosk<\/UserName>\s*<\/AutoLogon>/);
  await preview.getByRole('tab', { name: 'Package' }).click();
  await preview
    .getByTestId('package-files')
    .getByRole('button', { name: /SMISettings_AutoLogon\.provxml/ })
    .click();
  const provxml = await editorText(preview.getByTestId('package-file-preview'));
  expect(provxml).toContain('name="Enable" value="1" datatype="string"');
  expect(provxml).toContain('name="UserName" value="kiosk"');
  expect(provxml).not.toContain('ENABLE');
  await page.getByRole('tab', { name: /Selected customizations/ }).click();

  // Hidden (Private) nodes are off until asked for.
  await search.fill('HotSpot/EntitlementInterval');
  await expect(page.locator('[role="treeitem"]')).toHaveCount(0);
  await page.getByTestId('show-hidden').click();
  await expect(item('HotSpot/EntitlementInterval')).toBeVisible();
});

test('a multivariant project keeps and shows its targets and variants', async ({ app: { page, host } }) => {
  const doc = projectWith('Multivariant', [['Policies/Experience/AllowCortana', 'No']]);
  writeMultivariant(doc, {
    targets: [
      {
        id: 'LabLaptops',
        states: [
          [
            { name: 'Model', value: 'Pattern:^Lab.*' },
            { name: 'Architecture', value: 'amd64' },
          ],
        ],
      },
      { id: 'Spain', states: [[{ name: 'Region', value: 'ES' }]] },
    ],
    variants: [
      {
        index: 0,
        targetRefs: ['LabLaptops'],
        settings: projectWith('v0', [['Policies/Experience/AllowCortana', 'Yes']]).common,
      },
      {
        index: 1,
        targetRefs: ['Spain', 'LabLaptops'],
        settings: projectWith('v1', [['DevDetail/DNSComputerName', 'LAB-%SERIAL%']]).common,
      },
    ],
  });
  const file = await placeProject(host, doc);
  await openProject(page, host, file);
  const variants = page.getByTestId('variants');
  await expect(variants).toContainText('Multivariant settings: 2 variants');
  await expect(variants.locator('[data-target="LabLaptops"]')).toContainText(
    'Model = Pattern:^Lab.* and Architecture = amd64',
  );
  await expect(variants.locator('[data-target="Spain"]')).toContainText('Region = ES');
  await expect(variants.locator('[data-variant="0"]')).toContainText('Variant 1, for LabLaptops');
  await expect(variants.locator('[data-variant="0"]')).toContainText(
    'Policies/Experience/AllowCortana = Yes',
  );
  await expect(variants.locator('[data-variant="1"]')).toContainText('Variant 2, for Spain, LabLaptops');
  await expect(variants.locator('[data-variant="1"]')).toContainText(
    'DevDetail/DNSComputerName = LAB-%SERIAL%',
  );
  // Variants are not "not editable" settings: they have their own section.
  await expect(page.getByTestId('not-editable')).toHaveCount(0);
  // Common's own settings are listed as usual.
  await expect(page.getByTestId('selected-customizations')).toContainText('Policies/Experience/AllowCortana');
  await expect(page.getByTestId('selected-customizations').locator('[data-setting]')).toHaveCount(1);

  // An edit in Common keeps the variants, in the preview and in the saved project.
  await page.getByTestId('advanced-search').fill('DevDetail/DNSComputerName');
  await page.locator('[role="treeitem"][data-path="DevDetail/DNSComputerName"]').click();
  await page.getByTestId('setting-value').fill('PC-%SERIAL%');
  await page.getByTestId('setting-apply').click();
  await page.getByTestId('advanced-preview-tab').click();
  const xml = await editorText(page.getByTestId('advanced-preview').getByTestId('xml-preview'));
  expect(xml).toContain('<DNSComputerName>PC-%SERIAL%</DNSComputerName>');
  expect(xml).toContain('<TargetRef Id="Spain" />');
  expect(xml.match(/<Variant>/g)).toHaveLength(2);
  await saveScreenshot(page, 'advanced-editor-multivariant.png', test.info().outputDir);

  const saved = await saveProjectToFolder(page, host, 'Multivariant.icdproj.xml');
  expect(saved).toContain('<Condition Name="Model" Value="Pattern:^Lab.*" />');
  expect(saved.match(/<Variant>/g)).toHaveLength(2);
  expect(saved).toContain('<DNSComputerName>LAB-%SERIAL%</DNSComputerName>');
  expect(saved).toContain('<DNSComputerName>PC-%SERIAL%</DNSComputerName>');
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

  test('the tree and the "not editable" list follow the store; the choice outlives a restart', async ({
    app: { page, host },
  }) => {
    await copyFile(storePath('Microsoft-Desktop-Provisioning.2019.dat'), host.path('wcd-2019.dat'));
    // A setting the 2019 store has and the built-in (2024) catalog lacks.
    const doc = projectWith('Delivery', []);
    doc.common.push(
      element('Policies', [element('DeliveryOptimization', [element('DOMaxDownloadBandwidth', '100')])]),
    );
    const file = await placeProject(host, doc);
    await openProject(page, host, file);
    const notEditable = page.getByTestId('not-editable');
    const selected = page.getByTestId('selected-customizations');
    await expect(notEditable).toContainText('Policies/DeliveryOptimization/DOMaxDownloadBandwidth');
    await expect(selected.locator('[data-setting]')).toHaveCount(0);

    host.answerNextOpenDialog('wcd-2019.dat');
    await page.getByTestId('settings-store-menu').click();
    await page.getByTestId('store-pick').click();
    await expect(page.getByTestId('settings-store-note')).toContainText(
      '1160 settings; 8 not in the built-in catalog.',
    );
    // Recomputed from the new store's facts: now a setting like any other, in the list and the tree.
    await expect(notEditable).toHaveCount(0);
    await expect(selected).toContainText('Policies/DeliveryOptimization/DOMaxDownloadBandwidth');
    await expect(selected).toContainText('100');
    await page.getByTestId('advanced-search').fill('DOMaxDownloadBandwidth');
    await expect(
      page.locator('[role="treeitem"][data-path="Policies/DeliveryOptimization/DOMaxDownloadBandwidth"]'),
    ).toBeVisible();

    // Back to the built-in catalog: not editable again.
    await page.getByTestId('settings-store-menu').click();
    await page.getByTestId('store-builtin').click();
    await expect(notEditable).toContainText('Policies/DeliveryOptimization/DOMaxDownloadBandwidth');
    await expect(page.locator('[role="treeitem"]')).toHaveCount(0);

    // Chosen again, then the app restarts: main reads the remembered store again and both sides use it.
    host.answerNextOpenDialog('wcd-2019.dat');
    await page.getByTestId('settings-store-menu').click();
    await page.getByTestId('store-pick').click();
    await expect(page.getByTestId('settings-store-menu')).toContainText('wcd-2019.dat');
    await page.reload();
    await openProject(page, host, file);
    await expect(page.getByTestId('settings-store-menu')).toContainText('wcd-2019.dat');
    await expect(page.getByTestId('settings-store-note')).toContainText('1160 settings');
    await expect(notEditable).toHaveCount(0);
    await expect(page.getByTestId('store-restore-failed')).toHaveCount(0);

    // The remembered store is gone at the next start: the built-in catalog, and a message that says why.
    await rm(host.path('wcd-2019.dat'));
    await page.reload();
    const failed = page.getByTestId('store-restore-failed');
    await expect(failed).toContainText(
      `wcd-2019.dat, could not be loaded (the file is gone: ${host.path('wcd-2019.dat')})`,
    );
    await expect(failed).toContainText('PPKG Studio uses its built-in catalog');
    await saveScreenshot(page, 'settings-store-restore-failed.png', test.info().outputDir);
    await openProject(page, host, file);
    await expect(page.getByTestId('settings-store-menu')).toContainText('built-in');
    await expect(notEditable).toContainText('Policies/DeliveryOptimization/DOMaxDownloadBandwidth');
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
    // The whole tree again, groups first, in Spanish.
    await page.getByTestId('advanced-search').fill('');
    await page.locator('[role="treeitem"][data-path="Policies"]').click();
    await expect(page.getByTestId('settings-tree')).toContainText('Experience');
    await saveScreenshot(page, 'advanced-editor-groups-es.png', testInfo.outputDir);
    // At the window's minimum size the side pane's tabs stay inside it (the long Spanish label once pushed
    // "Vista previa" past the pane's edge).
    for (const size of [
      { width: 1280, height: 800 },
      { width: 960, height: 600 },
    ]) {
      await page.setViewportSize(size);
      const overflow = await page.getByTestId('advanced-preview-tab').evaluate((tab) => {
        const pane = tab.closest('[role="tablist"]')?.parentElement;
        return pane ? tab.getBoundingClientRect().right - pane.getBoundingClientRect().right : Infinity;
      });
      expect(overflow, `preview tab past the pane at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
    }
    await saveScreenshot(page, 'advanced-editor-min-size-es.png', testInfo.outputDir);
  });
});
