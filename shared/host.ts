/**
 * The operating-system services the main process needs, behind one small interface so the IPC handlers
 * (electron/main/handlers.ts) run unchanged against the real Electron host and against a test host with a
 * temp folder and scripted dialog answers. Pure types: no Node, no Electron.
 *
 * Later additions go here too (credential store for secrets, removable-drive listing), each as a method.
 */

export interface DialogFileFilter {
  /** Localized label, e.g. "Provisioning packages". */
  name: string;
  /** Extensions without the dot; `*` for all files. */
  extensions: string[];
}

export interface OpenDialogRequest {
  title: string;
  filters: DialogFileFilter[];
}

export interface SaveDialogRequest {
  title: string;
  /** The file name proposed to the user (no folder). */
  suggestedName: string;
  filters: DialogFileFilter[];
}

export interface HostInfo {
  version: string;
  /** OS UI locale as BCP 47. */
  locale: string;
  platform: string;
}

import type { DriveHost } from './drives/types';

/** Removable-drive operations (issue #7) come from DriveHost; the test host backs them with a temp folder. */
export interface Host extends DriveHost {
  info(): HostInfo;
  /** Absolute path of the chosen file, or null when the user cancels. */
  showOpenDialog(request: OpenDialogRequest): Promise<string | null>;
  /** Absolute path of the chosen destination, or null when the user cancels. */
  showSaveDialog(request: SaveDialogRequest): Promise<string | null>;
  readFile(path: string): Promise<Uint8Array>;
  /** Must write through a temp file + rename, so a failure never leaves a partial file. */
  writeFileAtomic(path: string, bytes: Uint8Array): Promise<void>;
  /** Called after the UI language changes so native UI (the application menu) follows it. */
  languageChanged(language: string): void;
  /** Reveals a file in the OS file manager (Explorer, Finder, …); optional for hosts without one. */
  showItemInFolder?(path: string): void;
}
