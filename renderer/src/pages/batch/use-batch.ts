import { useCallback, useState } from 'react';
import type { ColumnMapping, ColumnTarget } from '../../../../shared/batch/types';
import type { BatchProgressPayload, IpcResult } from '../../../../shared/ipc/contract';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { useIpcEvent } from '../../hooks/use-ipc-event';
import { errorMessage } from '../../../../shared/text/error-message';

export type Preparation = IpcResult<'batch:prepare'>;
export type Outcome = IpcResult<'batch:start'>;
export type OutputKind = 'folder' | 'zip';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: BatchProgressPayload | null }
  | { kind: 'done'; outcome: Outcome }
  | { kind: 'failed'; message: string };

/**
 * The Batch page's state and actions: the CSV and its preparation against the template (main reads the file
 * and masks secrets), the column mapping, the output, and the run with the progress main pushes as events.
 */
export function useBatch(document: CustomizationsDocument) {
  const [csv, setCsv] = useState<{ path: string; name: string } | null>(null);
  const [preparation, setPreparation] = useState<Preparation | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [outputKind, setOutputKindState] = useState<OutputKind>('folder');
  const [output, setOutput] = useState<{ path: string; kind: OutputKind } | null>(null);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  const prepare = useCallback(
    async (csvPath: string, nextMapping: ColumnMapping | null) => {
      try {
        const result = await window.ppkg.batch.prepare({ csvPath, template: document, mapping: nextMapping });
        setPreparation(result);
        setMapping(result.mapping);
        setError(null);
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
    [document],
  );

  const pickCsv = async () => {
    const picked = await window.ppkg.batch.pickCsv();
    if (!picked) return;
    setCsv(picked);
    setRun({ kind: 'idle' });
    await prepare(picked.path, null);
  };

  /** Changes one column's target; `reprepare` re-reads the rows with it (a path being typed waits for blur). */
  const changeTarget = (index: number, target: ColumnTarget, reprepare: boolean) => {
    const next = mapping.map((entry, at) => (at === index ? { ...entry, target } : entry));
    setMapping(next);
    if (reprepare && csv) void prepare(csv.path, next);
  };

  const reprepare = () => {
    if (csv) void prepare(csv.path, mapping);
  };

  const setOutputKind = (kind: OutputKind) => {
    setOutputKindState(kind);
    setOutput(null);
  };

  const pickOutput = async () => {
    const picked = await window.ppkg.batch.pickOutput({ kind: outputKind });
    if (picked) setOutput({ path: picked.path, kind: outputKind });
  };

  // Main pushes the batch's progress as events while batch:start runs.
  useIpcEvent('batch:progress', (progress) =>
    setRun((state) => (state.kind === 'running' ? { kind: 'running', progress } : state)),
  );

  const start = async () => {
    if (!csv || !output) return;
    setRun({ kind: 'running', progress: null });
    try {
      const outcome = await window.ppkg.batch.start({
        csvPath: csv.path,
        template: document,
        mapping,
        output,
      });
      setRun({ kind: 'done', outcome });
    } catch (failure) {
      setRun({ kind: 'failed', message: errorMessage(failure) });
    }
  };

  const running = run.kind === 'running';
  const canStart =
    !!preparation &&
    preparation.mappingIssues.length === 0 &&
    preparation.readyCount > 0 &&
    !!output &&
    !running;

  return {
    csv,
    preparation,
    mapping,
    outputKind,
    output,
    run,
    error,
    running,
    canStart,
    pickCsv,
    changeTarget,
    reprepare,
    setOutputKind,
    pickOutput,
    start,
  };
}

export type BatchState = ReturnType<typeof useBatch>;
