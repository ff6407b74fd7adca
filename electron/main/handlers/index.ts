import type { Host } from '../../../shared/host';
import type { IpcEmit, IpcHandlers } from '../../../shared/ipc/contract';
import { discardEvents } from '../events';
import { appHandlers } from './app';
import { batchHandlers } from './batch';
import { HandlerContext } from './context';
import { driveHandlers } from './drives';
import { fileHandlers } from './files';
import { packageHandlers } from './package';
import { projectHandlers } from './project';
import { sandboxHandlers } from './sandbox';
import { settingsStoreHandlers } from './settings-store';

export interface MainServices {
  handlers: IpcHandlers;
  /** A .ppkg the OS asked us to open (command line, file association, second launch). */
  openFromOs(path: string): void;
}

/**
 * Main's implementation of every IPC channel, over an OS `Host`, one file per namespace sharing one
 * `HandlerContext` (path grants, events, language). No Electron import, so unit tests and the Playwright
 * bridge run the very same handlers. Arguments arrive validated by the dispatcher.
 */
export function createMainServices(host: Host, emit: IpcEmit = discardEvents): MainServices {
  const context = new HandlerContext(host, emit);
  return {
    handlers: {
      ...appHandlers(context),
      ...fileHandlers(context),
      ...projectHandlers(context),
      ...packageHandlers(context),
      ...driveHandlers(context),
      ...batchHandlers(context),
      ...settingsStoreHandlers(context),
      ...sandboxHandlers(context),
    },
    openFromOs: (path) => context.openFromOs(path),
  };
}

export function createHandlers(host: Host, emit: IpcEmit = discardEvents): IpcHandlers {
  return createMainServices(host, emit).handlers;
}
