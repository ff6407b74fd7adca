import { buildPpkgApi, IpcError } from '../../shared/ipc/build-api';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/channels';

/**
 * Builds `window.ppkg` over the preload's transport (`window.ppkgBridge`). Built here, in the page's own
 * world, so a failed call throws an `IpcError` with main's code and details intact.
 */
export function installPpkgApi(): void {
  const bridge = window.ppkgBridge;
  if (!bridge) throw new Error('The preload did not expose window.ppkgBridge');
  const api = buildPpkgApi(ipcChannelNames, ipcEventNames, bridge.invoke, bridge.on);
  Object.defineProperty(window, 'ppkg', { value: api, enumerable: true });
}

/** The error value of a failed IPC call, or null for any other error. */
export function ipcErrorOf(error: unknown): IpcError | null {
  return error instanceof IpcError ? error : null;
}

export { IpcError };
