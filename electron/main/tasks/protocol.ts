import type { PackageDiff } from '../../../shared/diff/package-diff';
import type { IpcErrorValue } from '../../../shared/ipc/contract';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import type { WriteProgress } from '../../../shared/node/wim/wim-writer';
import type { ResultsReport } from '../../../shared/sandbox/report';
import type { PackageToDiff } from '../package-diff';
import type { inspectSecuredPackage } from '../project-files';
import type { StoreSource } from '../settings-store';
import type { BuildOutcome, WizardBuildRequest } from '../wizard-build';

/** A task main hands to its task worker (task-worker.ts). */
export type Task =
  /** `password` opens an encrypted package (used once, never stored). */
  | { kind: 'inspect'; path: string; password?: string }
  /**
   * Package `a` against another package or the document as the wizard builds it (its picked assets read
   * there, against the settings store main uses).
   */
  | {
      kind: 'diff';
      a: PackageToDiff;
      b:
        | ({ kind: 'package' } & PackageToDiff)
        | { kind: 'document'; doc: CustomizationsDocument; pickedAssets: string[]; store?: StoreSource };
    }
  /** A Windows Sandbox run folder's report: what its package applies against what its results say. */
  | { kind: 'sandbox-report'; runFolder: string }
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
  | { kind: 'diffed'; result: PackageDiff }
  | { kind: 'sandbox-reported'; result: ResultsReport }
  | { kind: 'failed'; error: IpcErrorValue }
);
