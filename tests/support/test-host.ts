import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type {
  ConfirmRequest,
  Host,
  HostInfo,
  OpenDialogRequest,
  SaveDialogRequest,
  SecretKeychain,
} from '../../shared/host';
import type {
  CancelSignal,
  CopyProgress,
  CopyToDriveRequest,
  CopyToDriveResult,
  DriveHost,
  RemovableDrive,
} from '../../shared/drives/types';
import { writeBytesAtomic } from '../../shared/node/atomic-write';
import { createDriveHost } from '../../shared/node/drives/drive-host';

/**
 * A stand-in for the OS keychain: AES-256-GCM under a key that belongs to this "machine + account".
 * Another FakeKeychain (another account) cannot open its bytes, as with safeStorage.
 */
export class FakeKeychain implements SecretKeychain {
  available = true;
  private readonly key = randomBytes(32);
  isAvailable(): boolean {
    return this.available;
  }
  encrypt(plaintext: string): Uint8Array {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }
  decrypt(bytes: Uint8Array): string {
    const buffer = Buffer.from(bytes);
    const decipher = createDecipheriv('aes-256-gcm', this.key, buffer.subarray(0, 12));
    decipher.setAuthTag(buffer.subarray(12, 28));
    return Buffer.concat([decipher.update(buffer.subarray(28)), decipher.final()]).toString('utf8');
  }
}

export type RecordedDialog =
  | { kind: 'open'; request: OpenDialogRequest }
  | { kind: 'save'; request: SaveDialogRequest }
  | { kind: 'confirm'; request: ConfirmRequest };

/**
 * A Host for tests: files live in a private temp folder, and dialogs return answers the test queued
 * beforehand (a file name inside the folder, or null for "cancel"). Every dialog request and language
 * change is recorded so tests can assert what main asked the OS for.
 */
export class TestHost implements Host {
  readonly dialogs: RecordedDialog[] = [];
  /** Project secrets at rest (package-security); tests swap or disable it. */
  keychain: FakeKeychain = new FakeKeychain();
  readonly languages: string[] = [];
  /** Paths the app asked the OS to reveal in its file manager. */
  readonly revealed: string[] = [];
  /** Addresses the app asked the OS to open in the system browser. */
  readonly openedUrls: string[] = [];
  /** Names (inside the temp folder) of the settings stores an "installed WCD" offers. */
  readonly installedStores: string[] = [];
  private readonly openAnswers: (string | null)[] = [];
  private readonly saveAnswers: (string | null)[] = [];
  private readonly confirmAnswers: boolean[] = [];
  /** Main's state files (recent projects), kept in memory like a fresh user profile. */
  readonly state = new Map<string, string>();
  /** Fake removable drives: folders inside the temp folder, copied to by the real Node drive code. */
  readonly drives: RemovableDrive[] = [];
  private readonly driveHost: DriveHost = createDriveHost(async () =>
    this.drives.map((drive) => ({ ...drive })),
  );

  constructor(
    readonly root: string,
    private readonly hostInfo: HostInfo = { version: '0.0.0-test', locale: 'en-US', platform: 'test' },
  ) {}

  /** Absolute path of a file inside the temp folder. */
  path(name: string): string {
    return join(this.root, name);
  }

  /** The next open dialog picks `name` (inside the temp folder), or is cancelled for null. */
  answerNextOpenDialog(name: string | null): void {
    this.openAnswers.push(name === null ? null : this.path(name));
  }

  /** The next save dialog picks `name` (inside the temp folder), or is cancelled for null. */
  answerNextSaveDialog(name: string | null): void {
    this.saveAnswers.push(name === null ? null : this.path(name));
  }

  /** The next confirmation message box is answered yes (true) or no. */
  answerNextConfirm(answer: boolean): void {
    this.confirmAnswers.push(answer);
  }

  /** Adds a fake USB drive mounted at `<temp>/<folder>`; returns it (its mountPoint is the folder). */
  async addFakeDrive(folder: string, drive: Partial<RemovableDrive> = {}): Promise<RemovableDrive> {
    const mountPoint = this.path(folder);
    await mkdir(mountPoint, { recursive: true });
    const added: RemovableDrive = {
      id: `/dev/fake-${folder}`,
      devicePath: `/dev/fake-${folder}`,
      mountPoint,
      label: folder.toUpperCase(),
      sizeBytes: 8_000_000_000,
      freeBytes: 7_500_000_000,
      bus: 'usb',
      busType: 'usb',
      model: 'Fake Stick',
      readOnly: false,
      writable: true,
      ...drive,
    };
    this.drives.push(added);
    return added;
  }

  listRemovableDrives(): Promise<RemovableDrive[]> {
    return this.driveHost.listRemovableDrives();
  }

  copyPackageToDrive(
    request: CopyToDriveRequest,
    onProgress?: (progress: CopyProgress) => void,
    signal?: CancelSignal,
  ): Promise<CopyToDriveResult> {
    this.confine(request.mountPoint);
    return this.driveHost.copyPackageToDrive(request, onProgress, signal);
  }

  removeOtherPackages(mountPoint: string, keep: string): Promise<string[]> {
    return this.driveHost.removeOtherPackages(this.confine(mountPoint), keep);
  }

  info(): HostInfo {
    return this.hostInfo;
  }

  async showOpenDialog(request: OpenDialogRequest): Promise<string | null> {
    this.dialogs.push({ kind: 'open', request });
    if (this.openAnswers.length === 0)
      throw new Error('TestHost: an open dialog was shown with no queued answer');
    return this.openAnswers.shift() ?? null;
  }

  async showSaveDialog(request: SaveDialogRequest): Promise<string | null> {
    this.dialogs.push({ kind: 'save', request });
    if (this.saveAnswers.length === 0)
      throw new Error('TestHost: a save dialog was shown with no queued answer');
    return this.saveAnswers.shift() ?? null;
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.dialogs.push({ kind: 'confirm', request });
    const answer = this.confirmAnswers.shift();
    if (answer === undefined) throw new Error('TestHost: a confirmation was shown with no queued answer');
    return answer;
  }

  async readState(name: string): Promise<string | null> {
    return this.state.get(name) ?? null;
  }

  async writeState(name: string, text: string): Promise<void> {
    this.state.set(name, text);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.confine(path)));
  }

  async writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
    await writeBytesAtomic(this.confine(path), bytes);
  }

  languageChanged(language: string): void {
    this.languages.push(language);
  }

  showItemInFolder(path: string): void {
    this.revealed.push(path);
  }

  async findInstalledWcdStores(): Promise<string[]> {
    return this.installedStores.map((name) => this.path(name));
  }

  async openExternal(url: string): Promise<void> {
    this.openedUrls.push(url);
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  /** A test must never touch files outside its temp folder, whatever the code under test asks for. */
  private confine(path: string): string {
    const inside = relative(this.root, resolve(path));
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`TestHost: ${path} is outside the test folder ${this.root}`);
    }
    return path;
  }
}

export async function createTestHost(info?: HostInfo): Promise<TestHost> {
  return new TestHost(await mkdtemp(join(tmpdir(), 'ppkg-studio-host-')), info);
}
