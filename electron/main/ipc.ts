import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ipcChannelNames } from '../../shared/ipc/channels';
import type { IpcDispatch, IpcSender } from './dispatcher';

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/**
 * Registers every contract channel on ipcMain; all validation lives in the shared dispatcher, which answers
 * with a reply value (never a rejection), so error codes reach the renderer intact.
 */
export function registerIpcHandlers(dispatch: IpcDispatch): () => void {
  for (const channel of ipcChannelNames) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(channel, args, senderOf(event)));
  }
  return () => {
    for (const channel of ipcChannelNames) ipcMain.removeHandler(channel);
  };
}
