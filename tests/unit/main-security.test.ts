import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MenuItemConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildApplicationMenu } from '../../electron/main/menu';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAllowedRequestUrl,
  META_CONTENT_SECURITY_POLICY,
} from '../../electron/main/security';
import { languageForLocale } from '../../electron/main/strings';
import { createMainWindow } from '../../electron/main/window';
import type { MenuCommand } from '../../shared/ipc/contract';

const windows = vi.hoisted(() => [] as { options: Record<string, unknown>; loaded: string[] }[]);
vi.mock('electron', () => ({
  BrowserWindow: class {
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on() {}
    once() {}
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  },
  // The template is what we want to inspect; Electron's Menu object adds nothing testable here.
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template },
}));

const repoRoot = resolve(import.meta.dirname, '../..');

describe('Content Security Policy', () => {
  it('is the same in renderer/index.html as in main (minus frame-ancestors, ignored in <meta>)', async () => {
    const html = await readFile(resolve(repoRoot, 'renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('allows scripts only from the app itself', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
        const [name = '', ...values] = directive.split(' ');
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
  });
});

describe('request filter', () => {
  it('lets only packaged files (or the dev server while developing) load', () => {
    expect(isAllowedRequestUrl('file:///app/out/renderer/assets/index.js', undefined)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AA==', undefined)).toBe(true);
    expect(isAllowedRequestUrl('https://cdn.example.com/x.js', undefined)).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', undefined)).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedRequestUrl('https://evil.example/', 'http://localhost:5173/')).toBe(false);
    expect(isAllowedRequestUrl('::not a url::', undefined)).toBe(false);
  });
});

describe('session and web contents hardening (electron mocked)', () => {
  it('adds the CSP header, cancels remote requests and denies every permission', () => {
    const hooks: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      webRequest: {
        onHeadersReceived: (listener: never) => (hooks.headers = listener),
        onBeforeRequest: (listener: never) => (hooks.request = listener),
      },
      setPermissionRequestHandler: (handler: never) => (hooks.permission = handler),
      setPermissionCheckHandler: (handler: never) => (hooks.check = handler),
    } as unknown as Session;
    hardenSession(session, undefined);

    const headers = vi.fn();
    hooks.headers?.({ responseHeaders: { 'X-Other': ['1'] } } as never, headers as never);
    expect(headers).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    const request = vi.fn();
    hooks.request?.({ url: 'https://tracker.example/pixel' } as never, request as never);
    expect(request).toHaveBeenCalledWith({ cancel: true });
    const permission = vi.fn();
    hooks.permission?.({} as never, 'media' as never, permission as never);
    expect(permission).toHaveBeenCalledWith(false);
    expect(hooks.check?.()).toBe(false);

    // During `electron-vite dev` only the <meta> policy applies (see hardenSession), remote loads stay blocked.
    delete hooks.headers;
    hardenSession(session, 'http://localhost:5173/');
    expect(hooks.headers).toBeUndefined();
    const devRequest = vi.fn();
    hooks.request?.({ url: 'https://cdn.example.com/lib.js' } as never, devRequest as never);
    expect(devRequest).toHaveBeenCalledWith({ cancel: true });
  });

  it('blocks navigation, redirects, webviews and new windows', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (() => unknown) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }) => void) =>
        listeners.set(name, listener),
      setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
    } as unknown as WebContents;
    hardenWebContents(contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });

  it('creates the window titled "PPKG Studio" with an isolated, sandboxed renderer', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', rendererUrl: 'file:///app/index.html' });
    const window = windows.at(-1);
    expect(window?.options).toMatchObject({
      title: 'PPKG Studio',
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      },
    });
    expect(window?.loaded).toEqual(['file:///app/index.html']);
  });
});

describe('application menu', () => {
  function menu(language: 'en' | 'es', isDevelopment = false) {
    const sent: MenuCommand[] = [];
    const template = buildApplicationMenu(language, (command) => sent.push(command), {
      isDevelopment,
    }) as unknown as MenuItemConstructorOptions[];
    const item = (path: string[]) => {
      let items = template;
      let found: MenuItemConstructorOptions | undefined;
      for (const label of path) {
        found = items.find((entry) => entry.label === label);
        items = (found?.submenu ?? []) as MenuItemConstructorOptions[];
      }
      if (!found) throw new Error(`no menu item ${path.join(' > ')}`);
      return found;
    };
    const click = (path: string[]) => (item(path).click as () => void)();
    return { template, sent, item, click };
  }

  it('has File, View and Help in English with the shell commands', () => {
    const { template, sent, item, click } = menu('en');
    expect(template.map((entry) => entry.label)).toEqual(['&File', '&View', '&Help']);
    click(['&File', '&New project']);
    click(['&File', '&Open project…']);
    click(['&File', 'Open &package…']);
    click(['&Help', '&About PPKG Studio']);
    click(['&View', '&Language', 'Español']);
    expect(sent).toEqual([
      { command: 'newProject' },
      { command: 'openProject' },
      { command: 'openPackage' },
      { command: 'about' },
      { command: 'setLanguage', language: 'es' },
    ]);
    expect(item(['&File', 'E&xit']).role).toBe('quit');
    expect(item(['&View', '&Language', 'English']).checked).toBe(true);
  });

  it('is translated to Spanish, and hides developer tools in a packaged app', () => {
    const spanish = menu('es');
    expect(spanish.template.map((entry) => entry.label)).toEqual(['&Archivo', '&Ver', 'Ay&uda']);
    expect(spanish.item(['&Ver', '&Idioma', 'Español']).checked).toBe(true);
    expect(JSON.stringify(spanish.template)).not.toContain('toggleDevTools');
    expect(JSON.stringify(menu('en', true).template)).toContain('toggleDevTools');
  });

  it('follows the OS locale for its first language', () => {
    expect(languageForLocale('es-419')).toBe('es');
    expect(languageForLocale('es')).toBe('es');
    expect(languageForLocale('en-GB')).toBe('en');
    expect(languageForLocale('de-DE')).toBe('en');
  });
});
