import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { expect, saveProjectToFolder, saveScreenshot, test } from './fixtures';
import { requireInputs } from './requirements';
import { packageTree } from '../../shared/node/package/package-tree';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { writeWim } from '../../shared/node/wim/wim-writer';
import type { Page } from '@playwright/test';
import { fixturePath, NEEDS_PPKG_FIXTURES } from '../support/fixtures';
import type { TestHost } from '../support/test-host';

// Every page here opens a real WCD project or package.
requireInputs({ reference: NEEDS_PPKG_FIXTURES.reference ?? [] });

/** The osd-setupspecialize fixture laid out as WCD saves a project folder. */
async function placeFixtureProject(host: TestHost): Promise<string> {
  await copyFile(
    fixturePath('osd-setupspecialize-cmdline.icdproj.xml'),
    host.path('setupspecialize.icdproj.xml'),
  );
  await copyFile(
    fixturePath('osd-setupspecialize-cmdline.customizations.xml'),
    host.path('customizations.xml'),
  );
  return 'setupspecialize.icdproj.xml';
}

async function openFixtureProject(page: Page, host: TestHost): Promise<void> {
  host.answerNextOpenDialog(await placeFixtureProject(host));
  await page.getByTestId('start-open-project').click();
  await page.getByTestId('show-advanced').click();
  await expect(page.getByTestId('advanced-editor')).toBeVisible();
}

/** The tree is virtualised and starts collapsed: find the setting by its path, pick it, clear the search. */
async function selectTreeItem(page: Page, path: string): Promise<void> {
  const search = page.getByTestId('advanced-search');
  await search.fill(path);
  await page.locator(`[role="treeitem"][data-path="${path}"]`).click();
  await search.fill('');
}

test('opening a WCD project folder shows its settings in the advanced editor', async ({
  app: { page, host },
}) => {
  await openFixtureProject(page, host);
  // The fixture's only setting (read from its customizations.xml above).
  const selected = page.getByTestId('selected-customizations');
  await expect(selected.locator('[data-setting]')).toHaveCount(1);
  await expect(selected).toContainText('ProvisioningCommands/DeviceContext/CommandLine');
  await expect(selected).toContainText('C:\\Windows\\Temp\\osdcloud\\SetupSpecialize.cmd');
  await expect(page.getByTestId('project-name')).toContainText('setupspecialize');

  // Selecting it shows label, help, kind and the evidence badge; the catalog marks it observed.
  await selectTreeItem(page, 'ProvisioningCommands/DeviceContext/CommandLine');
  const details = page.getByTestId('setting-details');
  await expect(details).toContainText('ProvisioningCommands/DeviceContext/CommandLine');
  await expect(details.getByTestId('evidence-badge')).toHaveText('Observed in WCD output');

  // A setting added here is in the same document the wizard uses: it survives switching editors.
  await selectTreeItem(page, 'OOBE/Desktop/HideOobe');
  await page.getByTestId('setting-value').click();
  await page.getByRole('option', { name: 'True' }).click();
  await page.getByTestId('setting-apply').click();
  await expect(selected.locator('[data-setting]')).toHaveCount(2);
  await page.getByTestId('show-wizard').click();
  await page.getByTestId('show-advanced').click();
  await expect(page.getByTestId('selected-customizations').locator('[data-setting]')).toHaveCount(2);

  // …and a wizard setting entered here shows on its wizard page (the device name is on the first step).
  await selectTreeItem(page, 'DevDetail/DNSComputerName');
  await page.getByTestId('setting-value').fill('LAB-PC-01');
  await page.getByTestId('setting-apply').click();
  await page.getByTestId('show-wizard').click();
  await expect
    .poll(() =>
      page.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    )
    .toContain('LAB-PC-01');
  await page.getByTestId('show-advanced').click();
  await page.getByRole('button', { name: 'Remove DevDetail/DNSComputerName' }).click();

  // The search filters the tree; a match keeps its ancestors.
  await page.getByRole('searchbox', { name: 'Search settings' }).fill('HideOobe');
  await expect(page.locator('[role="treeitem"]')).toHaveCount(3); // OOBE, OOBE/Desktop, HideOobe
  await page.getByRole('searchbox', { name: 'Search settings' }).fill('');
  await selectTreeItem(page, 'ProvisioningCommands/DeviceContext/CommandLine');
  await saveScreenshot(page, 'advanced-editor.png');

  // Removing from "Selected customizations" removes it from the document.
  await page.getByRole('button', { name: 'Remove OOBE/Desktop/HideOobe' }).click();
  await expect(selected.locator('[data-setting]')).toHaveCount(1);

  // The project is now a recent project on the start page.
  await page.getByRole('button', { name: 'Start page' }).click();
  await expect(page.getByTestId('recent-projects')).toContainText('setupspecialize');
});

