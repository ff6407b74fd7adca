import {
  Button,
  Card,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { FolderOpenRegular, PlayRegular, StopRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useBatchStyles } from './batch-styles';
import { BatchRunProgress } from './BatchRunProgress';
import type { BatchState, OutputKind, Preparation } from './use-batch';

/** 3. Folder or .zip, where, then Build (and Cancel) with the run's progress. */
export function OutputSection({ batch, preparation }: { batch: BatchState; preparation: Preparation }) {
  const styles = useBatchStyles();
  const { t } = useTranslation();
  const { run, running, output } = batch;
  return (
    <Card className={styles.card}>
      <Subtitle2 as="h3">{t('batch.outputHeading')}</Subtitle2>
      <RadioGroup
        layout="horizontal"
        value={batch.outputKind}
        disabled={running}
        onChange={(_, data) => batch.setOutputKind(data.value as OutputKind)}
      >
        <Radio value="folder" label={t('batch.outputFolder')} data-testid="batch-output-folder" />
        <Radio value="zip" label={t('batch.outputZip')} data-testid="batch-output-zip" />
      </RadioGroup>
      <div className={styles.row}>
        <Button
          icon={<FolderOpenRegular />}
          onClick={() => void batch.pickOutput()}
          disabled={running}
          data-testid="batch-pick-output"
        >
          {t('batch.pickOutput')}
        </Button>
        {output && <Text className={styles.mono}>{output.path}</Text>}
      </div>
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<PlayRegular />}
          disabled={!batch.canStart}
          onClick={() => void batch.start()}
          data-testid="batch-start"
        >
          {t('batch.start', { count: preparation.readyCount })}
        </Button>
        {running && (
          <Button
            icon={<StopRegular />}
            onClick={() => void window.ppkg.batch.cancel()}
            data-testid="batch-cancel"
          >
            {t('batch.cancel')}
          </Button>
        )}
      </div>
      {run.kind === 'running' && <BatchRunProgress progress={run.progress} />}
      {run.kind === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{run.message}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
