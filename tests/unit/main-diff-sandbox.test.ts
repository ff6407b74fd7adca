import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, createTrustedSenderCheck, type IpcSender } from '../../electron/main/dispatcher';
import { createEmitter } from '../../electron/main/events';
import { createMainServices } from '../../electron/main/handlers';
import { RUN_FACTS_FILE } from '../../electron/main/sandbox-runs';
import { buildPpkgApi } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames, type IpcEvent } from '../../shared/ipc/channels';
import type { IpcArgs, PpkgApi, SandboxRun } from '../../shared/ipc/contract';
import { createWcdProject } from '../../shared/model/project';
import { setSetting } from '../../shared/model/settings-edit';
import { encryptPackageFile } from '../../shared/node/package-security/encryption';
import { REPO_ROOT } from '../support/fixtures';
import { createTestHost, type TestHost } from '../support/test-host';

/**
 * Issue #14's channels in main, through the dispatcher as the renderer calls them: package:compare,
 * package:diffWithLastBuild and sandbox:*. Arguments are validated, paths must be granted, failures come back
 * as error values, and no secret value ever crosses.
 */

const rendererUrl = 'file:///opt/app/out/renderer/index.html';
const ownWindow: IpcSender = { url: rendererUrl, isMainFrame: true };
const SECRET = { first: 'Planted-Admin-6a1f', second: 'Planted-Admin-93c2' };
const ID = '{5d1e2f3a-4b5c-4d6e-8f70-819203a4b5c6}';

let host: TestHost;
let events: Array<{ event: IpcEvent; payload: unknown }>;
beforeEach(async () => {
  host = await createTestHost({ version: '1.0.0', locale: 'en-US', platform: 'linux' });
  events = [];
});
afterEach(() => host.dispose());

/** A main process over `serving` (default: the test host), as the renderer sees it. */
function launch(serving: TestHost = host): PpkgApi {
  const emit = createEmitter((event, payload) => events.push({ event, payload }));
  const services = createMainServices(serving, emit);
  const dispatch = createDispatcher(services.handlers, createTrustedSenderCheck(rendererUrl));
  return buildPpkgApi(
    ipcChannelNames,
    ipcEventNames,
    (channel, args) => dispatch(channel, args, ownWindow),
    () => () => undefined,
  );
}

/** The document as the contract's input type (its loose schema); main parses it into the model. */
type DocumentArg = IpcArgs<'package:build'>[0]['document'];

function project(password: string, trustedApps = 'Yes'): DocumentArg {
  const doc = createWcdProject({ name: 'Diffed', id: ID, wizard: true }).customizations;
  setSetting(doc, 'DevDetail/DNSComputerName', 'PC-1');
  setSetting(doc, 'Accounts/Users/User/UserGroup', 'Administrators', 'localadmin');
  setSetting(doc, 'Accounts/Users/User/Password', password, 'localadmin');
  setSetting(doc, 'Policies/ApplicationManagement/AllowAllTrustedApps', trustedApps);
  setSetting(doc, 'OOBE/Desktop/HideOobe', true);
  return doc as DocumentArg;
}

/** Builds through the app (save dialog, package:build), as the wizard does. */
async function buildThroughApp(api: PpkgApi, doc: DocumentArg, name: string): Promise<string> {
  host.answerNextSaveDialog(name);
  const picked = await api.dialog.saveFile({ kind: 'package', suggestedName: name });
  const built = await api.package.build({ document: doc, path: picked!.path });
  expect(built).toMatchObject({ ok: true });
  return picked!.path;
}

const PACKAGE_PASSWORD = 'Open-Sesame-123';

/** An encrypted copy of `plain`, picked in an open dialog (so it is granted). */
async function lockedCopy(api: PpkgApi, plain: string): Promise<string> {
  await encryptPackageFile(plain, host.path('locked.ppkg'), PACKAGE_PASSWORD);
  host.answerNextOpenDialog('locked.ppkg');
  return (await api.dialog.openPackage())!.path;
}

