import { useState } from 'react';
import type { PackageDiffResult } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../../../shared/text/error-message';

export type Comparison =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; diff: PackageDiffResult }
  | { status: 'failed'; message: string };

/**
 * "Compare with…": a second package picked in a dialog (main grants it), compared in main's task worker
 * with the opened one; `password` opens the opened one when it is encrypted.
 */
export function usePackageComparison(path: string, password: string | null) {
  const [comparison, setComparison] = useState<Comparison>({ status: 'idle' });
  const compare = async () => {
    const picked = await window.ppkg.dialog.openPackage();
    if (!picked) return;
    setComparison({ status: 'running' });
    try {
      const diff = await window.ppkg.package.compare({
        a: path,
        b: picked.path,
        ...(password ? { password } : {}),
      });
      setComparison({ status: 'done', diff });
    } catch (failure) {
      setComparison({
        status: 'failed',
        message: errorMessage(failure),
      });
    }
  };
  return { comparison, compare, close: () => setComparison({ status: 'idle' }) };
}
