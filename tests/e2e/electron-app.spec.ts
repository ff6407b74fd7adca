import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * The Electron executable, found the way node_modules/electron/index.js finds it but without its
 * fallback of downloading the binary on require(). Null when the binary is not installed.
 */
function electronExecutable(): string | null {
  const packageDir = join(repoRoot, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'),
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(executable) ? executable : null;
}

const executablePath = electronExecutable();
const builtMain = join(repoRoot, 'out/main/index.js');

test.describe('packaged Electron app', () => {
  test.skip(
    executablePath === null,
    'The Electron binary is not installed (node_modules/electron has no path.txt/dist; it cannot be downloaded ' +
      'in this environment). The same flow runs against the real renderer and IPC handlers in shell.spec.ts.',
  );

  test('opens the shell, switches language and steps through the wizard', async () => {
    expect(existsSync(builtMain), 'run `npx electron-vite build` first').toBe(true);
    const app = await electron.launch({
      executablePath: executablePath ?? undefined,
      args: [repoRoot, ...(process.env.CI ? ['--no-sandbox'] : [])],
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    try {
      const page = await app.firstWindow();
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(
        'PPKG Studio',
      );
      await expect(page.getByRole('heading', { name: 'Create a provisioning package' })).toBeVisible();
      // The renderer has no Node: no require, no process.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );

      await page.getByRole('button', { name: 'Language' }).click();
      await page.getByRole('menuitemradio', { name: 'Español' }).click();
      await expect(
        page.getByRole('heading', { name: 'Crear un paquete de aprovisionamiento' }),
      ).toBeVisible();
      const menuLabels = await app.evaluate(({ Menu }) =>
        Menu.getApplicationMenu()?.items.map((item) => item.label),
      );
      expect(menuLabels).toEqual(['&Archivo', '&Ver', 'Ay&uda']);
      await page.getByRole('button', { name: 'Idioma' }).click();
      await page.getByRole('menuitemradio', { name: 'English' }).click();

      await page.getByRole('button', { name: 'New project' }).click();
      const titles = [
        'Device',
        'Network',
        'Accounts',
        'Applications',
        'Certificates',
        'Enrollment',
        'Finish',
      ];
      for (const [index, title] of titles.entries()) {
        await expect(page.locator('#step-title')).toHaveText(title);
        if (index < titles.length - 1) await page.getByRole('button', { name: 'Next' }).click();
      }
      await page.getByRole('tab', { name: 'Network' }).click();
      await expect(page.locator('#step-title')).toHaveText('Network');
    } finally {
      await app.close();
    }
  });
});
