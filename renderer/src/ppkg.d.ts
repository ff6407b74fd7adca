import type { PpkgBridge } from '../../shared/ipc/build-api';
import type { PpkgApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** The preload's transport to main (electron/preload); only renderer/src/ipc.ts uses it. */
    readonly ppkgBridge?: PpkgBridge;
    /** Built by renderer/src/ipc.ts from the IPC contract; the renderer's only way to reach the main process. */
    readonly ppkg: PpkgApi;
  }
}
