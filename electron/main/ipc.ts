import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannelNames } from '../../shared/ipc/channels';
import { ipcEventContract, type IpcEventPayload } from '../../shared/ipc/contract';
import type { IpcEvent } from '../../shared/ipc/channels';
import type { IpcDispatch, IpcSender } from './dispatcher';

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/** Registers every contract channel on ipcMain; all validation lives in the shared dispatcher. */
export function registerIpcHandlers(dispatch: IpcDispatch): () => void {
  for (const channel of ipcChannelNames) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(channel, args, senderOf(event)));
  }
  return () => {
    for (const channel of ipcChannelNames) ipcMain.removeHandler(channel);
  };
}

/** Sends a main → renderer event after checking its payload against the contract. */
export function sendIpcEvent<Event extends IpcEvent>(
  target: WebContents,
  event: Event,
  payload: IpcEventPayload<Event>,
): void {
  target.send(event, ipcEventContract[event].parse(payload));
}
