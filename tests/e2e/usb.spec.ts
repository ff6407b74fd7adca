import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fixturePath, ppkgFixtureFile } from '../support/fixtures';
import type { TestHost } from '../support/test-host';
import { expect, saveScreenshot, test } from './fixtures';
import { requireInputs } from './requirements';

// The dialog is reached from a real WCD package's page.
requireInputs({ reference: [ppkgFixtureFile('kbf-minimal-oobe-policy.ppkg')] });
const fixture = fixturePath('kbf-minimal-oobe-policy.ppkg');

async function openUsbDialog(page: Page, host: TestHost): Promise<void> {
  await copyFile(fixture, host.path('kbf.ppkg'));
  host.answerNextOpenDialog('kbf.ppkg');
  await page.getByTestId('start-open-package').click();
  await page.getByTestId('copy-to-usb').click();
  await expect(page.getByTestId('usb-dialog')).toBeVisible();
}

test('the USB dialog copies the package to a fake drive, verifies it and removes other packages', async ({
  app: { page, host },
}) => {
  const stick = await host.addFakeDrive('stick', { label: 'TECH-USB', freeBytes: 3_500_000_000 });
  await host.addFakeDrive('locked', {
    label: 'LOCKED',
    writable: false,
    readOnly: true,
    unavailableReason: 'read-only',
  });
  await writeFile(join(stick.mountPoint ?? '', 'old-site.ppkg'), 'an older package');
  await openUsbDialog(page, host);

  const drives = page.getByTestId('usb-drives');
  await expect(drives).toContainText('TECH-USB');
  await expect(drives).toContainText('3.5 GB free of 8 GB');
  await expect(drives).toContainText('Read-only: check the write-protect switch.');
  await expect(page.getByRole('radio', { name: /LOCKED/ })).toBeDisabled();
  await expect(page.getByTestId('usb-steps').locator('li')).toHaveCount(6);
  await expect(page.getByTestId('usb-steps')).toContainText('Choose "KBF" if asked');

  await page.getByTestId('usb-copy').click();
  const expectedHash = createHash('sha256')
    .update(await readFile(fixture))
    .digest('hex');
  await expect(page.getByTestId('usb-done')).toContainText(expectedHash);
  expect(await readFile(join(stick.mountPoint ?? '', 'kbf.ppkg'))).toEqual(await readFile(fixture));
  await expect(page.getByTestId('usb-other-packages')).toContainText('old-site.ppkg');
  await saveScreenshot(page, 'usb-dialog.png');

  await page.getByTestId('usb-remove-others').click();
  await expect(page.getByTestId('usb-removed')).toContainText('Removed 1 other package(s).');
  expect((await readdir(stick.mountPoint ?? '')).sort()).toEqual(['kbf.ppkg']);
});

test('with no removable drive the dialog says so and cannot copy', async ({ app: { page, host } }) => {
  await openUsbDialog(page, host);
  await expect(page.getByTestId('usb-dialog')).toContainText('No removable drive found');
  await expect(page.getByTestId('usb-copy')).toBeDisabled();
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the USB dialog uses the Spanish usb.json texts', async ({ app: { page, host } }, testInfo) => {
    await host.addFakeDrive('stick', { label: 'TECH-USB' });
    await openUsbDialog(page, host);
    await expect(page.getByTestId('usb-dialog')).toContainText('Copiar a unidad USB');
    await saveScreenshot(page, 'usb-dialog-es.png', testInfo.outputDir);
  });
});
