import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import type { Language, MenuCommand } from '../../shared/ipc/contract';
import { languageSchema } from '../../shared/ipc/contract';
import { createDispatcher, createTrustedSenderCheck } from './dispatcher';
import { createElectronHost } from './electron-host';
import { createHandlers } from './handlers';
import { registerIpcHandlers, sendIpcEvent } from './ipc';
import { buildApplicationMenu } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { languageForLocale } from './strings';
import { createMainWindow } from './window';

// electron-vite sets this during `electron-vite dev`; a packaged app loads its own files.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererUrl =
  devServerUrl ?? pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let mainWindow: BrowserWindow | null = null;
let menuLanguage: Language = 'en';

function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) sendIpcEvent(mainWindow.webContents, 'menu:command', command);
}

function applyMenu(language: Language): void {
  menuLanguage = language;
  Menu.setApplicationMenu(
    buildApplicationMenu(language, sendMenuCommand, { isDevelopment: !app.isPackaged }),
  );
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

// One instance edits one set of files; a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
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
    registerIpcHandlers(createDispatcher(createHandlers(host), createTrustedSenderCheck(rendererUrl)));
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
}
