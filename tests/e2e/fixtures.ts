import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { register } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { createDispatcher, createTrustedSenderCheck } from '../../electron/main/dispatcher';
import { createEmitter } from '../../electron/main/events';
import { createMainServices } from '../../electron/main/handlers';
import { createFileLogger } from '../../electron/main/logger';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { warmTaskWorker } from '../../electron/main/tasks/run-task';
import { ipcChannelNames, ipcEventNames, type IpcEvent } from '../../shared/ipc/channels';
import type { MenuCommand, PpkgApi } from '../../shared/ipc/contract';
import { createTestHost, TestHost } from '../support/test-host';

declare global {
  interface Window {
    /** What the page sees, as in renderer/src/ppkg.d.ts; lets specs call window.ppkg in page.evaluate. */
    readonly ppkg: PpkgApi;
  }
}

export const repoRoot = resolve(import.meta.dirname, '../..');
export const rendererDir = join(repoRoot, 'out/renderer');
/**
 * Where saveScreenshot writes by default: test-results/screenshots, so `npm test` never touches tracked files.
 * `npm run screenshots` sets PPKG_SCREENSHOT_DIR=docs/screenshots to regenerate the README images.
 */
export const screenshotDir = resolve(repoRoot, process.env.PPKG_SCREENSHOT_DIR ?? 'test-results/screenshots');
/** Screenshot runs use one fixed host folder so paths shown in the UI are the same on every run. */
const FIXED_HOST_ROOT = '/tmp/ppkg-studio-screenshots';

/**
 * The bundles (electron-vite, Vite for the CLI) and Vitest import a file's text with `?raw`; main loads such a
 * module lazily (the sandbox script, electron/main/handlers/sandbox.ts). These hooks give the handlers run
 * here from source the same import: the file's text as the default export.
 */
