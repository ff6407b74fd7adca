import { join } from 'node:path';
import { listAssetReferences } from '../../shared/compiler/compile';
import { CompileError } from '../../shared/compiler/errors';
import {
  deriveColumnMapping,
  isSecretColumn,
  prepareBatch,
  type BatchRowError,
  type BatchRowWarning,
  type BatchTable,
  type ColumnMapping,
} from '../../shared/batch';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { readBatchCsv } from '../../shared/node/batch/read-csv';
import { runBatch } from '../../shared/node/batch/run-batch';
import type { BatchProgressPayload, IpcEmit } from '../../shared/ipc/contract';
import { MainError } from './errors';
import { throttledProgress } from './events';
import { createBatchBuilder } from '../../shared/node/package/build-package';
import { WIZARD_PACKAGE_SHAPE } from './wizard-package-shape';

/** Main-side work for the Batch page (issue #7): preview a CSV against the template, run and cancel a batch. */

/** What a secret cell shows in the preview; the value itself never leaves main. */
export const SECRET_MASK = '••••••••';
const PREVIEW_ROWS = 5;

export interface BatchPreparation {
  header: string[];
  mapping: ColumnMapping;
  /** Non-blank data rows. */
  rowCount: number;
  /** Rows that would be built. */
  readyCount: number;
  mappingIssues: Array<{ column: string; message: string }>;
  rowErrors: BatchRowError[];
  rowWarnings: BatchRowWarning[];
  /** The first rows, secret columns masked. */
  preview: string[][];
}

const nonBlankRows = (table: BatchTable) => table.rows.filter((row) => row.cells.some((cell) => cell !== ''));

export function prepareBatchPreview(
  csvBytes: Uint8Array,
  template: CustomizationsDocument,
  mapping: ColumnMapping | null,
): BatchPreparation {
  const table = readBatchCsv(csvBytes);
  const used =
    mapping && mapping.length === table.header.length ? mapping : deriveColumnMapping(table.header);
  const prepared = prepareBatch(template, table, used);
  const secret = used.map((entry) => isSecretColumn(entry.target));
  return {
    header: table.header,
    mapping: used,
    rowCount: nonBlankRows(table).length,
    readyCount: prepared.rows.length,
    mappingIssues: prepared.mappingIssues.map(({ column, message }) => ({ column, message })),
    rowErrors: prepared.errors,
    rowWarnings: prepared.warnings,
    preview: nonBlankRows(table)
      .slice(0, PREVIEW_ROWS)
      .map((row) => table.header.map((_, index) => (secret[index] ? SECRET_MASK : (row.cells[index] ?? '')))),
  };
}

export interface BatchRunOutcome {
  mappingIssues: Array<{ column: string; message: string }>;
  built: Array<{ packageFile: string; sha256: string; deviceName: string }>;
  errors: BatchRowError[];
  cancelled: boolean;
  outputPath: string | null;
  /** manifest.csv (inside the folder, or inside the .zip); null when nothing was written. */
  manifestPath: string | null;
}

/** One batch at a time: progress and completion go to the renderer as events; it can be cancelled. */
export class BatchRunner {
  private controller: AbortController | null = null;

  constructor(private readonly emit: IpcEmit) {}

  cancel(): void {
    this.controller?.abort();
  }

  async run(request: {
    csvBytes: Uint8Array;
    template: CustomizationsDocument;
    mapping: ColumnMapping;
    output: { kind: 'folder' | 'zip'; path: string };
    /** Assets may only come from files the user picked in this session. */
    isPicked: (path: string) => boolean;
  }): Promise<BatchRunOutcome> {
    if (this.controller) throw new MainError('busy', 'a batch is already running');
    for (const reference of listAssetReferences(request.template)) {
      if (!request.isPicked(reference.recordedPath))
        throw new CompileError(reference.settingPath, 'the file was not picked in this session');
    }
    const controller = new AbortController();
    this.controller = controller;
    const started = performance.now();
    const elapsedMs = () => Math.round(performance.now() - started);
    const progress = throttledProgress(this.emit, 'batch:progress');
    let state: BatchProgressPayload = { done: 0, total: 0, current: null, write: null, elapsedMs: 0 };
    const update = (change: Partial<BatchProgressPayload>) => {
      state = { ...state, ...change, elapsedMs: elapsedMs() };
      progress.push(state);
    };
    let finished = { built: 0, failed: 0, cancelled: false, outputPath: null as string | null };
    try {
      const buildPackage = createBatchBuilder({ ...WIZARD_PACKAGE_SHAPE, assetContext: { assetDirs: [] } });
      const result = await runBatch({
        template: request.template,
        table: readBatchCsv(request.csvBytes),
        mapping: request.mapping,
        buildPackage,
        output: request.output,
        // The save dialog already asked before replacing a .zip; a folder must be empty (never mix runs).
        overwrite: request.output.kind === 'zip',
        signal: controller.signal,
        onProgress: ({ done, total, current }) =>
          update({ done, total, current: current ?? null, write: null }),
        onWriteProgress: (write) => update({ write }),
      });
      const wrote = result.outputPath !== null;
      finished = {
        built: result.built.length,
        failed: result.errors.length,
        cancelled: result.cancelled,
        outputPath: result.outputPath,
      };
      return {
        mappingIssues: result.mappingIssues.map(({ column, message }) => ({ column, message })),
        built: result.built.map(({ packageFile, sha256, deviceName }) => ({
          packageFile,
          sha256,
          deviceName,
        })),
        errors: result.errors,
        cancelled: result.cancelled,
        outputPath: result.outputPath,
        manifestPath: !wrote
          ? null
          : request.output.kind === 'folder'
            ? join(request.output.path, 'manifest.csv')
            : `${request.output.path}/manifest.csv`,
      };
    } finally {
      this.controller = null;
      progress.flush();
      this.emit('batch:finished', { ...finished, elapsedMs: elapsedMs() });
    }
  }
}
