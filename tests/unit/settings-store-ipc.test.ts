import { copyFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, createTrustedSenderCheck, type IpcSender } from '../../electron/main/dispatcher';
import { createHandlers } from '../../electron/main/handlers';
import { activateStoreFacts, activeFacts, getCatalogEntry } from '../../shared/catalog';
import { IpcError } from '../../shared/ipc/build-api';
import type { SettingsStoreState } from '../../shared/ipc/contract';
import { type InstallProbe, findInstalledWcdStores } from '../../shared/node/wcd-install';
import { referenceStoresPresent, storePath } from '../support/settings-stores';
import { createTestHost, type TestHost } from '../support/test-host';

/** "Use the settings store of my installed WCD": main's side, through the real handlers and dispatcher. */
const rendererUrl = 'file:///opt/PPKG%20Studio/resources/app.asar/out/renderer/index.html';
const ownWindow: IpcSender = { url: `${rendererUrl}#/advanced`, isMainFrame: true };

let host: TestHost;
beforeEach(async () => {
  host = await createTestHost({ version: '1.0.0', locale: 'en-US', platform: 'linux' });
});
afterEach(async () => {
  activateStoreFacts(undefined);
  await host.dispose();
});

/** The dispatcher as the renderer sees it: a reply's value, or its error value thrown as IpcError. */
const dispatcher = () => {
  const dispatch = createDispatcher(createHandlers(host), createTrustedSenderCheck(rendererUrl));
  return async (channel: string, args: unknown[], sender: IpcSender): Promise<unknown> => {
    const reply = await dispatch(channel, args, sender);
    if (reply.ok) return reply.value;
    throw new IpcError(reply.error);
  };
};

describe('settings store over IPC', () => {
  it('refuses a store path the user did not pick or was not found installed', async () => {
    await expect(
      dispatcher()(
        'settingsStore:use',
        [{ path: host.path('Microsoft-Desktop-Provisioning.dat') }],
        ownWindow,
      ),
    ).rejects.toThrow('was not chosen by the user for read');
  });

  it.skipIf(!referenceStoresPresent())('uses a picked store in main and returns its facts', async () => {
    await copyFile(storePath('Microsoft-Desktop-Provisioning.2019.dat'), host.path('old.dat'));
    const dispatch = dispatcher();
    host.answerNextOpenDialog('old.dat');
    const picked = (await dispatch('settingsStore:pick', [], ownWindow)) as { path: string };
    const dialog = host.dialogs[0];
    expect(dialog?.kind === 'open' && dialog.request.filters[0]).toEqual({
      name: 'WCD settings stores',
      extensions: ['dat'],
    });
    const state = (await dispatch(
      'settingsStore:use',
      [{ path: picked.path }],
      ownWindow,
    )) as SettingsStoreState;
    expect(state).toMatchObject({ source: 'user-store', nodeCount: 1614, leafCount: 1160, newCount: 8 });
    expect(state.inputs[0]?.file).toBe('old.dat');
    expect(state.nodes).toHaveLength(1614);
    // Main itself now compiles and validates against that store.
    expect(activeFacts().origin.source).toBe('user-store');
    expect(getCatalogEntry('Policies/DeliveryOptimization/DOMaxDownloadBandwidth')?.facts?.source).toBe(
      'user-store',
    );
    const back = (await dispatch('settingsStore:use', [{ path: null }], ownWindow)) as SettingsStoreState;
    expect(back).toMatchObject({ source: 'builtin', nodeCount: 1927, leafCount: 1381, nodes: null });
    expect(activeFacts().origin.source).toBe('builtin');
  });

  it.skipIf(!referenceStoresPresent())('offers the stores of an installed WCD and grants them', async () => {
    await copyFile(storePath('Microsoft-Desktop-Provisioning.2024.dat'), host.path('installed.dat'));
    host.installedStores.push('installed.dat');
    const dispatch = dispatcher();
    expect(await dispatch('settingsStore:findInstalled', [], ownWindow)).toEqual([
      { path: host.path('installed.dat'), name: 'installed.dat' },
    ]);
    const state = (await dispatch(
      'settingsStore:use',
      [{ path: host.path('installed.dat') }],
      ownWindow,
    )) as SettingsStoreState;
    expect(state).toMatchObject({ source: 'user-store', leafCount: 1381, newCount: 0 });
  });

  it('reports a file that is not a settings store with its byte offset, and keeps the catalog', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(host.path('bad.dat'), new Uint8Array(8192));
    host.answerNextOpenDialog('bad.dat');
    const dispatch = dispatcher();
    await dispatch('settingsStore:pick', [], ownWindow);
    await expect(dispatch('settingsStore:use', [{ path: host.path('bad.dat') }], ownWindow)).rejects.toThrow(
      'base block at byte offset 0',
    );
    expect(activeFacts().origin.source).toBe('builtin');
  });

  it('opens only Microsoft Learn pages in the system browser', async () => {
    const dispatch = dispatcher();
    const page = 'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-experience';
    await dispatch('shell:openExternal', [{ url: page }], ownWindow);
    expect(host.openedUrls).toEqual([page]);
    for (const url of [
      'http://learn.microsoft.com/x',
      'https://evil.example/x',
      'file:///etc/passwd',
      'nope',
    ]) {
      await expect(dispatch('shell:openExternal', [{ url }], ownWindow)).rejects.toThrow(
        'shell:openExternal',
      );
    }
    expect(host.openedUrls).toHaveLength(1);
  });
});

