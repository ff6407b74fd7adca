import type { DriveHost, RemovableDrive } from '../../drives/types';
import { copyPackageToDrive, removeOtherPackages } from './copy-to-drive';
import { listRemovableDrives } from './list-drives';

/**
 * The Node implementation of DriveHost, for the Electron host (and the test host, with `listDrives`
 * returning a fake drive backed by a temp folder).
 */
export function createDriveHost(
  listDrives: () => Promise<RemovableDrive[]> = () => listRemovableDrives(),
): DriveHost {
  return {
    listRemovableDrives: listDrives,
    copyPackageToDrive: (request, onProgress, signal) =>
      copyPackageToDrive(request, {
        listDrives,
        ...(onProgress ? { onProgress } : {}),
        ...(signal ? { signal } : {}),
      }),
    removeOtherPackages: (mountPoint, keep) => removeOtherPackages(mountPoint, keep, { listDrives }),
  };
}
