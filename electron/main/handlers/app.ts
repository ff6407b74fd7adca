import { APP_NAME } from '../../../shared/version';
import type { IpcHandlers } from '../../../shared/ipc/contract';
import { checkLearnUrl } from '../settings-store';
import type { HandlerContext } from './context';

type AppHandlers = Pick<
  IpcHandlers,
  'app:getInfo' | 'app:setLanguage' | 'app:takeLaunchFile' | 'shell:showInFolder' | 'shell:openExternal'
>;

export function appHandlers(context: HandlerContext): AppHandlers {
  const { host, grants } = context;
  return {
    'app:getInfo': async () => {
      const info = host.info();
      return { name: APP_NAME, version: info.version, locale: info.locale, platform: info.platform };
    },
    'app:setLanguage': async ({ language }) => {
      context.language = language;
      host.languageChanged(language);
      return null;
    },
    'app:takeLaunchFile': async () => context.takeLaunchFile(),
    'shell:openExternal': async ({ url }) => {
      await host.openExternal?.(checkLearnUrl(url));
      return null;
    },
    'shell:showInFolder': async ({ path }) => {
      // Only what this session wrote (save picks and batch outputs).
      grants.requireWrite('shell:showInFolder', path);
      host.showItemInFolder?.(path);
      return null;
    },
  };
}
