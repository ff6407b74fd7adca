import { describe, expect, it, vi } from 'vitest';
import { buildPpkgApi, type PpkgBridge } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/channels';

type Listener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<Listener>>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args);
      return { ok: true, value: { echoed: args[0] } };
    },
    on: (event: string, listener: Listener) => {
      const set = electron.listeners.get(event) ?? new Set();
      set.add(listener);
      electron.listeners.set(event, set);
    },
    removeListener: (event: string, listener: Listener) => electron.listeners.get(event)?.delete(listener),
  },
}));

describe('the preload (electron mocked)', () => {
  it('exposes only the transport, limited to the contract; window.ppkg built over it invokes each channel', async () => {
    await import('../../electron/preload/index');
    expect([...electron.exposed.keys()]).toEqual(['ppkgBridge']);
    const bridge = electron.exposed.get('ppkgBridge') as PpkgBridge;
    await expect(bridge.invoke('shell:openPath', ['/etc/passwd'])).rejects.toThrow('Unknown IPC channel');
    expect(() => bridge.on('nope', () => undefined)).toThrow('Unknown IPC event');
    expect(electron.invoked).toEqual([]);
    const ppkg = buildPpkgApi(ipcChannelNames, ipcEventNames, bridge.invoke, bridge.on);

    await expect(ppkg.file.write({ path: '/a.xml', contents: '<a/>', encoding: 'utf8' })).resolves.toEqual({
      echoed: 'file:write',
    });
    await ppkg.dialog.saveFile({ kind: 'package', suggestedName: 'p.ppkg' });
    expect(electron.invoked).toEqual([
      ['file:write', { path: '/a.xml', contents: '<a/>', encoding: 'utf8' }],
      ['dialog:saveFile', { kind: 'package', suggestedName: 'p.ppkg' }],
    ]);

    const methods = Object.entries(ppkg)
      .filter(([namespace]) => namespace !== 'events')
      .flatMap(([namespace, group]) =>
        Object.keys(group as object).map((method) => `${namespace}:${method}`),
      );
    expect(methods.sort()).toEqual([...ipcChannelNames].sort());
    expect(Object.isFrozen(ppkg.file)).toBe(true);
  });

  it('forwards main → renderer events without the IPC event object, and unsubscribes', async () => {
    await import('../../electron/preload/index');
    const bridge = electron.exposed.get('ppkgBridge') as PpkgBridge;
    const ppkg = buildPpkgApi(ipcChannelNames, ipcEventNames, bridge.invoke, bridge.on);
    const received: unknown[] = [];
    const unsubscribe = ppkg.events.on('menu:command', (command) => received.push(command));
    const sendFromMain = (payload: unknown) => {
      for (const listener of electron.listeners.get('menu:command') ?? [])
        listener({ sender: 'ipc' }, payload);
    };
    sendFromMain({ command: 'about' });
    unsubscribe();
    sendFromMain({ command: 'newProject' });
    expect(received).toEqual([{ command: 'about' }]);
  });
});
