import { useEffect, useState } from 'react';
import type { SandboxRun, SandboxStatus } from '../../../../shared/ipc/contract';
import { useIpcEvent } from '../../hooks/use-ipc-event';
import { errorMessage } from '../../../../shared/text/error-message';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * Windows Sandbox for one package: whether it can run here (and why not), the kept runs of this package
 * (newest first), the run being watched (updated by `sandbox:results` events) and starting a new one.
 */
export function useSandbox(packagePath: string) {
  const [status, setStatus] = useState<SandboxStatus | null>(null);
  const [runs, setRuns] = useState<SandboxRun[]>([]);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const next = await window.ppkg.sandbox.status();
      if (!current) return;
      setStatus(next);
      if (!next.available) return;
      const kept = await window.ppkg.sandbox.runs({ packageName: fileName(packagePath) });
      if (current) setRuns(kept);
    })().catch((failure: unknown) => {
      if (current) setError(errorMessage(failure));
    });
    return () => {
      current = false;
    };
  }, [packagePath]);

  useIpcEvent('sandbox:results', (update) =>
    setRuns((list) => list.map((run) => (run.runId === update.runId ? update : run))),
  );

  const start = async (networking: boolean) => {
    setError(null);
    setStarting(true);
    try {
      const run = await window.ppkg.sandbox.start({ packagePath, networking });
      setRuns((list) => [run, ...list.filter((kept) => kept.runId !== run.runId)]);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setStarting(false);
    }
  };

  return { status, runs, starting, error, start };
}
