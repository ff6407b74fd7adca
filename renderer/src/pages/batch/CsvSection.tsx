import { Button, Card, MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import { DocumentTableRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useBatchStyles } from './batch-styles';
import type { BatchState } from './use-batch';

/** 1. The CSV file: pick it, then how many rows are ready and how many have errors. */
export function CsvSection({ batch }: { batch: BatchState }) {
  const styles = useBatchStyles();
  const { t } = useTranslation();
  const { csv, preparation, error } = batch;
  return (
    <Card className={styles.card}>
      <Subtitle2 as="h3">{t('batch.csvHeading')}</Subtitle2>
      <div className={styles.row}>
        <Button
          icon={<DocumentTableRegular />}
          onClick={() => void batch.pickCsv()}
          disabled={batch.running}
          data-testid="batch-pick-csv"
        >
          {t('batch.pickCsv')}
        </Button>
        {csv && <Text data-testid="batch-csv-name">{csv.name}</Text>}
      </div>
      {preparation && (
        <Text data-testid="batch-counts">
          {t('batch.counts', {
            rows: preparation.rowCount,
            ready: preparation.readyCount,
            failed: preparation.rowErrors.length,
          })}
        </Text>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
