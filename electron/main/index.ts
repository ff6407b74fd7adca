import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import type { Language, MenuCommand } from '../../shared/ipc/contract';
import { languageSchema } from '../../shared/ipc/contract';
import { createDispatcher, createTrustedSenderCheck } from './dispatcher';
import { createElectronHost } from './electron-host';
import { createEmitter } from './events';
import { createMainServices } from './handlers';
import { registerIpcHandlers } from './ipc';
import { devServerUrlFor, packagePathFromArgv } from './launch';
import { createFileLogger } from './logger';
import { buildApplicationMenu } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { languageForLocale } from './strings';
import { createMainWindow } from './window';

// electron-vite sets this during `electron-vite dev`; a packaged app loads its own files whatever it says.
const devServerUrl = devServerUrlFor(app.isPackaged, process.env);
const rendererUrl =
  devServerUrl ?? pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let mainWindow: BrowserWindow | null = null;
let menuLanguage: Language = 'en';

const logger = createFileLogger(join(app.getPath('logs'), 'main.log'));
const emit = createEmitter((event, payload) => {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload);
});

function sendMenuCommand(command: MenuCommand): void {
  emit('menu:command', command);
}

function applyMenu(language: Language): void {
  menuLanguage = language;
  Menu.setApplicationMenu(
    buildApplicationMenu(language, sendMenuCommand, { isDevelopment: !app.isPackaged }),
  );
}

function focusWindow(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

// One instance edits one set of files; a second launch focuses the first window and hands over its file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS delivers files opened from Finder as events, possibly before 'ready': keep them until then.
  const earlyFiles: string[] = [];
  let openFromOs: (path: string) => void = (path) => earlyFiles.push(path);
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs(path);
    focusWindow();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = packagePathFromArgv(argv, workingDirectory);
    if (path) openFromOs(path);
    focusWindow();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, devServerUrl);
    const host = createElectronHost({
      window: () => mainWindow,
      onLanguageChanged: (language) => {
        const parsed = languageSchema.safeParse(language);
        if (parsed.success && parsed.data !== menuLanguage) applyMenu(parsed.data);
      },
    });
    const services = createMainServices(host, emit);
    openFromOs = services.openFromOs;
    for (const path of earlyFiles.splice(0)) openFromOs(path);
    const launchPath = packagePathFromArgv(process.argv, process.cwd());
    if (launchPath) openFromOs(launchPath);
    registerIpcHandlers(createDispatcher(services.handlers, createTrustedSenderCheck(rendererUrl), logger));
    logger.log('info', 'started', { version: app.getVersion(), packaged: app.isPackaged });
    applyMenu(languageForLocale(app.getLocale()));
    mainWindow = createMainWindow({ preloadPath, rendererUrl });
    mainWindow.on('closed', () => (mainWindow = null));

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0)
        mainWindow = createMainWindow({ preloadPath, rendererUrl });
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void logger.flush());
}
