import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDispatcher,
  createTrustedSenderCheck,
  type IpcDispatch,
  type IpcSender,
} from '../../electron/main/dispatcher';
import { createHandlers } from '../../electron/main/handlers';
import { registerIpcHandlers } from '../../electron/main/ipc';
import { buildPpkgApi, IpcError } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/channels';
import { ipcContract } from '../../shared/ipc/contract';
import { createTestHost, type TestHost } from '../support/test-host';

// ipc.ts registers on ipcMain; the Electron binary does not exist here, so record the registrations.
const registered = vi.hoisted(
  () => new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
);
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      registered.set(channel, listener),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const rendererUrl = 'file:///opt/PPKG%20Studio/resources/app.asar/out/renderer/index.html';
const ownWindow: IpcSender = { url: `${rendererUrl}#/wizard`, isMainFrame: true };

let host: TestHost;
beforeEach(async () => {
  host = await createTestHost({ version: '9.8.7', locale: 'es-MX', platform: 'win32' });
});
afterEach(async () => {
  await host.dispose();
  registered.clear();
});

/** Main's dispatcher as the renderer sees it: a reply's value, or its error value thrown as IpcError. */
function unwrapping(dispatch: IpcDispatch) {
  return async (channel: string, args: readonly unknown[], sender: IpcSender): Promise<unknown> => {
    const reply = await dispatch(channel, args, sender);
    if (reply.ok) return reply.value;
    throw new IpcError(reply.error);
  };
}

function dispatcher() {
  return unwrapping(createDispatcher(createHandlers(host), createTrustedSenderCheck(rendererUrl)));
}

describe('the IPC contract', () => {
  it('declares every channel of the channel list, and nothing else', () => {
    expect(Object.keys(ipcContract).sort()).toEqual([...ipcChannelNames].sort());
  });

  it('gives window.ppkg one namespaced method per channel', async () => {
    const calls: [string, unknown[]][] = [];
    const api = buildPpkgApi(
      ipcChannelNames,
      ipcEventNames,
      async (channel, args) => {
        calls.push([channel, args]);
        return { ok: true, value: null };
      },
      () => () => undefined,
    );
    await api.file.read({ path: '/x', encoding: 'utf8' });
    await api.app.getInfo();
    expect(calls).toEqual([
      ['file:read', [{ path: '/x', encoding: 'utf8' }]],
      ['app:getInfo', []],
    ]);
    expect(Object.keys(api).sort()).toEqual([
      'app',
      'batch',
      'cert',
      'dialog',
      'drives',
      'events',
      'file',
      'package',
      'project',
      'sandbox',
      'settingsStore',
      'shell',
    ]);
    expect(() => api.events.on('nope:event' as 'menu:command', () => undefined)).toThrow('Unknown IPC event');
  });
});

