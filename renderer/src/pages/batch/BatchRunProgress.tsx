import { useTranslation } from 'react-i18next';
import type { BatchProgressPayload } from '../../../../shared/ipc/contract';
import { OperationProgress } from '../../components/OperationProgress';

/**
 * Rows done plus the byte progress of the package being written, so one large package still moves the bar.
 * The estimate comes from main's clock (elapsedMs) and the overall fraction.
 */
export function BatchRunProgress({ progress }: { progress: BatchProgressPayload | null }) {
  const { t } = useTranslation();
  if (!progress || progress.total === 0)
    return (
      <OperationProgress
        label={t('batch.starting')}
        fraction={null}
        currentFile={null}
        elapsedMs={0}
        testId="batch-progress"
      />
    );
  const write = progress.write;
  const rowFraction = write && write.bytesTotal > 0 ? write.bytesDone / write.bytesTotal : 0;
  const fraction = Math.min(1, (progress.done + (progress.current ? rowFraction : 0)) / progress.total);
  return (
    <OperationProgress
      label={t('batch.progress', {
        done: progress.done,
        total: progress.total,
        name: progress.current?.packageName ?? '',
      })}
      fraction={fraction}
      currentFile={write?.currentFile ?? null}
      elapsedMs={progress.elapsedMs}
      testId="batch-progress"
    />
  );
}