// The task worker's first start (it transpiles main from source here) is slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('package:diffWithLastBuild', () => {
  it('says none before a build, equal right after it, then exactly the edits (a secret only as changed)', async () => {
    const api = launch();
    await expect(api.package.diffWithLastBuild({ document: project(SECRET.first) })).resolves.toEqual({
      status: 'none',
    });
    const path = await buildThroughApp(api, project(SECRET.first), 'v1.ppkg');

    const same = await api.package.diffWithLastBuild({ document: project(SECRET.first) });
    expect(same).toMatchObject({ status: 'compared', lastBuild: path, diff: { equal: true } });

    const edited = await api.package.diffWithLastBuild({ document: project(SECRET.second, 'No') });
    if (edited.status !== 'compared') throw new Error(`expected a comparison, got ${edited.status}`);
    expect(edited.diff.equal).toBe(false);
    expect(edited.diff.settings).toEqual([
      { change: 'changed', path: 'Accounts/Users/User[localadmin]/Password', secret: true },
      {
        change: 'changed',
        path: 'Policies/ApplicationManagement/AllowAllTrustedApps',
        secret: false,
        a: 'Yes',
        b: 'No',
      },
    ]);
    const json = JSON.stringify(edited);
    for (const secret of Object.values(SECRET)) expect(json).not.toContain(secret);

    // Another project (another PackageConfig ID) has no last build.
    const other = project(SECRET.first);
    other.packageConfig.id = '{00000000-0000-4000-8000-000000000001}';
    await expect(api.package.diffWithLastBuild({ document: other })).resolves.toEqual({ status: 'none' });
  });

  it('an encrypted last build cannot be reopened (its password is not kept); a bad document is refused', async () => {
    const api = launch();
    host.answerNextSaveDialog('secure.ppkg');
    const picked = await api.dialog.saveFile({ kind: 'package', suggestedName: 'secure.ppkg' });
    await api.package.build({
      document: project(SECRET.first),
      path: picked!.path,
      security: { encrypt: { password: null } },
    });
    await expect(api.package.diffWithLastBuild({ document: project(SECRET.first) })).resolves.toEqual({
      status: 'encrypted',
      lastBuild: picked!.path,
    });
    await expect(
      api.package.diffWithLastBuild({ document: { packageConfig: {} } as unknown as DocumentArg }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });
});

describe('package:compare', () => {
  it('needs both packages granted, validates its arguments, and diffs without secret values', async () => {
    const api = launch();
    const v1 = await buildThroughApp(api, project(SECRET.first), 'v1.ppkg');
    const v2 = await buildThroughApp(api, project(SECRET.second, 'No'), 'v2.ppkg');
    await writeFile(host.path('elsewhere.ppkg'), await readFile(v1));

    await expect(api.package.compare({ a: v1, b: host.path('elsewhere.ppkg') })).rejects.toMatchObject({
      code: 'path-not-granted',
      details: { channel: 'package:compare', access: 'read', path: host.path('elsewhere.ppkg') },
    });
    await expect(api.package.compare({ a: v1 } as { a: string; b: string })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('field "b"'),
    });
    await expect(api.package.compare({ a: v1, b: 'x\0y' })).rejects.toMatchObject({
      code: 'invalid-request',
    });

    const diff = await api.package.compare({ a: v1, b: v2 });
    expect(diff.a).toEqual({ label: 'v1.ppkg', kind: 'package' });
    expect(diff.settings.map((setting) => [setting.path, setting.change, setting.secret])).toEqual([
      ['Accounts/Users/User[localadmin]/Password', 'changed', true],
      ['Policies/ApplicationManagement/AllowAllTrustedApps', 'changed', false],
    ]);
    for (const secret of Object.values(SECRET)) expect(JSON.stringify(diff)).not.toContain(secret);
  });

  it('answers a damaged or encrypted package with an error value naming the problem', async () => {
    const api = launch();
    const v1 = await buildThroughApp(api, project(SECRET.first), 'v1.ppkg');
    await writeFile(host.path('broken.ppkg'), Buffer.from('MSWIM\0\0\0 but nothing else'));
    host.answerNextOpenDialog('broken.ppkg');
    const broken = await api.dialog.openPackage();
    await expect(api.package.compare({ a: v1, b: broken!.path })).rejects.toMatchObject({
      code: 'invalid-file',
      details: { kind: 'wim' },
    });

    const locked = await lockedCopy(api, v1);
    await expect(api.package.compare({ a: locked, b: v1 })).rejects.toMatchObject({
      code: 'invalid-file',
      message: expect.stringContaining('may be encrypted'),
    });
    // With its password the encrypted one compares equal to the package it was made from.
    await expect(
      api.package.compare({ a: locked, b: v1, password: PACKAGE_PASSWORD }),
    ).resolves.toMatchObject({ equal: true });
  });
});

/** A Windows host with (or without) the Sandbox feature; Windows sees the test folder as C:\Runs. */
function windowsHost(installed: boolean, launched: string[]): TestHost {
  const runs = host.path('sandbox-runs');
  return Object.assign(Object.create(host) as TestHost, {
    info: () => ({ ...host.info(), platform: 'win32' }),
    sandbox: {
      runsFolder: () => runs,
      isInstalled: async () => installed,
      launch: async (wsbPath: string) => void launched.push(wsbPath),
      windowsPath: (path: string) => `C:\\Runs${path.slice(runs.length).replace(/\//g, '\\')}`,
    },
  });
}