describe('the chosen store across restarts', () => {
  const STATE = 'settings-store.json';
  /** A restart: new handlers (new grants) over the same profile, and a process that starts on the built-in catalog. */
  const restart = () => {
    activateStoreFacts(undefined);
    return dispatcher();
  };
  type Restored = {
    state: SettingsStoreState;
    problem: { file: string; reason: string; detail: string } | null;
  };

  it.skipIf(!referenceStoresPresent())(
    'restores the store chosen last, read again, and keeps its grant',
    async () => {
      await copyFile(storePath('Microsoft-Desktop-Provisioning.2019.dat'), host.path('old.dat'));
      const first = dispatcher();
      host.answerNextOpenDialog('old.dat');
      await first('settingsStore:pick', [], ownWindow);
      await first('settingsStore:use', [{ path: host.path('old.dat') }], ownWindow);
      expect(JSON.parse(host.state.get(STATE) ?? 'null')).toEqual({ path: host.path('old.dat') });

      const second = restart();
      expect(activeFacts().origin.source).toBe('builtin');
      const restored = (await second('settingsStore:restore', [], ownWindow)) as Restored;
      expect(restored.problem).toBeNull();
      expect(restored.state).toMatchObject({ source: 'user-store', leafCount: 1160, newCount: 8 });
      expect(restored.state.nodes).toHaveLength(1614);
      expect(activeFacts().origin.inputs[0]?.file).toBe('old.dat');
      // Choosing it again after the restart needs no new pick: main remembered it itself, as a recent project.
      await expect(
        second('settingsStore:use', [{ path: host.path('old.dat') }], ownWindow),
      ).resolves.toMatchObject({ source: 'user-store' });
      // That grant is for the remembered file only.
      await expect(
        second('settingsStore:use', [{ path: host.path('other.dat') }], ownWindow),
      ).rejects.toThrow('was not chosen by the user for read');

      // Back to the built-in catalog is remembered too.
      await second('settingsStore:use', [{ path: null }], ownWindow);
      const third = restart();
      const builtin = (await third('settingsStore:restore', [], ownWindow)) as Restored;
      expect(builtin).toMatchObject({ state: { source: 'builtin', nodes: null }, problem: null });
    },
  );

  it('falls back to the built-in catalog when the remembered store is gone, says so, and forgets it', async () => {
    host.state.set(STATE, JSON.stringify({ path: host.path('moved.dat') }));
    const dispatch = restart();
    const restored = (await dispatch('settingsStore:restore', [], ownWindow)) as Restored;
    expect(restored.state).toMatchObject({ source: 'builtin', leafCount: 1381 });
    expect(restored.problem).toMatchObject({ file: 'moved.dat', reason: 'missing' });
    expect(activeFacts().origin.source).toBe('builtin');
    const again = (await dispatch('settingsStore:restore', [], ownWindow)) as Restored;
    expect(again.problem).toBeNull();
  });

  it('falls back when the remembered file is no longer a settings store, with the byte offset', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(host.path('damaged.dat'), new Uint8Array(8192));
    host.state.set(STATE, JSON.stringify({ path: host.path('damaged.dat') }));
    const restored = (await restart()('settingsStore:restore', [], ownWindow)) as Restored;
    expect(restored.state.source).toBe('builtin');
    expect(restored.problem?.reason).toBe('invalid');
    expect(restored.problem?.detail).toContain('byte offset 0');
    expect(activeFacts().origin.source).toBe('builtin');
  });

  it('starts on the built-in catalog from a damaged state file', async () => {
    for (const text of ['{not json', '{"path": 7}', '[]']) {
      host.state.set(STATE, text);
      const restored = (await restart()('settingsStore:restore', [], ownWindow)) as Restored;
      expect(restored).toMatchObject({ state: { source: 'builtin' }, problem: null });
    }
  });
});

describe('finding an installed WCD', () => {
  const probe = (files: string[], folders: Record<string, string[]> = {}): InstallProbe => ({
    platform: 'win32',
    env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' },
    list: async (folder) => {
      const entries = folders[folder];
      if (!entries) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return entries;
    },
    isFile: async (path) => files.includes(path),
  });

  it('finds the ADK and Store app stores, and nothing off Windows', async () => {
    const adk =
      'C:\\Program Files (x86)\\Windows Kits\\10\\Assessment and Deployment Kit\\Imaging and Configuration Designer\\x86\\Microsoft-Desktop-Provisioning.dat';
    const app =
      'C:\\Program Files\\WindowsApps\\Microsoft.WindowsConfigurationDesigner_2025.416.0.0_x64__8wekyb3d8bbwe\\Microsoft-Desktop-Provisioning.dat';
    const folders = {
      'C:\\Program Files\\WindowsApps': [
        'Microsoft.WindowsConfigurationDesigner_2025.416.0.0_x64__8wekyb3d8bbwe',
        'Other_1',
      ],
    };
    expect(await findInstalledWcdStores(probe([adk, app], folders))).toEqual([adk, app]);
    // WindowsApps unreadable without elevation: only the ADK's is offered.
    expect(await findInstalledWcdStores(probe([adk, app]))).toEqual([adk]);
    expect(await findInstalledWcdStores({ ...probe([adk]), platform: 'linux' })).toEqual([]);
  });
});
