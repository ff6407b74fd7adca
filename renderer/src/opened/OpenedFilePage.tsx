import {
  Button,
  Card,
  CardHeader,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeftRegular, BoxRegular, DocumentRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../state/app-state';

const useStyles = makeStyles({
  page: {
    height: '100%',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground2,
    padding: tokens.spacingHorizontalXXL,
    boxSizing: 'border-box',
  },
  card: { maxWidth: '720px', marginInline: 'auto' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, wordBreak: 'break-all' },
  icon: { fontSize: '32px', color: tokens.colorBrandForeground1 },
});

/** Placeholder for opened projects and packages until the importers exist; proves the IPC path works. */
export function OpenedFilePage({ file, onBack }: { file: OpenedFile; onBack: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.page} data-testid="opened-page">
      <Card className={styles.card}>
        <CardHeader
          image={
            file.kind === 'package' ? (
              <BoxRegular className={styles.icon} />
            ) : (
              <DocumentRegular className={styles.icon} />
            )
          }
          header={<Subtitle1 as="h2">{file.name}</Subtitle1>}
          description={t(file.kind === 'package' ? 'opened.packageTitle' : 'opened.projectTitle')}
        />
        <dl className={styles.details}>
          <dt className={styles.term}>{t('opened.file')}</dt>
          <dd className={styles.value}>
            <Text font="monospace">{file.path}</Text>
          </dd>
          <dt className={styles.term}>{t('opened.size')}</dt>
          <dd className={styles.value} data-testid="opened-size">
            {t('opened.sizeBytes', { size: file.size })}
          </dd>
        </dl>
        <MessageBar intent="info">
          <MessageBarBody>{t('opened.comingSoon')}</MessageBarBody>
        </MessageBar>
        <div>
          <Button icon={<ArrowLeftRegular />} onClick={onBack}>
            {t('opened.back')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