describe('sandbox:*', () => {
  it('says why it cannot run: not Windows, or Windows without the feature', async () => {
    await expect(launch().sandbox.status()).resolves.toEqual({ available: false, reason: 'not-windows' });
    await expect(launch(windowsHost(false, [])).sandbox.status()).resolves.toEqual({
      available: false,
      reason: 'feature-missing',
    });
    await expect(launch(windowsHost(true, [])).sandbox.status()).resolves.toEqual({ available: true });
  });

  it('refuses an ungranted path, a missing feature and an encrypted package, as error values', async () => {
    const launched: string[] = [];
    const api = launch(windowsHost(true, launched));
    const v1 = await buildThroughApp(api, project(SECRET.first), 'v1.ppkg');
    await expect(
      api.sandbox.start({ packagePath: host.path('other.ppkg'), networking: false }),
    ).rejects.toMatchObject({ code: 'path-not-granted', details: { channel: 'sandbox:start' } });
    await expect(
      api.sandbox.start({ packagePath: v1, networking: 'no' as unknown as boolean }),
    ).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringContaining('networking') });

    const withoutFeature = launch(windowsHost(false, launched));
    host.answerNextOpenDialog('v1.ppkg');
    await withoutFeature.dialog.openPackage();
    await expect(withoutFeature.sandbox.start({ packagePath: v1, networking: false })).rejects.toMatchObject({
      code: 'unavailable',
      details: { reason: 'feature-missing' },
    });

    const locked = await lockedCopy(api, v1);
    await expect(api.sandbox.start({ packagePath: locked, networking: false })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('encrypted'),
    });
    expect(launched).toEqual([]);
  });

  it('lays out a kept run, watches its results and pushes the report per setting', async () => {
    const launched: string[] = [];
    const api = launch(windowsHost(true, launched));
    const v1 = await buildThroughApp(api, project(SECRET.first), 'v1.ppkg');
    const run = await api.sandbox.start({ packagePath: v1, networking: false });
    expect(run).toMatchObject({ packageName: 'v1.ppkg', networking: false, report: null });
    expect(launched).toEqual([join(run.runFolder, 'run.wsb')]);
    expect((await readdir(run.runFolder)).sort()).toEqual(
      [RUN_FACTS_FILE, 'package', 'results', 'run.wsb', 'script'].sort(),
    );
    const wsb = await readFile(join(run.runFolder, 'run.wsb'), 'utf8');
    expect(wsb).toContain('<Networking>Disable</Networking>');
    expect(wsb).toContain(`<HostFolder>C:\\Runs\\${run.runId}\\results</HostFolder>`);
    expect(await readFile(join(run.runFolder, 'package', 'package.ppkg'))).toEqual(await readFile(v1));

    // The script writes its results: the watcher reads them in the task worker and pushes the report.
    await cp(join(REPO_ROOT, 'tests/fixtures/sandbox/complete'), join(run.runFolder, 'results'), {
      recursive: true,
    });
    const pushed = await vi.waitFor(
      () => {
        const found = events.find((sent) => sent.event === 'sandbox:results');
        if (!found) throw new Error('no sandbox:results event yet');
        return found.payload as SandboxRun;
      },
      { timeout: 45_000, interval: 200 },
    );
    expect(pushed.runId).toBe(run.runId);
    expect(pushed.report?.status).toBe('complete');
    const outcomes = Object.fromEntries(
      (pushed.report?.settings ?? []).map((setting) => [setting.settingPath, setting]),
    );
    expect(outcomes['Policies/ApplicationManagement/AllowAllTrustedApps']).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('0x80070057'),
    });
    expect(outcomes['DevDetail/DNSComputerName']).toMatchObject({
      outcome: 'not-reported',
      evidence: 'no event names this CSP path',
    });
    expect(Object.keys(outcomes)).toHaveLength(6);

    // Kept for later: listed for this package only, with the report; a damaged facts file is skipped.
    const second = await api.sandbox.start({ packagePath: v1, networking: true });
    await mkdir(join(host.path('sandbox-runs'), 'not-a-run'));
    await writeFile(join(host.path('sandbox-runs'), 'not-a-run', RUN_FACTS_FILE), '{ damaged');
    const kept = await api.sandbox.runs({ packageName: 'v1.ppkg' });
    expect(kept.map((item) => [item.runId, item.networking])).toEqual([
      [second.runId, true],
      [run.runId, false],
    ]);
    expect(kept[1]?.report?.status).toBe('complete');
    await expect(api.sandbox.runs({ packageName: 'other.ppkg' })).resolves.toEqual([]);
    await expect(api.sandbox.runs({ packageName: '' })).rejects.toMatchObject({ code: 'invalid-request' });
    // Where there is no Windows Sandbox there are no runs.
    await expect(launch().sandbox.runs({ packageName: 'v1.ppkg' })).resolves.toEqual([]);
  }, 120_000);
});
