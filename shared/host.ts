/**
 * The operating-system services the main process needs, behind one small interface so the IPC handlers
 * (electron/main/handlers/) run unchanged against the real Electron host and against a test host with a
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

/** A yes/no question main asks in a native message box (e.g. before overwriting another project's files). */
export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
  cancelLabel: string;
}

import type { DriveHost } from './drives/types';

/**
 * The OS keychain (Electron safeStorage: DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux)
 * that keeps a project's secrets at rest in a side file. Bytes encrypted here open only for the same
 * account on the same machine; tests use a fake.
 */
export interface SecretKeychain {
  isAvailable(): boolean;
  encrypt(plaintext: string): Uint8Array;
  /** Throws when the bytes were made elsewhere (another machine or account) or were changed. */
  decrypt(bytes: Uint8Array): string;
}

/** A certificate in the user's store that can sign catalogs (WCD's filter, docs/format/icd-package-properties.md §4.3). */
export interface StoreSigningCertificate {
  thumbprint: string;
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notAfter: string;
}

/**
 * The user's certificate store (Windows CurrentUser\My): certificates that are valid now, have the
 * digital-signature key usage and a private key. Only the Windows host has one.
 */
export interface SigningCertificateStore {
  list(): Promise<StoreSigningCertificate[]>;
  /** The certificate with its private key as a PFX protected by a one-time password (never stored). */
  exportPfx(thumbprint: string): Promise<{ pfx: Uint8Array; password: string }>;
}

/** Windows Sandbox (issue #14): only the Electron host on Windows has it. */
export interface SandboxHost {
  /** Where the app keeps its runs (a folder in the app's data folder). */
  runsFolder(): string;
  /** Whether Windows Sandbox is installed (the optional feature of Pro, Enterprise and Education is on). */
  isInstalled(): Promise<boolean>;
  /** Starts Windows Sandbox on a .wsb configuration. */
  launch(wsbPath: string): Promise<void>;
  /** The folder as Windows Sandbox sees it (absent: the path itself, as on Windows). */
  windowsPath?(path: string): string;
}

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
  /** Keeps project secrets at rest; absent → secrets are not kept (the user re-enters them). */
  keychain?: SecretKeychain;
  /** The user's signing certificates (Windows only). */
  signingCertificates?: SigningCertificateStore;
  /**
   * Settings stores (`Microsoft-Desktop-Provisioning.dat`) of a Windows Configuration Designer installed on this
   * machine (ADK or Store app); [] when there is none or the OS is not Windows. Optional for hosts without one.
   */
  findInstalledWcdStores?(): Promise<string[]>;
  /** Opens an https address in the system browser (main checks the address first). */
  openExternal?(url: string): Promise<void>;
  /** True when the user confirms; the cancel button is the default. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** Windows Sandbox runs; absent where there is none. */
  sandbox?: SandboxHost;
  /** Main's own small state (recent projects), by name, in the app's data folder; null when absent. */
  readState(name: string): Promise<string | null>;
  writeState(name: string, text: string): Promise<void>;
}
