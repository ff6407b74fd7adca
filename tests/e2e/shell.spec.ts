import { writeFile } from 'node:fs/promises';
import { expect, saveScreenshot, test } from './fixtures';

const stepTitles = {
  en: ['Device', 'Network', 'Accounts', 'Applications', 'Certificates', 'Enrollment', 'Finish'],
  es: ['Dispositivo', 'Red', 'Cuentas', 'Aplicaciones', 'Certificados', 'Inscripción', 'Finalizar'],
};

test('the start page offers new, open project and open package', async ({ app: { page } }) => {
  await expect(page).toHaveTitle('PPKG Studio');
  await expect(page.getByRole('heading', { level: 1, name: 'PPKG Studio' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Create a provisioning package' })).toBeVisible();
  for (const action of ['New project', 'Open project', 'Open package']) {
    await expect(page.getByRole('button', { name: action })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Recent projects' })).toBeVisible();
  await expect(page.getByText('No recent projects yet.')).toBeVisible();
  await saveScreenshot(page, 'start-page.png');

  // The action cards work from the keyboard too.
  await page.getByRole('button', { name: 'New project' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard')).toBeVisible();
});

test('switching to Spanish and back changes the texts, tells main, and persists', async ({
  app: { page, host },
}) => {
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitemradio', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Crear un paquete de aprovisionamiento' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nuevo proyecto' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(host.languages.at(-1)).toBe('es');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Crear un paquete de aprovisionamiento' })).toBeVisible();

  await page.getByRole('button', { name: 'Idioma' }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Create a provisioning package' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(host.languages.at(-1)).toBe('en');
});

test.describe('with a Spanish OS language', () => {
  test.use({ locale: 'es-ES' });

  test('the UI starts in Spanish', async ({ app: { page } }, testInfo) => {
    await expect(page.getByRole('heading', { name: 'Crear un paquete de aprovisionamiento' })).toBeVisible();
    await page.getByRole('button', { name: 'Nuevo proyecto' }).click();
    await expect(page.getByRole('tablist', { name: 'Pasos del asistente' }).getByRole('tab')).toHaveCount(
      stepTitles.es.length,
    );
    for (const title of stepTitles.es) await expect(page.getByRole('tab', { name: title })).toBeVisible();
    await saveScreenshot(page, 'wizard-device-es.png', testInfo.outputDir);
  });
});

test('the wizard steps through every page with Next, Back and the step list', async ({ app: { page } }) => {
  await page.getByRole('button', { name: 'New project' }).click();
  const heading = page.locator('#step-title');
  const counter = page.getByTestId('step-counter');
  const back = page.getByRole('button', { name: 'Back', exact: true });
  const next = page.getByRole('button', { name: 'Next' });

  await expect(heading).toHaveText('Device');
  await expect(back).toBeDisabled();
  await expect(page.getByTestId('project-name')).toContainText('ProvisioningPackage');
  // The preview shows the empty project's customizations.xml with this project's GUID.
  const preview = page.getByTestId('xml-preview');
  await expect(preview.locator('.cm-content')).toContainText('<WindowsCustomizations>');
  await expect(preview.locator('.cm-content')).toContainText(/<ID>\{[0-9a-f-]{36}\}<\/ID>/);
  await saveScreenshot(page, 'wizard-device.png');

  for (const [index, title] of stepTitles.en.entries()) {
    await expect(heading).toHaveText(title);
    await expect(counter).toHaveText(`Step ${index + 1} of ${stepTitles.en.length}`);
    await expect(page.getByRole('tab', { name: title })).toHaveAttribute('aria-selected', 'true');
    if (index < stepTitles.en.length - 1) await next.click();
  }
  await expect(next).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Build package' })).toBeVisible();
  await saveScreenshot(page, 'wizard-finish.png');

  await back.click();
  await expect(heading).toHaveText('Enrollment');

  // Clicking the step list jumps straight to a step.
  for (const title of ['Network', 'Certificates', 'Device']) {
    await page.getByRole('tab', { name: title }).click();
    await expect(heading).toHaveText(title);
  }

  // Keyboard: arrows move along the list, Enter selects.
  await page.getByRole('tab', { name: 'Device' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Accounts');
});

test('the XML preview is read-only and searchable', async ({ app: { page } }) => {
  await page.getByRole('button', { name: 'New project' }).click();
  const preview = page.getByTestId('xml-preview');
  await preview.getByRole('button', { name: 'Search' }).click();
  const searchField = preview.getByRole('textbox', { name: 'Find' });
  await expect(searchField).toBeFocused();
  await searchField.pressSequentially('PackageConfig'); // CodeMirror reads the query on key events
  await expect(preview.locator('.cm-searchMatch')).toHaveCount(2);
  await expect(preview.locator('.cm-content')).toHaveAttribute('aria-readonly', 'true');
});

test('open package: main shows the dialog, grants the pick and the file is read', async ({
  app: { page, host },
}) => {
  const bytes = Buffer.alloc(12_345, 7);
  await writeFile(host.path('sample.ppkg'), bytes);

  host.answerNextOpenDialog(null); // the user cancels first
  await page.getByRole('button', { name: 'Open package' }).click();
  await expect.poll(() => host.dialogs.length).toBe(1);
  await expect(page.getByTestId('start-page')).toBeVisible();

  host.answerNextOpenDialog('sample.ppkg');
  await page.getByRole('button', { name: 'Open package' }).click();
  // Not a WIM: the package page reports the reader's error (tests/e2e/pages.spec.ts covers real packages).
  await expect(page.getByTestId('package-error')).toContainText('byte offset');
  const request = host.dialogs[1];
  expect(request).toMatchObject({ kind: 'open', request: { title: 'Open provisioning package' } });
  expect(request?.kind === 'open' && request.request.filters[0]?.extensions).toEqual(['ppkg']);

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('start-page')).toBeVisible();
});

test('native menu commands reach the renderer', async ({ app }) => {
  await app.sendMenuCommand({ command: 'setLanguage', language: 'es' });
  await expect(
    app.page.getByRole('heading', { name: 'Crear un paquete de aprovisionamiento' }),
  ).toBeVisible();
  await app.sendMenuCommand({ command: 'about' });
  const dialog = app.page.getByRole('dialog', { name: 'Acerca de PPKG Studio' });
  await expect(dialog.getByTestId('about-version')).toContainText('Versión 0.0.0-test');
  // Only the translucent backdrop lies over the app: no opaque portal node hides it.
  const layersOverHeader = await app.page.evaluate(() =>
    document.elementsFromPoint(20, 20).filter((element) => element.hasAttribute('data-portal-node')),
  );
  expect(layersOverHeader).toEqual([]);
  await dialog.getByRole('button', { name: 'Cerrar' }).click();
  await app.sendMenuCommand({ command: 'newProject' });
  await expect(app.page.locator('#step-title')).toHaveText('Dispositivo');
});

test('window.ppkg calls that break the contract are rejected by main', async ({ app: { page, host } }) => {
  const badArgument = await page.evaluate(() =>
    // @ts-expect-error -- deliberately the wrong type, as a compromised renderer might send
    window.ppkg.file.read({ path: 42, encoding: 'utf8' }).then(
      () => 'accepted',
      (error: Error) => error.message,
    ),
  );
  expect(badArgument).toContain('IPC "file:read": invalid arguments: argument 1 field "path"');

  await writeFile(host.path('secret.txt'), 'not picked by the user');
  const notGranted = await page.evaluate(
    (path) =>
      window.ppkg.file.read({ path, encoding: 'utf8' }).then(
        () => 'accepted',
        (error: Error) => error.message,
      ),
    host.path('secret.txt'),
  );
  expect(notGranted).toContain('was not chosen by the user for read');
});

test('the Content Security Policy blocks inline scripts', async ({ app: { page, rendererErrors } }) => {
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => rendererErrors.join('\n')).toMatch(/inline script.*script-src 'self'/);
  rendererErrors.length = 0; // the expected violation; anything else still fails the test
});
