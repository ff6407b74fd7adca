import { useEffect, useState } from 'react';
import type { IpcArgs, LastBuildDiff } from '../../../shared/ipc/contract';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import { useIpcEvent } from '../hooks/use-ipc-event';
import { errorMessage } from '../../../shared/text/error-message';

export type LastBuildDiffState =
  | { status: 'checking' }
  | LastBuildDiff
  | { status: 'failed'; message: string };

/** Edits settle for this long before the document is compiled again for the comparison. */
const SETTLE_MS = 400;

/**
 * The document compared, in main's task worker, with the last package built from its project: again after
 * each edit (once edits settle) and after each build, while the Package tab is shown.
 */
export function useLastBuildDiff(doc: CustomizationsDocument, active: boolean): LastBuildDiffState {
  const [state, setState] = useState<LastBuildDiffState>({ status: 'checking' });
  const [builds, setBuilds] = useState(0);
  useIpcEvent('build:finished', (event) => {
    if (event.outcome === 'built') setBuilds((count) => count + 1);
  });
  useEffect(() => {
    if (!active) return;
    let current = true;
    const timer = setTimeout(() => {
      // The contract's input type is the loose schema's; the document is the model main parses it into.
      const document = doc as IpcArgs<'package:diffWithLastBuild'>[0]['document'];
      window.ppkg.package.diffWithLastBuild({ document }).then(
        (result) => current && setState(result),
        (error: unknown) => current && setState({ status: 'failed', message: errorMessage(error) }),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [doc, active, builds]);
  return state;
}
