import { basename } from 'node:path';
import type { IpcHandlers } from '../../../shared/ipc/contract';
import { useBuiltinStore } from '../settings-store';
import type { HandlerContext } from './context';

type SettingsStoreHandlers = Pick<
  IpcHandlers,
  'settingsStore:findInstalled' | 'settingsStore:pick' | 'settingsStore:use' | 'settingsStore:restore'
>;

/** The settings store of an installed WCD (found by main, or picked) as the advanced editor's catalog. */
export function settingsStoreHandlers(context: HandlerContext): SettingsStoreHandlers {
  const { host, grants, storeChoice } = context;
  return {
    'settingsStore:findInstalled': async () => {
      const paths = (await host.findInstalledWcdStores?.()) ?? [];
      // Main found them itself, in WCD's install folders: readable like a pick.
      for (const path of paths) grants.grantRead(path);
      return paths.map((path) => ({ path, name: basename(path) }));
    },
    'settingsStore:pick': async () => {
      const strings = context.strings();
      return context.pickToOpen(strings.dialog.openSettingsStore, [
        { name: strings.filter.settingsStore, extensions: ['dat'] },
        { name: strings.filter.all, extensions: ['*'] },
      ]);
    },
    'settingsStore:use': async ({ path }) => {
      if (path === null) {
        await storeChoice.remember(null);
        return useBuiltinStore();
      }
      // The remembered store is main's own grant, as a recent project is.
      if (path !== (await storeChoice.remembered())) grants.requireRead('settingsStore:use', path);
      return storeChoice.use(path);
    },
    'settingsStore:restore': () => storeChoice.restore(),
  };
}
