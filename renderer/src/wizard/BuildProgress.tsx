import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildProgress as BuildProgressEvent } from '../../../shared/ipc/contract';
import { OperationProgress } from '../components/OperationProgress';
import { useIpcEvent } from '../hooks/use-ipc-event';

/** The wizard's build in flight, from main's `build:progress` events for this output path. */
export function BuildProgress({ path }: { path: string }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<BuildProgressEvent | null>(null);
  useIpcEvent('build:progress', (event) => {
    if (event.path === path) setProgress(event);
  });
  const write = progress?.write;
  const fraction =
    !progress || !write
      ? null
      : write.bytesTotal > 0
        ? write.bytesDone / write.bytesTotal
        : progress.step === 'compile'
          ? 0
          : null;
  return (
    <OperationProgress
      label={progress?.step === 'write' ? t('progress.writing') : t('progress.compiling')}
      fraction={fraction}
      currentFile={write?.currentFile ?? null}
      elapsedMs={progress?.elapsedMs ?? 0}
      testId="build-progress"
    />
  );
}
