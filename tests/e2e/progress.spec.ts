import { randomBytes } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { TestHost } from '../support/test-host';
import { deliveredEvents, expect, repoRoot, test } from './fixtures';

/**
 * Issue #12 item 4 / #15 item 4: the Build and Batch pages show a determinate bar that moves, from progress
 * events main pushes (no status channel is polled). The asset is large and incompressible, so the write
 * takes long enough for several events.
 */

const MiB = 1024 * 1024;

/**
 * Records every value the progress bar and its current-file line show, every animation frame, from before
 * they exist. A fast write names the installer for well under a second, shorter than Playwright's polling
 * interval, so the specs check what was recorded here instead of polling the DOM for it.
 */
async function recordProgress(page: Page, testId: string): Promise<void> {
  await page.evaluate((selector) => {
    const values: Array<string | null> = [];
    const lines: string[] = [];
    Object.assign(window, { __barValues: values, __barLines: lines });
    const text = (part: string) => document.querySelector(`[data-testid="${selector}-${part}"]`)?.textContent;
    const sample = () => {
      const bar = document.querySelector(`[data-testid="${selector}-bar"]`);
      if (bar) {
        const value = bar.getAttribute('aria-valuenow');
        if (values.at(-1) !== value) values.push(value);
      }
      // The current file and the estimate, as the user reads them.
      const line = `${text('file') ?? ''} | ${text('estimate') ?? ''}`;
      if (bar && lines.at(-1) !== line) lines.push(line);
      requestAnimationFrame(sample);
    };
    sample();
  }, testId);
}

const barValues = (page: Page) =>
  page.evaluate(() => (window as unknown as { __barValues: Array<string | null> }).__barValues.slice());
const barLines = (page: Page) =>
  page.evaluate(() => (window as unknown as { __barLines: string[] }).__barLines.slice());

/** A line shown while the installer was written: its name (not the long image path) and a percentage. */
const WRITING_INSTALLER = /^Large\.msi \| \d+ %/i;

/** Waits (checking every frame) until the current-file line names the installer, then screenshots the page. */
async function screenshotWhileWritingInstaller(page: Page, testId: string, path: string): Promise<void> {
  await page.waitForFunction(
    (selector) =>
      /Large\.msi/i.test(document.querySelector(`[data-testid="${selector}-file"]`)?.textContent ?? ''),
    testId,
    { polling: 'raf', timeout: 150_000 },
  );
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.screenshot({ path });
}

/**
 * One large installer added on the Applications page (a grant for its path). Its bytes are random nibbles: they
 * compress, with short matches everywhere, so the encoder cannot skip through them as it does random data, and the
 * write lasts long enough on a quiet machine for main's throttled events (one per 100 ms) to move the bar.
 */
async function addLargeInstaller(page: Page, host: TestHost, bytes: number): Promise<void> {
  const installer = randomBytes(bytes).map((byte) => byte & 0x0f);
  await writeFile(host.path('Large.msi'), installer);
  await page.getByRole('tab', { name: 'Applications' }).click();
  host.answerNextOpenDialog('Large.msi');
  await page.getByRole('button', { name: 'Add application' }).click();
  await expect(page.getByLabel(/^Command line/)).toHaveValue('msiexec /i "large.msi" /qn');
}

