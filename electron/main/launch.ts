import { posix, resolve, win32 } from 'node:path';

/**
 * The .ppkg a launch asks us to open: the first argument ending in `.ppkg` (Windows and Linux file
 * associations pass it on the command line; a second launch forwards its argv). Switches (`--…`) and
 * Electron's own arguments are skipped; a relative path is taken from the launch's working directory.
 */
export function packagePathFromArgv(argv: readonly string[], workingDirectory: string): string | null {
  // argv[0] is the executable; in development argv[1] is the app folder.
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith('.ppkg') || arg.includes('\0')) continue;
    // Either OS's absolute form as is (the parser must not depend on where it runs).
    return win32.isAbsolute(arg) || posix.isAbsolute(arg) ? arg : resolve(workingDirectory, arg);
  }
  return null;
}

/**
 * The renderer URL: electron-vite's dev server only in an unpackaged (development) run; a packaged app
 * always loads its own files, whatever ELECTRON_RENDERER_URL says.
 */
export function devServerUrlFor(isPackaged: boolean, environment: NodeJS.ProcessEnv): string | undefined {
  if (isPackaged) return undefined;
  const url = environment.ELECTRON_RENDERER_URL;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // The dev server is always local; anything else is not ours to load.
    return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}