test('save masks secrets; "Export for WCD" writes them only after the warning', async ({
  app: { page, host },
}) => {
  await openFixtureProject(page, host);
  await selectTreeItem(page, 'Accounts/Users/User/Password');
  await page.getByTestId('setting-key-0').fill('admin');
  await page.getByTestId('setting-value').fill('S3cret-Passw0rd');
  await page.getByTestId('setting-apply').click();
  await expect(page.getByTestId('selected-customizations')).toContainText(
    'Accounts/Users/User[admin]/Password',
  );
  await expect(page.getByTestId('selected-customizations')).not.toContainText('S3cret-Passw0rd');

  const saved = await saveProjectToFolder(page, host, 'setupspecialize.icdproj.xml');
  expect(saved).toContain('<Password>********</Password>');
  expect(saved).not.toContain('S3cret-Passw0rd');
  expect(saved).toContain('<CommandLine>C:\\Windows\\Temp\\osdcloud\\SetupSpecialize.cmd</CommandLine>');
  const projectFile = await readFile(host.path('saved/setupspecialize.icdproj.xml'), 'utf8');
  expect(projectFile).toContain('Id="{97a4c0e8-fa6e-4120-8e48-53e2bf5a29ac}"');

  // Export: the warning comes first; cancelling writes nothing.
  await page.getByTestId('export-wcd').click();
  await expect(page.getByTestId('secrets-warning')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(host.dialogs.filter((dialog) => dialog.kind === 'save')).toHaveLength(1);

  await mkdir(host.path('export'));
  host.answerNextSaveDialog('export/setupspecialize.icdproj.xml');
  await page.getByTestId('export-wcd').click();
  await page.getByTestId('export-wcd-confirm').click();
  await expect(page.getByTestId('save-done')).toContainText('with its passwords and keys');
  const exported = await readFile(host.path('export/customizations.xml'), 'utf8');
  expect(exported).toContain('<Password>S3cret-Passw0rd</Password>');
});

test('opening a .ppkg shows its details, settings and files, and imports it', async ({
  app: { page, host },
}) => {
  await copyFile(fixturePath('kbf-minimal-oobe-policy.ppkg'), host.path('kbf.ppkg'));
  host.answerNextOpenDialog('kbf.ppkg');
  await page.getByTestId('start-open-package').click();

  // Values from the fixture's WIM XML (docs/format/ppkg-format.md §2.4): NAME KBF, VERSION 1.0, ALTITUDE 2000.
  const details = page.getByTestId('package-details');
  await expect(details).toContainText('KBF');
  await expect(details).toContainText('OEM, rank 0');
  await expect(details).toContainText('{2e8ca021-e00d-44ac-b83c-08a6048bfb97}');
  await expect(details).toContainText('WindowsCommon,Desktop');
  await expect(details).toContainText('2025.416.0.0+757d43c324c9c7478617b0f9126747d9cdee37db');
  const settings = page.getByTestId('package-settings');
  await expect(settings).toContainText('OOBE/Desktop/HideOobe');
  await expect(settings).toContainText('Policies/ApplicationManagement/AllowAllTrustedApps');
  await expect(page.getByTestId('package-files')).toContainText('customizations.xml');
  // What Windows applies, decompiled from the provxml, and the check against customizations.xml.
  await expect(page.getByTestId('package-applied')).toContainText('OOBE/Desktop/HideOobe');
  await expect(page.getByTestId('package-verified')).toBeVisible();
  await expect(page.getByTestId('package-mismatch')).toHaveCount(0);
  await saveScreenshot(page, 'open-package.png');

  await page.getByTestId('import-package').click();
  await expect(page.getByTestId('advanced-editor')).toBeVisible();
  await expect(page.getByTestId('selected-customizations').locator('[data-setting]')).toHaveCount(2);
  await expect(page.getByTestId('project-name')).toContainText('KBF');
});

test('a package whose provxml does not match its customizations.xml is flagged, with the applied value', async ({
  app: { page, host },
}) => {
  // The kbf fixture with HideOobe flipped in the provxml only, and one extra file with an escape in its name.
  const wim = await openWimFile(fixturePath('kbf-minimal-oobe-policy.ppkg'));
  const files: { path: string; bytes: Uint8Array }[] = [];
  try {
    for (const entry of wim.entries) {
      if (entry.isDirectory) continue;
      let bytes = await wim.readFile(entry);
      const text = new TextDecoder().decode(bytes);
      if (entry.path.endsWith('.provxml') && text.includes('HideOobe'))
        bytes = new TextEncoder().encode(text.replace('value="true"', 'value="false"'));
      files.push({ path: entry.path, bytes });
    }
  } finally {
    await wim.close();
  }
  files.push({ path: 'Multivariant/0/x\u001b[8m.txt', bytes: new Uint8Array([1]) });
  await writeWim(host.path('spoofed.ppkg'), { entries: packageTree(files), workerCount: 0 });
  host.answerNextOpenDialog('spoofed.ppkg');
  await page.getByTestId('start-open-package').click();
  const mismatch = page.getByTestId('package-mismatch');
  await expect(mismatch).toContainText('does not do what its customizations.xml says');
  await expect(mismatch).toContainText('Applied value differs from the declared one: OOBE/Desktop/HideOobe');
  await expect(mismatch).toContainText('Applied: false');
  await expect(mismatch).toContainText('Declared: true');
  await expect(mismatch).toContainText('Multivariant/0/x\\x1B[8m.txt');
  await expect(page.getByTestId('package-verified')).toHaveCount(0);
});

test('a corrupt .ppkg shows the reader error with its byte offset', async ({ app: { page, host } }) => {
  const bytes = await readFile(fixturePath('kbf-minimal-oobe-policy.ppkg'));
  await writeFile(host.path('truncated.ppkg'), bytes.subarray(0, 100));
  host.answerNextOpenDialog('truncated.ppkg');
  await page.getByTestId('start-open-package').click();
  await expect(page.getByTestId('package-error')).toContainText('could not be read');
  await expect(page.getByTestId('package-error')).toContainText(/byte offset \d+/);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('start-page')).toBeVisible();
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the package page and the advanced editor are translated', async ({
    app: { page, host },
  }, testInfo) => {
    await copyFile(fixturePath('kbf-minimal-oobe-policy.ppkg'), host.path('kbf.ppkg'));
    host.answerNextOpenDialog('kbf.ppkg');
    await page.getByTestId('start-open-package').click();
    await expect(page.getByTestId('package-details')).toContainText('OEM, rango 0');
    await saveScreenshot(page, 'open-package-es.png', testInfo.outputDir);
    await page.getByRole('button', { name: 'Importar como proyecto' }).click();
    await expect(page.getByRole('heading', { name: 'Personalizaciones disponibles' })).toBeVisible();
    await selectTreeItem(page, 'OOBE/Desktop/HideOobe');
    await saveScreenshot(page, 'advanced-editor-es.png', testInfo.outputDir);
  });
});
