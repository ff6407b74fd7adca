import { existsSync } from 'node:fs';

/**
 * A file shipped beside a bundle's entry (dist/cli/index.js, out/main/index.js), found from the calling module:
 * that may be the entry itself or a code-split chunk one folder down (dist/cli/chunks/), so both places are
 * tried. When neither exists, the place beside the entry, for the caller's error message.
 * @param callerUrl the caller's `import.meta.url`
 */
export function besideBundleEntry(fileName: string, callerUrl: string): URL {
  const beside = new URL(fileName, callerUrl);
  const above = new URL(`../${fileName}`, callerUrl);
  if (existsSync(beside)) return beside;
  if (existsSync(above)) return above;
  return new URL('.', callerUrl).pathname.endsWith('/chunks/') ? above : beside;
}
