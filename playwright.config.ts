import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the real renderer bundle (out/renderer, built by `npx electron-vite build`) in the
 * system Chromium, with main's real IPC handlers bridged in (tests/e2e/fixtures.ts). The Electron binary
 * cannot be downloaded here; tests/e2e/electron-app.spec.ts runs the packaged flow where it exists.
 */
export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1, // the CI machine has two cores shared with other suites
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.PPKG_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Screenshot runs (npm run screenshots): single-threaded, full rasterisation, so anti-aliased edges are
        // the same on every run and docs/screenshots change only when the UI does.
        ...(process.env.PPKG_SCREENSHOT_DIR
          ? [
              '--num-raster-threads=1',
              '--disable-partial-raster',
              '--force-color-profile=srgb',
              '--disable-lcd-text',
            ]
          : []),
      ],
    },
  },
});
