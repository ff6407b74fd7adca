import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runTool } from '../support/oracles';
import type { TestHost } from '../support/test-host';
import { expect, repoRoot, saveScreenshot, test } from './fixtures';

const batchFixtures = join(repoRoot, 'tests/fixtures/batch');
// tests/fixtures/batch/README.md lists the bad rows of enroll-50.csv.
const BAD_ROWS = ['8', '15', '23', '27', '31', '40'];

/** Opens the batch template (as the CLI batch oracle test uses it) and goes to the Batch page with the CSV. */
async function openBatchWithCsv(page: Page, host: TestHost): Promise<void> {
  await copyFile(join(batchFixtures, 'template-customizations.xml'), host.path('customizations.xml'));
  await copyFile(join(batchFixtures, 'enroll-50.csv'), host.path('enroll-50.csv'));
  host.answerNextOpenDialog('customizations.xml');
  await page.getByTestId('start-open-project').click();
  await page.getByTestId('show-batch').click();
  await expect(page.getByTestId('batch-page')).toBeVisible();
  host.answerNextOpenDialog('enroll-50.csv');
  await page.getByTestId('batch-pick-csv').click();
  await expect(page.getByTestId('batch-mapping')).toBeVisible();
}

/** Maps the fixture's Notes column (not a setting) to "ignored", as the user must before building. */
async function ignoreNotes(page: Page, [use, ignored] = ['Use of column', 'Ignored']): Promise<void> {
  await page.getByRole('combobox', { name: `${use} Notes` }).click();
  await page.getByRole('option', { name: ignored }).click();
  await expect(page.getByTestId('batch-mapping-issue')).toHaveCount(0);
}

test('the Batch page maps the CSV, builds the good rows into a folder and lists the failed rows', async ({
  app: { page, host },
}, testInfo) => {
  test.setTimeout(180_000);
  await openBatchWithCsv(page, host);

  // 50 data rows, one blank (row 45). The derived mapping: header paths are settings, PackageName / AssignedUser by name, Notes ignored.
  const mapping = page.getByTestId('batch-mapping');
  await expect(mapping.locator('tbody tr')).toHaveCount(9);
  const useOf = (column: string) => page.getByRole('combobox', { name: `Use of column ${column}` });
  await expect(useOf('PackageName')).toHaveText('Package name');
  await expect(useOf('AssignedUser')).toHaveText('Assigned user');
  // Notes names no setting: it is an error (nothing can start) until the user maps it to "Ignored".
  await expect(useOf('Notes')).toHaveText('Setting');
  await expect(page.getByTestId('batch-mapping-issue')).toContainText('column "Notes"');
  await useOf('Notes').click();
  await page.getByRole('option', { name: 'Ignored' }).click();
  await expect(useOf('Notes')).toHaveText('Ignored');
  await expect(page.getByTestId('batch-mapping-issue')).toHaveCount(0);
  await expect(useOf('DevDetail/DNSComputerName')).toHaveText('Setting');
  // Secret columns are masked in the preview; no secret value reaches the page.
  const secretRow = mapping.locator('tr[data-column="Workplace/Enrollments/UPN/Secret"]');
  await expect(secretRow).toContainText('••••••••');
  await expect(page.locator('body')).not.toContainText(/S3cr3t-\d{3}!q|WiFiKey-\d{3}-xyz/);
  await expect(mapping.locator('tr[data-column="DevDetail/DNSComputerName"]')).toContainText('CTS-PC001');

  await expect(page.getByTestId('batch-counts')).toHaveText('49 rows: 43 ready to build, 6 with errors');
  const preparedErrors = page.getByTestId('batch-row-errors').locator('tbody tr');
  await expect(preparedErrors).toHaveCount(6);

  // Ignoring a column re-prepares with the edited mapping; putting it back restores the count.
  await useOf('OOBE/Desktop/HideOobe').click();
  await page.getByRole('option', { name: 'Ignored' }).click();
  await expect(page.getByTestId('batch-counts')).toHaveText('49 rows: 44 ready to build, 5 with errors');
  await useOf('OOBE/Desktop/HideOobe').click();
  await page.getByRole('option', { name: 'Setting' }).click();
  await expect(page.getByTestId('batch-counts')).toHaveText('49 rows: 43 ready to build, 6 with errors');

  host.answerNextSaveDialog('packages');
  await page.getByTestId('batch-pick-output').click();
  await page.getByTestId('batch-start').click();
  const result = page.getByTestId('batch-result');
  await expect(result).toBeVisible({ timeout: 150_000 });

  await expect(page.getByTestId('batch-built')).toHaveText('43 packages built.');
  const failedRows = page.getByTestId('batch-failed-rows').locator('tbody tr');
  expect(await failedRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row')))).toEqual(
    BAD_ROWS,
  );
  await expect(page.getByTestId('batch-output-path')).toHaveText(host.path('packages'));
  await expect(page.getByTestId('batch-manifest-path')).toHaveText(
    join(host.path('packages'), 'manifest.csv'),
  );

  // manifest.csv lists exactly the built packages with their real SHA-256, and no secret.
  const manifest = await readFile(join(host.path('packages'), 'manifest.csv'), 'utf8');
  expect(manifest).not.toMatch(/S3cr3t-\d{3}!q|WiFiKey-\d{3}-xyz|TemplateSecret|TemplateWifiKey/);
  const entries = manifest
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
  expect(entries).toHaveLength(43);
  const packages = (await readdir(host.path('packages'))).filter((name) => name.endsWith('.ppkg'));
  expect(entries.map(([file]) => file).sort()).toEqual(packages.sort());
  for (const [file, sha256] of entries) {
    const bytes = await readFile(join(host.path('packages'), file ?? ''));
    expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(sha256);
  }

  await page.getByTestId('batch-page').evaluate((element) => element.scrollTo(0, 0));
  await saveScreenshot(page, 'batch.png');
  await result.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'batch-result.png', testInfo.outputDir);

  // Back to the project the batch used as its template.
  await page.getByTestId('batch-back').click();
  await expect(page.getByTestId('show-wizard')).toHaveAttribute('aria-pressed', 'true');
});

