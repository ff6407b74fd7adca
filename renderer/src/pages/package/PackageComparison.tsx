import { Button, Card, Subtitle2 } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { PackageDiffResult } from '../../../../shared/ipc/contract';
import { escapeControlCharacters as visible } from '../../../../shared/text/visible-text';
import { DiffView } from '../../components/diff/DiffView';
import { usePackagePageStyles } from './styles';

/** The opened package compared with another, in place of the settings and files panes. */
export function PackageComparison({ diff, onClose }: { diff: PackageDiffResult; onClose: () => void }) {
  const styles = usePackagePageStyles();
  const { t } = useTranslation();
  const title = t('pages.package.compareTitle', { a: visible(diff.a.label), b: visible(diff.b.label) });
  return (
    <Card className={styles.comparison} data-testid="package-comparison">
      <div className={styles.headerRow}>
        <Subtitle2 as="h3" className={styles.grow}>
          {title}
        </Subtitle2>
        <Button icon={<DismissRegular />} onClick={onClose} data-testid="close-comparison">
          {t('pages.package.closeCompare')}
        </Button>
      </div>
      <DiffView diff={diff} label={title} />
    </Card>
  );
}
