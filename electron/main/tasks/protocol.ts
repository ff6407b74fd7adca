import type { IpcErrorValue } from '../../../shared/ipc/contract';
import type { WriteProgress } from '../../../shared/node/wim/wim-writer';
import type { inspectSecuredPackage } from '../project-files';
import type { StoreSource } from '../settings-store';
import type { BuildOutcome, WizardBuildRequest } from '../wizard-build';

/** A task main hands to its task worker (task-worker.ts). */
export type Task =
  /** `password` opens an encrypted package (used once, never stored). */
  | { kind: 'inspect'; path: string; password?: string }
  | ({
      kind: 'build';
      /**
       * The settings store the user chose (its file name and bytes, parsed here once per store); absent: the
       * built-in catalog.
       */
      store?: StoreSource;
    } & WizardBuildRequest);

export interface TaskRequest {
  id: number;
  task: Task;
}

/** What the worker answers, tagged with the request's id (several tasks may run at once). */
export type TaskMessage = { id: number } & (
  | { kind: 'step'; step: 'compile' | 'write' }
  | { kind: 'write-progress'; progress: WriteProgress }
  | { kind: 'inspected'; result: Awaited<ReturnType<typeof inspectSecuredPackage>> }
  | { kind: 'built'; result: BuildOutcome }
  | { kind: 'failed'; error: IpcErrorValue }
);
