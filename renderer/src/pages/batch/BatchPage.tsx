import { Body1, Button, Title2 } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { useAppDispatch } from '../../state/store';
import { useBatchStyles } from './batch-styles';
import { BatchResult } from './BatchResult';
import { CsvSection } from './CsvSection';
import { MappingSection } from './MappingSection';
import { OutputSection } from './OutputSection';
import { useBatch } from './use-batch';

/** Bulk enrollment: the current project is the template, one package per CSV row (issue #7). */
export function BatchPage({ document }: { document: CustomizationsDocument }) {
  const styles = useBatchStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const batch = useBatch(document);
  const { preparation, run } = batch;
  return (
    <div className={styles.page} data-testid="batch-page">
      <div className={styles.content}>
        <div className={styles.heading}>
          <div className={styles.headingRow}>
            <Title2 as="h2">{t('batch.title')}</Title2>
            <Button
              icon={<ArrowLeftRegular />}
              disabled={batch.running}
              onClick={() => dispatch({ type: 'showPage', page: { kind: 'wizard' } })}
              data-testid="batch-back"
            >
              {t('batch.back')}
            </Button>
          </div>
          <Body1 className={styles.muted}>{t('batch.intro', { name: document.packageConfig.name })}</Body1>
        </div>
        <CsvSection batch={batch} />
        {preparation && <MappingSection batch={batch} preparation={preparation} />}
        {preparation && <OutputSection batch={batch} preparation={preparation} />}
        {run.kind === 'done' && <BatchResult outcome={run.outcome} />}
      </div>
    </div>
  );
}
