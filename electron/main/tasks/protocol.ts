import type { IpcErrorValue } from '../../../shared/ipc/contract';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import type { PackageSecurityOptions } from '../../../shared/node/package-security/secure-package';
import type { WriteProgress } from '../../../shared/node/wim/wim-writer';
import type { inspectSecuredPackage } from '../project-files';
import type { BuildOutcome } from '../wizard-build';

/** A task main hands to its task worker (task-worker.ts). */
export type Task =
  /** `password` opens an encrypted package (used once, never stored). */
  | { kind: 'inspect'; path: string; password?: string }
  | {
      kind: 'build';
      doc: CustomizationsDocument;
      outPath: string;
      /** Asset bytes by recorded path, read by main from granted paths only (transferred, not copied). */
      assets: Array<[string, Uint8Array]>;
      /** Catalog, timestamp and encryption choices; a signer (key objects) never crosses to the worker. */
      security: Omit<PackageSecurityOptions, 'signer'>;
      generatedPassword?: string;
    };

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
