import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

/** Issue #10 item 12: the .ppkg the OS hands over (file association, second launch) opens, no dialog. */
test('a .ppkg handed over by the OS opens on the package page, read with main’s grant', async ({ app }) => {
  const { page, host } = app;
  // Not a WIM: the page shows the reader's error or asks for a password (main read it: no grant refusal).
  await writeFile(host.path('from-explorer.ppkg'), Buffer.from('not a package, 100 bytes of nothing'));
  await expect(page.getByTestId('start-page')).toBeVisible();
  // What main does on 'second-instance' / 'open-file': grant the path and push app:openFile.
  app.openFromOs(host.path('from-explorer.ppkg'));
  await expect(page.getByTestId('package-page')).toBeVisible();
  await expect(page.getByTestId('package-error').or(page.getByLabel('Package password'))).toBeVisible();
  await expect(page.getByTestId('package-page')).not.toContainText('was not chosen');
  expect(host.dialogs).toEqual([]);
});