test('Build shows a determinate progress bar that moves, fed by pushed events', async ({
  app: { page, host, invoked },
}, testInfo) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel(/^Device name/).fill('PC-1');
  await addLargeInstaller(page, host, 48 * MiB);
  await page.getByRole('tab', { name: 'Finish' }).click();
  await recordProgress(page, 'build-progress');
  host.answerNextSaveDialog('large.ppkg');
  const callsBefore = invoked.length;
  await page.getByRole('button', { name: 'Build package' }).click();
  await expect(page.getByTestId('build-progress')).toBeVisible();
  await screenshotWhileWritingInstaller(page, 'build-progress', testInfo.outputPath('build-progress.png'));
  await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 150_000 });
  // The current file named the installer while it was written (after the small XML files).
  expect(await barLines(page)).toContainEqual(expect.stringMatching(WRITING_INSTALLER));

  // Determinate and moving: several distinct values between 0 and 1.
  const values = (await barValues(page)).filter((value): value is string => value !== null).map(Number);
  const between = [...new Set(values.filter((value) => value > 0 && value < 1))];
  expect(between.length, `bar values seen: ${values.join(', ')}`).toBeGreaterThanOrEqual(2);
  expect(values).toEqual([...values].sort((a, b) => a - b));

  // Pushed, not polled: the page made one call (package:build) and main sent the progress.
  expect(invoked.slice(callsBefore)).toEqual(['dialog:saveFile', 'package:build']);
  const events = (await deliveredEvents(page)).filter((entry) => entry.event.startsWith('build:'));
  const writes = events.filter((entry) => entry.event === 'build:progress');
  expect(writes.length).toBeGreaterThanOrEqual(3);
  expect(events.at(-1)).toMatchObject({ event: 'build:finished', payload: { outcome: 'built' } });
});

test('Batch shows a determinate progress bar that moves within and across packages', async ({
  app: { page, host, invoked },
}, testInfo) => {
  test.setTimeout(240_000);
  // The bulk-enrollment template and the first three rows of its CSV, plus a large installer.
  const batchFixtures = join(repoRoot, 'tests/fixtures/batch');
  await copyFile(join(batchFixtures, 'template-customizations.xml'), host.path('customizations.xml'));
  // Without its last column, Notes: it names no setting, so the page would ask to map it first (batch.spec.ts).
  const csv = (await readFile(join(batchFixtures, 'enroll-50.csv'), 'utf8'))
    .split(/\r?\n/)
    .slice(0, 4)
    .map((line) => line.replace(/,("[^"]*"|[^,]*)$/, ''))
    .join('\n');
  await writeFile(host.path('rows.csv'), `${csv}\n`);
  host.answerNextOpenDialog('customizations.xml');
  await page.getByTestId('start-open-project').click();
  await addLargeInstaller(page, host, 24 * MiB);
  await page.getByTestId('show-batch').click();
  host.answerNextOpenDialog('rows.csv');
  await page.getByTestId('batch-pick-csv').click();
  await expect(page.getByTestId('batch-counts')).toHaveText('3 rows: 3 ready to build, 0 with errors');
  host.answerNextSaveDialog('packages');
  await page.getByTestId('batch-pick-output').click();
  await recordProgress(page, 'batch-progress');
  const callsBefore = invoked.length;
  await page.getByTestId('batch-start').click();
  await screenshotWhileWritingInstaller(page, 'batch-progress', testInfo.outputPath('batch-progress.png'));
  await expect(page.getByTestId('batch-result')).toBeVisible({ timeout: 200_000 });
  expect(await barLines(page)).toContainEqual(expect.stringMatching(WRITING_INSTALLER));
  await expect(page.getByTestId('batch-built')).toHaveText('3 packages built.');

  const values = (await barValues(page)).filter((value): value is string => value !== null).map(Number);
  const between = [...new Set(values.filter((value) => value > 0 && value < 1))];
  // The bar moves while one package is written, not only between packages: some value is not a whole number of the
  // three packages. (Counting distinct values instead raced on a quiet machine, where each package takes ~100 ms.)
  const rows = 3;
  const withinPackage = between.filter((value) => Math.abs(value * rows - Math.round(value * rows)) > 1e-6);
  expect(withinPackage.length, `bar values seen: ${values.join(', ')}`).toBeGreaterThan(0);
  expect(between.length, `bar values seen: ${values.join(', ')}`).toBeGreaterThan(1);
  expect(values).toEqual([...values].sort((a, b) => a - b));

  expect(invoked.slice(callsBefore)).toEqual(['batch:start']);
  const events = await deliveredEvents(page);
  expect(events.filter((entry) => entry.event === 'batch:progress').length).toBeGreaterThan(3);
  expect(events.filter((entry) => entry.event.startsWith('batch:')).at(-1)).toMatchObject({
    event: 'batch:finished',
    payload: { built: 3, failed: 0, cancelled: false },
  });
});
