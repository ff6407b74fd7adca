import { Badge, Card, MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useBatchStyles } from './batch-styles';
import { RowErrorTable } from './RowErrorTable';
import type { Outcome } from './use-batch';

/** What a finished (or cancelled) batch wrote: packages, where, the manifest, and the rows that failed. */
export function BatchResult({ outcome }: { outcome: Outcome }) {
  const styles = useBatchStyles();
  const { t } = useTranslation();
  return (
    <Card className={styles.card} data-testid="batch-result">
      <div className={styles.row}>
        <Subtitle2 as="h3">{t('batch.resultHeading')}</Subtitle2>
        {outcome.cancelled && <Badge color="warning">{t('batch.cancelled')}</Badge>}
      </div>
      {outcome.mappingIssues.map((issue) => (
        <MessageBar key={`${issue.column}:${issue.message}`} intent="error">
          <MessageBarBody>{issue.message}</MessageBarBody>
        </MessageBar>
      ))}
      <Text data-testid="batch-built">{t('batch.built', { count: outcome.built.length })}</Text>
      {outcome.outputPath && (
        <Text>
          {t('batch.outputPath')}{' '}
          <span className={styles.mono} data-testid="batch-output-path">
            {outcome.outputPath}
          </span>
        </Text>
      )}
      {outcome.manifestPath && (
        <Text>
          {t('batch.manifestPath')}{' '}
          <span className={styles.mono} data-testid="batch-manifest-path">
            {outcome.manifestPath}
          </span>
        </Text>
      )}
      {outcome.errors.length > 0 && (
        <>
          <Text weight="semibold">{t('batch.failedRows', { count: outcome.errors.length })}</Text>
          <RowErrorTable errors={outcome.errors} testId="batch-failed-rows" />
        </>
      )}
    </Card>
  );
}
