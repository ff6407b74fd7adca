import type { PpkgApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Built by the preload from the IPC contract; the renderer's only way to reach the main process. */
    readonly ppkg: PpkgApi;
  }
}
