import type { IpcHandlers } from '../../../shared/ipc/contract';
import { MainError } from '../errors';
import { throttledProgress } from '../events';
import type { HandlerContext } from './context';

type DriveHandlers = Pick<IpcHandlers, 'drives:list' | 'drives:copyPackage' | 'drives:removeOtherPackages'>;

/** Removable drives: list, copy a package this session can read (progress as events), remove old packages. */
export function driveHandlers(context: HandlerContext): DriveHandlers {
  const { host, grants, emit } = context;
  let copying = false;
  return {
    'drives:list': () => host.listRemovableDrives(),
    'drives:copyPackage': async ({ sourcePath, mountPoint }) => {
      grants.requireRead('drives:copyPackage', sourcePath);
      if (copying) throw new MainError('busy', 'a copy to a drive is already running');
      copying = true;
      const progress = throttledProgress(emit, 'drives:copyProgress');
      try {
        return await host.copyPackageToDrive({ sourcePath, mountPoint }, (next) => progress.push(next));
      } finally {
        progress.flush();
        copying = false;
      }
    },
    'drives:removeOtherPackages': ({ mountPoint, keep }) => host.removeOtherPackages(mountPoint, keep),
  };
}
