import { contextBridge, ipcRenderer } from 'electron';
import { buildPpkgApi } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/channels';

// The only place that touches ipcRenderer: window.ppkg is built from the contract's channel list.
contextBridge.exposeInMainWorld(
  'ppkg',
  buildPpkgApi(
    ipcChannelNames,
    ipcEventNames,
    (channel, args) => ipcRenderer.invoke(channel, ...args),
    (event, listener) => {
      const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
  ),
);
