import type { Session, WebContents } from 'electron';

/**
 * The renderer's Content Security Policy, as repeated in the `<meta http-equiv>` of renderer/index.html
 * (a unit test keeps the two equal); main also sends it as a response header. Styles allow 'unsafe-inline'
 * because Fluent UI (Griffel) and CodeMirror inject <style> elements at run time.
 */
export const META_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The header adds frame-ancestors, which browsers ignore (with a console error) inside a <meta>. */
export const CONTENT_SECURITY_POLICY = `${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Only our own bundle may load: the packaged files, or the dev server during `electron-vite dev`. */
export function isAllowedRequestUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['file:', 'data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(parsed.protocol)) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.host === dev.host && ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol);
  }
  return false;
}

/**
 * Session-wide defaults: CSP header, no remote requests, every permission denied.
 * Under `electron-vite dev` the header is left out: React Fast Refresh injects an inline preamble script at
 * the top of <head>, which the <meta> policy (parsed after it) allows but a header policy would block.
 */
export function hardenSession(session: Session, devServerUrl: string | undefined): void {
  if (!devServerUrl) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
  }
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, devServerUrl) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Per-WebContents defaults: no navigation away from the app, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
