import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, createTrustedSenderCheck, type IpcSender } from '../../electron/main/dispatcher';
import { createMainServices } from '../../electron/main/handlers';
import { devServerUrlFor, packagePathFromArgv } from '../../electron/main/launch';
import { buildPpkgApi } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/channels';
import type { PpkgApi } from '../../shared/ipc/contract';
import { createWcdProject } from '../../shared/model/project';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';
import { createTestHost, type TestHost } from '../support/test-host';

const rendererUrl = 'file:///opt/app/out/renderer/index.html';
const ownWindow: IpcSender = { url: rendererUrl, isMainFrame: true };

let host: TestHost;
beforeEach(async () => {
  host = await createTestHost({ version: '1.0.0', locale: 'en-US', platform: 'linux' });
});
afterEach(() => host.dispose());

/** A fresh main process (new grants) over the same host, i.e. the same user profile and files. */
function launch(): { api: PpkgApi; openFromOs(path: string): void } {
  const services = createMainServices(host);
  const dispatch = createDispatcher(services.handlers, createTrustedSenderCheck(rendererUrl));
  const api = buildPpkgApi(
    ipcChannelNames,
    ipcEventNames,
    (channel, args) => dispatch(channel, args, ownWindow),
    () => () => undefined,
  );
  return { api, openFromOs: services.openFromOs };
}

const project = (name: string, id: string) => createWcdProject({ name, id, wizard: true }).customizations;
const ID_A = '{11111111-1111-4111-8111-111111111111}';
const ID_B = '{22222222-2222-4222-8222-222222222222}';

describe('path grants: no exception by file name (issue #10 item 8)', () => {
  it('refuses a customizations.xml or *.icdproj.xml the user never picked and main never remembered', async () => {
    await writeFile(host.path('customizations.xml'), serializeCustomizationsXml(project('A', ID_A)));
    await writeFile(host.path('other.icdproj.xml'), '<ICDProject/>');
    const { api } = launch();
    for (const path of [host.path('customizations.xml'), host.path('other.icdproj.xml')]) {
      await expect(api.project.open({ path })).rejects.toMatchObject({
        code: 'path-not-granted',
        details: { channel: 'project:open', access: 'read' },
      });
    }
  });

  it('a project opened through the dialog is remembered by main and reopens in a later session', async () => {
    await writeFile(host.path('customizations.xml'), serializeCustomizationsXml(project('Kiosk', ID_A)));
    const first = launch();
    host.answerNextOpenDialog('customizations.xml');
    const picked = await first.api.dialog.openProject();
    await first.api.project.open({ path: picked!.path });
    expect(await first.api.project.recent()).toEqual([
      { path: host.path('customizations.xml'), name: 'Kiosk' },
    ]);

    const second = launch();
    expect(await second.api.project.recent()).toEqual([
      { path: host.path('customizations.xml'), name: 'Kiosk' },
    ]);
    await expect(second.api.project.open({ path: host.path('customizations.xml') })).resolves.toMatchObject({
      customizations: { packageConfig: { name: 'Kiosk' } },
    });
    // Forgotten, it is an ordinary path again.
    await second.api.project.forgetRecent({ path: host.path('customizations.xml') });
    await expect(second.api.project.open({ path: host.path('customizations.xml') })).rejects.toMatchObject({
      code: 'path-not-granted',
    });
  });

  it('a damaged recent-projects state file starts an empty list', async () => {
    host.state.set('recent-projects.json', '{ not json');
    await expect(launch().api.project.recent()).resolves.toEqual([]);
    host.state.set('recent-projects.json', JSON.stringify([{ path: 42 }]));
    await expect(launch().api.project.recent()).resolves.toEqual([]);
  });
});

describe('save into a folder that holds another project (issue #10 item 8)', () => {
  it('asks first; declining writes nothing, accepting replaces it', async () => {
    const original = serializeCustomizationsXml(project('Project A', ID_A));
    await writeFile(host.path('customizations.xml'), original);
    const { api } = launch();
    const save = async () => {
      host.answerNextSaveDialog('b.icdproj.xml');
      const picked = await api.dialog.saveFile({ kind: 'project', suggestedName: 'b.icdproj.xml' });
      return api.project.save({
        path: picked!.path,
        project: null,
        customizations: project('Project B', ID_B),
        includeSecrets: false,
      });
    };
    host.answerNextConfirm(false);
    await expect(save()).resolves.toBeNull();
    expect(await readFile(host.path('customizations.xml'))).toEqual(Buffer.from(original));
    const asked = host.dialogs.find((dialog) => dialog.kind === 'confirm');
    expect(asked).toMatchObject({ request: { message: expect.stringContaining('Project A') } });

    host.answerNextConfirm(true);
    await expect(save()).resolves.toMatchObject({ projectFile: 'b.icdproj.xml' });
    expect(await readFile(host.path('customizations.xml'), 'utf8')).toContain('Project B');
  });

  it('re-saving the same project (same ID) asks nothing', async () => {
    await writeFile(host.path('customizations.xml'), serializeCustomizationsXml(project('A', ID_A)));
    const { api } = launch();
    host.answerNextSaveDialog('a.icdproj.xml');
    const picked = await api.dialog.saveFile({ kind: 'project', suggestedName: 'a.icdproj.xml' });
    await expect(
      api.project.save({
        path: picked!.path,
        project: null,
        customizations: project('A2', ID_A),
        includeSecrets: false,
      }),
    ).resolves.not.toBeNull();
    expect(host.dialogs.filter((dialog) => dialog.kind === 'confirm')).toEqual([]);
  });
});

describe('files the OS hands over', () => {
  it('a .ppkg from the command line is granted for reading and handed to the renderer once', async () => {
    const { api, openFromOs } = launch();
    openFromOs(host.path('from-explorer.ppkg'));
    await expect(api.app.takeLaunchFile()).resolves.toEqual({
      path: host.path('from-explorer.ppkg'),
      name: 'from-explorer.ppkg',
      kind: 'package',
    });
    await expect(api.app.takeLaunchFile()).resolves.toBeNull();
    // Granted: the read fails only because the file does not exist.
    await expect(api.package.inspect({ path: host.path('from-explorer.ppkg') })).rejects.toMatchObject({
      code: 'io',
      details: { errno: 'ENOENT' },
    });
  });

  it('finds the .ppkg in a launch command line', () => {
    expect(packagePathFromArgv(['C:\\app\\PPKG Studio.exe', 'C:\\Users\\me\\kiosk.PPKG'], 'C:\\')).toBe(
      'C:\\Users\\me\\kiosk.PPKG',
    );
    expect(packagePathFromArgv(['/usr/bin/electron', '.', '--inspect=9229', 'pk.ppkg'], '/home/me')).toBe(
      '/home/me/pk.ppkg',
    );
    expect(packagePathFromArgv(['/opt/app', '--flag.ppkg', 'notes.txt'], '/')).toBeNull();
  });

  it('honours ELECTRON_RENDERER_URL only in development, and only a local dev server', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(devServerUrlFor(false, env)).toBe('http://localhost:5173/');
    expect(devServerUrlFor(true, env)).toBeUndefined();
    expect(devServerUrlFor(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrlFor(false, {})).toBeUndefined();
  });
});
