import { contextBridge, ipcRenderer } from 'electron';
import type { PpkgBridge } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/channels';

const channels: ReadonlySet<string> = new Set(ipcChannelNames);
const events: ReadonlySet<string> = new Set(ipcEventNames);

/**
 * The only place that touches ipcRenderer: a transport limited to the contract's channels and events.
 * Replies are plain values (`IpcReply`), so they cross the context bridge whole; the renderer builds
 * `window.ppkg` over this (renderer/src/ipc.ts) and turns error values into IpcError there.
 */
const bridge: PpkgBridge = {
  invoke(channel, args) {
    if (!channels.has(channel)) return Promise.reject(new Error(`Unknown IPC channel "${channel}"`));
    return ipcRenderer.invoke(channel, ...args);
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown IPC event "${event}"`);
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('ppkgBridge', bridge);