const RAW_IMPORT_HOOKS = `
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?raw')) return next(specifier, context);
  const resolved = await next(specifier.slice(0, -4), context);
  return { url: resolved.url + '?raw', shortCircuit: true };
}
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context);
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
}`;
register(`data:text/javascript,${encodeURIComponent(RAW_IMPORT_HOOKS)}`);
const screenshotRun = process.env.PPKG_SCREENSHOT_DIR !== undefined;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer on 127.0.0.1 with the same CSP header main sets in the app. */
async function serveRenderer(): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The built renderer is missing (${rendererDir}/index.html). Run \`npx electron-vite build\` before the e2e tests.`,
    );
  }
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname));
    if (relative(rendererDir, file).startsWith('..')) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/index.html`, server };
}

/**
 * The test preload: exposes `window.ppkgBridge` like electron/preload (same channel and event lists), but
 * over a Playwright binding instead of ipcRenderer; the renderer builds window.ppkg over it as in the app.
 * `window.__ppkgEmit` is how main's events arrive (pushed by page.evaluate, as webContents.send pushes).
 * Every delivered event is also recorded in `window.__ppkgEvents` for specs to inspect.
 */
function testPreloadScript(): string {
  return `(() => {
  const channels = new Set(${JSON.stringify(ipcChannelNames)});
  const events = new Set(${JSON.stringify(ipcEventNames)});
  const listeners = new Map();
  const delivered = [];
  Object.defineProperty(window, '__ppkgEvents', { value: delivered });
  window.__ppkgEmit = (event, payload) => {
    delivered.push({ event, payload, at: performance.now() });
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const bridge = Object.freeze({
    invoke(channel, args) {
      if (!channels.has(channel)) return Promise.reject(new Error('Unknown IPC channel "' + channel + '"'));
      return window.__ppkgInvoke(channel, args);
    },
    on(event, listener) {
      if (!events.has(event)) throw new Error('Unknown IPC event "' + event + '"');
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'ppkgBridge', { value: bridge, enumerable: true });
})();`;
}

/** An event main sent, as the page received it. */
export interface DeliveredEvent {
  event: IpcEvent;
  payload: unknown;
  /** performance.now() in the page when it arrived. */
  at: number;
}

/** Every main → renderer event the page received so far. */
export function deliveredEvents(page: Page): Promise<DeliveredEvent[]> {
  return page.evaluate(() => (window as unknown as { __ppkgEvents: DeliveredEvent[] }).__ppkgEvents.slice());
}

/** A 1280×800 screenshot for docs/screenshots (or another folder), stable from run to run. */
export async function saveScreenshot(page: Page, name: string, dir = screenshotDir): Promise<void> {
  await page.mouse.move(0, 799); // no hover effects on whatever was clicked last
  // Focus and hover transitions otherwise leave sub-pixel differences between runs.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await mkdir(dir, { recursive: true });
  // Chromium may still be re-rasterising (anti-aliased edges differ by a shade): keep the first frame seen twice.
  let shot = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.waitForTimeout(100);
    const again = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    if (again.equals(shot)) break;
    shot = again;
  }
  await writeFile(join(dir, name), shot);
}

/** The whole text of a CodeMirror view (it renders only the lines in view, so not from the DOM text). */
export async function editorText(pane: Locator): Promise<string> {
  return pane.locator('.cm-content').evaluate((element) => {
    const view = (element as unknown as { cmView?: { view?: { state: { doc: { toString(): string } } } } })
      .cmView?.view;
    if (!view) throw new Error('no CodeMirror view on .cm-content');
    return view.state.doc.toString();
  });
}

/** "Save project" into a new `saved/` folder of the test folder; returns the customizations.xml written there. */
export async function saveProjectToFolder(page: Page, host: TestHost, projectFile: string): Promise<string> {
  await mkdir(host.path('saved'));
  host.answerNextSaveDialog(`saved/${projectFile}`);
  await page.getByTestId('save-project').click();
  await expect(page.getByTestId('save-done')).toBeVisible();
  return readFile(host.path('saved/customizations.xml'), 'utf8');
}

export interface ShellApp {
  page: Page;
  host: TestHost;
  /** Page errors and console errors so far; the fixture fails the test if any remain at the end. */
  rendererErrors: string[];
  /** What main would send when the user picks a native menu item (validated against the contract). */
  sendMenuCommand(command: MenuCommand): Promise<void>;
  /** What main does when the OS hands it a .ppkg (command line, file association, second launch). */
  openFromOs(path: string): void;
  /** Channels the page invoked, in order (a polling loop would show here). */
  invoked: string[];
  /** main's log file for this test. */
  logFile: string;
}

interface Fixtures {
  host: TestHost;
  app: ShellApp;
}

interface WorkerFixtures {
  rendererUrl: string;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      // Main's task worker starts from TypeScript source here; start it before the first test needs it.
      warmTaskWorker();
      const { url, server } = await serveRenderer();
      await use(url);
      await new Promise((done) => server.close(done));
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  host: async ({}, use) => {
    if (screenshotRun) {
      // Tests run one at a time (workers: 1), so one fixed folder, emptied before each test, is safe.
      await rm(FIXED_HOST_ROOT, { recursive: true, force: true });
      await mkdir(FIXED_HOST_ROOT, { recursive: true });
    }
    const host = screenshotRun ? new TestHost(FIXED_HOST_ROOT) : await createTestHost();
    await use(host);
    await host.dispose();
  },

  app: async ({ page, host, rendererUrl }, use) => {
    // The real handlers, dispatcher, events and logger; only the transport differs from ipc.ts / index.ts.
    const emit = createEmitter((event, payload) => {
      page
        .evaluate(
          ([sent, body]) =>
            (window as unknown as { __ppkgEmit(event: string, payload: unknown): void }).__ppkgEmit(
              sent,
              body,
            ),
          [event, payload] as const,
        )
        .catch(() => undefined); // the page may be closing
    });
    const services = createMainServices(host, emit);
    const logFile = host.path('logs/main.log');
    const dispatch = createDispatcher(
      services.handlers,
      createTrustedSenderCheck(rendererUrl),
      createFileLogger(logFile),
    );
    const invoked: string[] = [];
    await page.exposeBinding('__ppkgInvoke', (source, channel: string, args: unknown[]) => {
      invoked.push(channel);
      return dispatch(channel, args, {
        url: source.frame.url(),
        isMainFrame: source.frame === source.page.mainFrame(),
      });
    });
    await page.addInitScript({ content: testPreloadScript() });
    // New projects get a random GUID; pin it so screenshots in docs/ only change when the UI does.
    await page.addInitScript(() => {
      crypto.randomUUID = () => '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    });
    // Screenshot runs also fix the page's clock (main's builds use SOURCE_DATE_EPOCH, set by the npm script).
    if (screenshotRun) await page.clock.setFixedTime(new Date('2026-01-01T09:00:00Z'));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(rendererUrl);
    await use({
      page,
      host,
      rendererErrors: errors,
      async sendMenuCommand(command) {
        emit('menu:command', command);
        // Let the page handle it before the spec's next step.
        await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
      },
      openFromOs: (path) => services.openFromOs(path),
      invoked,
      logFile,
    });
    // A CSP violation or an uncaught error anywhere in the shell fails the test that caused it.
    expect(errors, 'renderer errors').toEqual([]);
  },
});

export { expect };
