import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, safeStorage, shell, type BrowserWindow } from 'electron';
import type { Host } from '../../shared/host';
import { writeBytesAtomic } from '../../shared/node/atomic-write';
import { createDriveHost } from '../../shared/node/drives/drive-host';
import { createWindowsCertificateStore } from '../../shared/node/package-security/windows-cert-store';
import { findInstalledWcdStores } from '../../shared/node/wcd-install';

/** Windows Sandbox on this machine: WindowsSandbox.exe exists once the optional feature is turned on. */
function windowsSandboxHost(): NonNullable<Host['sandbox']> {
  return {
    runsFolder: () => join(app.getPath('userData'), 'sandbox-runs'),
    isInstalled: () =>
      access(join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsSandbox.exe')).then(
        () => true,
        () => false,
      ),
    async launch(wsbPath) {
      // .wsb is associated with Windows Sandbox; openPath answers an error text, or '' when it started.
      const failure = await shell.openPath(wsbPath);
      if (failure) throw new Error(`Windows Sandbox did not start: ${failure}`);
    },
  };
}

/** The real OS host: native dialogs parented to our window, files on disk (written atomically). */
export function createElectronHost(options: {
  window: () => BrowserWindow | null;
  onLanguageChanged: (language: string) => void;
}): Host {
  return {
    ...createDriveHost(),
    info: () => ({ version: app.getVersion(), locale: app.getLocale(), platform: process.platform }),
    async showOpenDialog({ title, filters }) {
      const parent = options.window();
      const dialogOptions = { title, filters, properties: ['openFile' as const] };
      const picked = parent
        ? await dialog.showOpenDialog(parent, dialogOptions)
        : await dialog.showOpenDialog(dialogOptions);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    async showSaveDialog({ title, suggestedName, filters }) {
      const parent = options.window();
      const dialogOptions = { title, filters, defaultPath: join(app.getPath('documents'), suggestedName) };
      const picked = parent
        ? await dialog.showSaveDialog(parent, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions);
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    },
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFileAtomic: (path, bytes) => writeBytesAtomic(path, bytes),
    languageChanged: (language) => options.onLanguageChanged(language),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    // Project secrets at rest: safeStorage is DPAPI / Keychain / libsecret. On Linux without a secret
    // service it falls back to a hard-coded key ("basic_text"): treated as unavailable (fail closed).
    keychain: {
      isAvailable: () =>
        safeStorage.isEncryptionAvailable() &&
        (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
      encrypt: (plaintext) => new Uint8Array(safeStorage.encryptString(plaintext)),
      decrypt: (bytes) => safeStorage.decryptString(Buffer.from(bytes)),
    },
    ...(process.platform === 'win32' ? { signingCertificates: createWindowsCertificateStore() } : {}),
    ...(process.platform === 'win32' ? { sandbox: windowsSandboxHost() } : {}),
    findInstalledWcdStores: () => findInstalledWcdStores(),
    openExternal: (url) => shell.openExternal(url),
    async confirm({ title, message, detail, confirmLabel, cancelLabel }) {
      const parent = options.window();
      const boxOptions = {
        type: 'warning' as const,
        title,
        message,
        detail,
        buttons: [cancelLabel, confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const answer = parent
        ? await dialog.showMessageBox(parent, boxOptions)
        : await dialog.showMessageBox(boxOptions);
      return answer.response === 1;
    },
    async readState(name) {
      try {
        return await readFile(join(app.getPath('userData'), name), 'utf8');
      } catch {
        return null;
      }
    },
    async writeState(name, text) {
      await writeBytesAtomic(join(app.getPath('userData'), name), text);
    },
  };
}