test('a .zip output holds the packages and manifest.csv; cancelling a folder run keeps a matching manifest', async ({
  app: { page, host },
}) => {
  test.setTimeout(180_000);
  await openBatchWithCsv(page, host);
  await ignoreNotes(page);
  await page.getByTestId('batch-output-zip').click();
  host.answerNextSaveDialog('batch.zip');
  await page.getByTestId('batch-pick-output').click();
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-built')).toHaveText('43 packages built.', { timeout: 150_000 });
  await expect(page.getByTestId('batch-output-path')).toHaveText(host.path('batch.zip'));
  const listing = await runTool('7z', ['l', '-slt', host.path('batch.zip')]);
  const paths = [...listing.stdout.matchAll(/^Path = (.+)$/gm)].map((match) => match[1]).slice(1);
  // 43 packages, each with its WCD-style .cat (package-security), and the manifest.
  expect(paths).toHaveLength(87);
  expect(paths.filter((path) => path?.endsWith('.cat'))).toHaveLength(43);
  expect(paths).toContain('manifest.csv');

  // Cancel as soon as the run starts: the folder keeps what was built, and the manifest lists exactly that.
  await page.getByTestId('batch-output-folder').click();
  host.answerNextSaveDialog('cancelled');
  await page.getByTestId('batch-pick-output').click();
  await page.getByTestId('batch-start').click();
  await page.getByTestId('batch-cancel').click();
  await expect(page.getByTestId('batch-result')).toContainText('Cancelled', { timeout: 150_000 });
  const manifest = await readFile(join(host.path('cancelled'), 'manifest.csv'), 'utf8');
  const listed = manifest
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[0]);
  const written = (await readdir(host.path('cancelled'))).filter((name) => name.endsWith('.ppkg'));
  expect(listed.sort()).toEqual(written.sort());
  expect(written.length).toBeLessThan(43);
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the Batch page shows the mapping in Spanish', async ({ app: { page, host } }, testInfo) => {
    await openBatchWithCsv(page, host);
    await ignoreNotes(page, ['Uso de la columna', 'Ignorada']);
    await expect(page.getByTestId('batch-page')).toContainText('Asignación de columnas');
    await expect(page.getByTestId('batch-counts')).toHaveText(
      '49 filas: 43 listas para generar, 6 con errores',
    );
    // Row 8 has no PackageName: its reason is translated, not the core's English text.
    const row8 = page.getByTestId('batch-row-errors').locator('tbody tr[data-row="8"]');
    await expect(row8).toContainText('El nombre del paquete está vacío.');
    await expect(row8).not.toContainText('is empty');
    await saveScreenshot(page, 'batch-es.png', testInfo.outputDir);
  });
});

test('a misspelt column is an error naming the nearest path; row warnings and a bad AssignedUser are shown', async ({
  app: { page, host },
}) => {
  await copyFile(join(batchFixtures, 'template-customizations.xml'), host.path('customizations.xml'));
  await writeFile(
    host.path('typo.csv'),
    'PackageName,DevDetail/DNSComputerName,Workplace/Enrollment/UPN,AssignedUser\r\n' +
      'PC1,CTS-PC-LONGNAME-001,u1@contoso.com,ana@contoso.com\r\n' +
      'PC2,CTS-PC002,u2@contoso.com,Ana Perez\r\n',
  );
  host.answerNextOpenDialog('customizations.xml');
  await page.getByTestId('start-open-project').click();
  await page.getByTestId('show-batch').click();
  host.answerNextOpenDialog('typo.csv');
  await page.getByTestId('batch-pick-csv').click();
  const issue = page.getByTestId('batch-mapping-issue');
  await expect(issue).toContainText('column "Workplace/Enrollment/UPN"');
  await expect(issue).toContainText('the nearest known path is Workplace/Enrollments/UPN');
  await expect(page.getByTestId('batch-start')).toBeDisabled();

  await page
    .getByRole('textbox', { name: 'Setting path of column Workplace/Enrollment/UPN' })
    .fill('Workplace/Enrollments/UPN');
  await page.getByRole('textbox', { name: 'Setting path of column Workplace/Enrollment/UPN' }).blur();
  await expect(issue).toHaveCount(0);
  await expect(page.getByTestId('batch-row-warnings')).toContainText(
    'row 2, column "DevDetail/DNSComputerName"',
  );
  await expect(page.getByTestId('batch-row-errors').locator('tr[data-row="3"]')).toContainText(
    'AssignedUser must be a user principal name or e-mail address',
  );
});
