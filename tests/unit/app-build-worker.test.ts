import { createHash, randomBytes } from 'node:crypto';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, createTrustedSenderCheck, type IpcSender } from '../../electron/main/dispatcher';
import { createHandlers } from '../../electron/main/handlers';
import { buildPackageOffThread } from '../../electron/main/tasks/run-task';
import type * as RunTask from '../../electron/main/tasks/run-task';
import { activateStoreFacts } from '../../shared/catalog';
import { IpcError } from '../../shared/ipc/build-api';
import type { IpcEmit } from '../../shared/ipc/contract';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';
import { STREAMED_ASSET_BYTES } from '../../shared/node/file-backed-assets';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { referenceStoresPresent, storePath } from '../support/settings-stores';
import { emptyProject, installerProject } from '../support/installer-project';
import { createTestHost, type TestHost } from '../support/test-host';
import { createTestPki, pickLeafPfx, type TestPki } from '../support/test-pki';

/**
 * Every wizard build in the app runs in main's task worker (issue #10): large installers are read there from
 * their file (never by main, never copied between threads), a signing PFX is opened there, and the settings
 * store the user chose is compiled against there. The real handlers and dispatcher, with the task worker
 * started from source; buildPackageOffThread is wrapped (not replaced) to see what crosses to the worker.
 */
const fromWorker = vi.hoisted(() => ({ currentFiles: [] as Array<string | null> }));
vi.mock('../../electron/main/tasks/run-task', async (importOriginal) => {
  const real = await importOriginal<typeof RunTask>();
  // Also records the files the worker's write progress names, before main throttles them into events.
  const wrapped: typeof real.buildPackageOffThread = (task, listeners) =>
    real.buildPackageOffThread(task, {
      ...listeners,
      onWriteProgress: (progress) => {
        fromWorker.currentFiles.push(progress.currentFile);
        listeners.onWriteProgress?.(progress);
      },
    });
  return { ...real, buildPackageOffThread: vi.fn(wrapped) };
});
const offThread = vi.mocked(buildPackageOffThread);

const rendererUrl = 'file:///opt/PPKG%20Studio/resources/app.asar/out/renderer/index.html';
const ownWindow: IpcSender = { url: `${rendererUrl}#/wizard`, isMainFrame: true };

let host: TestHost;
/** Paths main read through the host (what it held in memory). */
let readByMain: string[];
let events: Array<{ event: string; payload: unknown }>;
beforeEach(async () => {
  host = await createTestHost();
  readByMain = [];
  const read = host.readFile.bind(host);
  host.readFile = (path) => {
    readByMain.push(path);
    return read(path);
  };
  events = [];
  offThread.mockClear();
  fromWorker.currentFiles = [];
});
afterEach(async () => {
  activateStoreFacts(undefined);
  await host.dispose();
});

function dispatcher() {
  const emit: IpcEmit = (event, payload) => void events.push({ event, payload });
  const dispatch = createDispatcher(createHandlers(host, emit), createTrustedSenderCheck(rendererUrl));
  return async <T>(channel: string, arg?: unknown): Promise<T> => {
    const reply = await dispatch(channel, arg === undefined ? [] : [arg], ownWindow);
    if (reply.ok) return reply.value as T;
    throw new IpcError(reply.error);
  };
}
type Call = ReturnType<typeof dispatcher>;

const WORKER_ID = '{5b1d8e3f-2c4a-4d6e-9f0a-b1c2d3e4f506}';
const emptyDocument = () => emptyProject('Worker', WORKER_ID);