describe("main's validating dispatcher", () => {
  it('accepts a call that matches the contract', async () => {
    await expect(dispatcher()('app:getInfo', [], ownWindow)).resolves.toEqual({
      name: 'PPKG Studio',
      version: '9.8.7',
      locale: 'es-MX',
      platform: 'win32',
    });
  });

  it('rejects arguments of the wrong type, naming the channel and the field', async () => {
    const call = dispatcher()('file:read', [{ path: 42, encoding: 'utf8' }], ownWindow);
    await expect(call).rejects.toMatchObject({ code: 'invalid-request', details: { channel: 'file:read' } });
    await expect(call).rejects.toThrow(
      /^IPC "file:read": invalid arguments: argument 1 field "path": .*expected string/,
    );
  });

  it('rejects a value outside an enum, a missing argument and an extra argument', async () => {
    const dispatch = dispatcher();
    await expect(dispatch('app:setLanguage', [{ language: 'fr' }], ownWindow)).rejects.toThrow(
      'IPC "app:setLanguage": invalid arguments: argument 1 field "language"',
    );
    await expect(dispatch('app:setLanguage', [], ownWindow)).rejects.toThrow(
      'IPC "app:setLanguage": invalid arguments: argument 1:',
    );
    await expect(dispatch('app:getInfo', ['surplus'], ownWindow)).rejects.toThrow(
      'IPC "app:getInfo": invalid arguments',
    );
    expect(host.languages).toEqual([]);
  });

  it('rejects unknown channels', async () => {
    // shell:openExternal exists (Learn links only); running a command never does.
    await expect(dispatcher()('shell:runCommand', ['rm -rf /'], ownWindow)).rejects.toThrow(
      'IPC "shell:runCommand": unknown channel',
    );
  });

  it('rejects calls from a foreign origin or a subframe before running the handler', async () => {
    const dispatch = dispatcher();
    host.answerNextOpenDialog('never-used.ppkg');
    for (const sender of [
      { url: 'https://evil.example/index.html', isMainFrame: true },
      { url: 'file:///tmp/other.html', isMainFrame: true },
      { url: rendererUrl, isMainFrame: false },
      { url: '', isMainFrame: true },
    ]) {
      await expect(dispatch('dialog:openPackage', [], sender)).rejects.toThrow(
        /^IPC "dialog:openPackage": rejected a call from an untrusted frame/,
      );
    }
    expect(host.dialogs).toEqual([]);
  });

  it('trusts a dev-server renderer by origin only', () => {
    const trusted = createTrustedSenderCheck('http://localhost:5173/');
    expect(trusted({ url: 'http://localhost:5173/index.html', isMainFrame: true })).toBe(true);
    expect(trusted({ url: 'http://localhost:5174/index.html', isMainFrame: true })).toBe(false);
    expect(trusted({ url: 'not a url', isMainFrame: true })).toBe(false);
  });

  it('rejects a handler result that breaks the contract', async () => {
    const handlers = createHandlers(host);
    const broken = unwrapping(
      createDispatcher(
        { ...handlers, 'app:getInfo': async () => ({ name: 1 }) as never },
        createTrustedSenderCheck(rendererUrl),
      ),
    );
    await expect(broken('app:getInfo', [], ownWindow)).rejects.toThrow(
      /^IPC "app:getInfo": handler broke the contract: result field "name"/,
    );
  });

  it('saves, writes and reads back a file the user picked, and nothing else', async () => {
    const dispatch = dispatcher();
    host.answerNextSaveDialog('out.xml');
    const picked = (await dispatch(
      'dialog:saveFile',
      [{ kind: 'xml', suggestedName: 'c.xml' }],
      ownWindow,
    )) as {
      path: string;
    };
    expect(picked).toEqual({ path: host.path('out.xml'), name: 'out.xml' });
    // The OS locale (es-MX) chose Spanish dialog texts.
    expect(host.dialogs[0]).toMatchObject({
      kind: 'save',
      request: { title: 'Guardar archivo XML', suggestedName: 'c.xml' },
    });

    const text = '<?xml version="1.0"?>\n<WindowsCustomizations>ñ</WindowsCustomizations>\n';
    await expect(
      dispatch('file:write', [{ path: picked.path, contents: text, encoding: 'utf8' }], ownWindow),
    ).resolves.toEqual({ path: picked.path, size: Buffer.byteLength(text) });
    expect(await readFile(picked.path, 'utf8')).toBe(text);
    await expect(
      dispatch('file:read', [{ path: picked.path, encoding: 'base64' }], ownWindow),
    ).resolves.toEqual({
      path: picked.path,
      contents: Buffer.from(text).toString('base64'),
      size: Buffer.byteLength(text),
    });

    await expect(
      dispatch(
        'file:write',
        [{ path: host.path('elsewhere.xml'), contents: 'x', encoding: 'utf8' }],
        ownWindow,
      ),
    ).rejects.toThrow('was not chosen by the user for write');
  });

  it('an opened file is readable but not writable', async () => {
    const dispatch = dispatcher();
    host.answerNextOpenDialog('input.ppkg');
    await dispatch('app:setLanguage', [{ language: 'en' }], ownWindow);
    const picked = (await dispatch('dialog:openPackage', [], ownWindow)) as { path: string };
    expect(host.dialogs[0]).toMatchObject({
      request: {
        title: 'Open provisioning package',
        filters: [{ extensions: ['ppkg'] }, { extensions: ['*'] }],
      },
    });
    await expect(
      dispatch('file:write', [{ path: picked.path, contents: 'x', encoding: 'utf8' }], ownWindow),
    ).rejects.toThrow('was not chosen by the user for write');
  });
});

describe('ipcMain registration (electron mocked)', () => {
  it('registers every channel and passes the sender frame to the dispatcher', async () => {
    registerIpcHandlers(createDispatcher(createHandlers(host), createTrustedSenderCheck(rendererUrl)));
    expect([...registered.keys()].sort()).toEqual([...ipcChannelNames].sort());

    const mainFrame = { url: rendererUrl };
    const getInfo = registered.get('app:getInfo');
    if (!getInfo) throw new Error('app:getInfo was not registered');
    await expect(getInfo({ senderFrame: mainFrame, sender: { mainFrame } })).resolves.toMatchObject({
      ok: true,
      value: { name: 'PPKG Studio' },
    });
    // Failures are reply values, never rejections: Electron would keep only an Error's message.
    const iframe = { url: rendererUrl };
    await expect(getInfo({ senderFrame: iframe, sender: { mainFrame } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender', message: expect.stringContaining('untrusted frame') },
    });
    await expect(getInfo({ senderFrame: null, sender: { mainFrame } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });

    const read = registered.get('file:read');
    await expect(
      read?.({ senderFrame: mainFrame, sender: { mainFrame } }, { path: ['x'] }),
    ).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining('IPC "file:read": invalid arguments: argument 1 field "path"'),
      },
    });
  });
});