async function build(call: Call, doc: CustomizationsDocument, name: string, security?: unknown) {
  host.answerNextSaveDialog(name);
  const target = await call<{ path: string }>('dialog:saveFile', { kind: 'package', suggestedName: name });
  return call<Record<string, unknown>>('package:build', {
    document: doc,
    path: target.path,
    ...(security ? { security } : {}),
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A large installer picked on the Applications page (16 MiB and more: a file-backed asset) and its project;
 * large enough that writing it spans several progress reports (the writer reports every 50 ms at most).
 */
async function projectWithLargeInstaller(call: Call) {
  const installer = new Uint8Array(randomBytes(3 * STREAMED_ASSET_BYTES));
  await writeFile(host.path('Large.msi'), installer);
  host.answerNextOpenDialog('Large.msi');
  const picked = await call<{ path: string; size: number }>('dialog:openAsset', { kind: 'installer' });
  expect(picked.size).toBe(installer.length);
  const doc = installerProject(picked.path, {
    name: 'Large',
    id: WORKER_ID,
    commandLine: 'msiexec /i "large.msi" /qn',
  });
  return { installer, picked, doc };
}

/** The current files named by the write progress of `event` (build:progress or batch:progress). */
const currentFiles = (event: string) =>
  events
    .filter((entry) => entry.event === event)
    .map((entry) => (entry.payload as { write: { currentFile: string | null } | null }).write?.currentFile);

/** SHA-256 of the installer stored in a package. */
async function installerIn(packagePath: string): Promise<string> {
  const wim = await openWimFile(packagePath);
  try {
    const entry = wim.entries.find((candidate) => candidate.path.endsWith('/Large.msi'))!;
    return sha256(await wim.readFile(entry));
  } finally {
    await wim.close();
  }
}

describe('app builds run in the task worker', () => {
  it('streams a large installer there: main never reads it, progress names it, the package holds it', async () => {
    const call = dispatcher();
    const { installer, picked, doc } = await projectWithLargeInstaller(call);

    const outcome = await build(call, doc, 'large.ppkg');
    expect(outcome).toMatchObject({ ok: true });
    expect(readByMain).not.toContain(picked.path);
    // Only its path crossed to the worker; no bytes.
    const task = offThread.mock.calls[0]![0];
    expect(task.pickedAssets).toEqual([picked.path]);
    expect(JSON.stringify(Object.keys(task))).not.toContain('assets"');

    expect(fromWorker.currentFiles).toContainEqual(expect.stringMatching(/^\/DataAsset\/.*\/Large\.msi$/));
    expect(currentFiles('build:progress').length).toBeGreaterThan(0);
    expect(await installerIn(host.path('large.ppkg'))).toBe(sha256(installer));
  }, 120_000);

  it('batch in the app: a template with a large installer prepares every row and streams it into each package', async () => {
    const call = dispatcher();
    const { installer, doc } = await projectWithLargeInstaller(call);
    await writeFile(host.path('rows.csv'), 'PackageName,DevDetail/DNSComputerName\nPC-1,PC-1\nPC-2,PC-2\n');
    host.answerNextOpenDialog('rows.csv');
    const csv = await call<{ path: string }>('batch:pickCsv');
    const prepared = await call<{ readyCount: number; mapping: unknown }>('batch:prepare', {
      csvPath: csv.path,
      template: doc,
      mapping: null,
    });
    expect(prepared.readyCount).toBe(2);
    host.answerNextSaveDialog('packages');
    const output = await call<{ path: string }>('batch:pickOutput', { kind: 'folder' });
    const outcome = await call<{ built: unknown[]; errors: unknown[] }>('batch:start', {
      csvPath: csv.path,
      template: doc,
      mapping: prepared.mapping,
      output: { kind: 'folder', path: output.path },
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.built).toHaveLength(2);
    expect(readByMain).not.toContain(host.path('Large.msi'));
    expect(currentFiles('batch:progress')).toContainEqual(expect.stringMatching(/\/Large\.msi$/));
    for (const name of ['PC-1', 'PC-2'])
      expect(await installerIn(host.path(`packages/${name}.ppkg`))).toBe(sha256(installer));
  }, 120_000);

  it('refuses an asset the user did not pick in this session before anything reaches the worker', async () => {
    const doc = installerProject(host.path('unpicked.cmd'), {
      name: 'Run',
      id: WORKER_ID,
      commandLine: 'run.cmd',
    });
    const outcome = await build(dispatcher(), doc, 'unpicked.ppkg');
    expect(outcome).toEqual({
      ok: false,
      settingPath: expect.stringMatching(/^ProvisioningCommands\/.*\/CommandFile$/),
      detail: 'the file was not picked in this session',
    });
    expect(offThread).not.toHaveBeenCalled();
  });
});

describe('signing builds run in the task worker', () => {
  let pki: TestPki;
  beforeEach(async () => {
    pki = await createTestPki();
  }, 60_000);
  afterEach(() => rm(pki.dir, { recursive: true, force: true }));

  it('sends the PFX and its password, opens it there, and reports a wrong password at the field', async () => {
    const call = dispatcher();
    const pfxPath = await pickLeafPfx(pki, host, call);

    const signed = await build(call, emptyDocument(), 'signed.ppkg', {
      sign: { pfxPath, password: pki.leafPfxPassword },
    });
    expect(signed).toMatchObject({ ok: true, signed: true, catalogPath: host.path('signed.cat') });
    expect(offThread).toHaveBeenCalledTimes(1);
    const { security } = offThread.mock.calls[0]![0];
    expect(security.signing?.password).toBe(pki.leafPfxPassword);
    expect(sha256(security.signing!.pfx)).toBe(sha256(await readFile(pki.leafPfx)));
    expect(security).not.toHaveProperty('signer');

    const wrong = await build(call, emptyDocument(), 'wrong.ppkg', {
      sign: { pfxPath, password: 'nope' },
    });
    expect(wrong).toMatchObject({ ok: false, settingPath: 'PackageSecurity/Sign' });
    expect(JSON.stringify(wrong)).not.toContain('nope');
    expect(offThread).toHaveBeenCalledTimes(2);
  }, 60_000);
});

describe.runIf(referenceStoresPresent())('builds with a chosen settings store run in the task worker', () => {
  it('compiles there against that store, and against the built-in catalog once the user switches back', async () => {
    await copyFile(storePath('Microsoft-Desktop-Provisioning.2019.dat'), host.path('old.dat'));
    const call = dispatcher();
    host.answerNextOpenDialog('old.dat');
    const store = await call<{ path: string }>('settingsStore:pick');
    await call('settingsStore:use', { path: store.path });
    // A setting only the 2019 store has (tests/unit/compiler-user-store.test.ts).
    const doc = emptyDocument();
    setSetting(doc, 'Policies/DeliveryOptimization/DOMaxDownloadBandwidth', '100');

    expect(await build(call, doc, 'store.ppkg')).toMatchObject({ ok: true });
    expect(offThread.mock.calls[0]![0].store?.fileName).toBe('old.dat');

    await call('settingsStore:use', { path: null });
    expect(await build(call, doc, 'builtin.ppkg')).toMatchObject({
      ok: false,
      settingPath: 'Policies/DeliveryOptimization/DOMaxDownloadBandwidth',
    });
    expect(offThread.mock.calls[1]![0]).not.toHaveProperty('store');
  }, 60_000);
});
