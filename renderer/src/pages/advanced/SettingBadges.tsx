import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { ShieldKeyholeRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry, Evidence } from '../../../../shared/catalog/types';

const useStyles = makeStyles({
  badges: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    // A label longer than the narrow pane (Spanish, minimum window size) wraps inside its badge, not out of it.
    '& .fui-Badge': { height: 'auto', minHeight: '20px', paddingBlock: '1px' },
  },
});

const EVIDENCE_COLOR: Record<Evidence, 'success' | 'informative' | 'warning'> = {
  observed: 'success',
  derived: 'informative',
  inferred: 'warning',
};

/** Kind, evidence level, secret, hidden, "from your store" and wizard page of a setting, as badges. */
export function SettingBadges({ entry }: { entry: CatalogEntry }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.badges}>
      <Badge appearance="outline">
        {t('pages.advanced.kind', { kind: t(`pages.advanced.kinds.${entry.kind.kind}`) })}
      </Badge>
      <Badge appearance="tint" color={EVIDENCE_COLOR[entry.evidence]} data-testid="evidence-badge">
        {t(`pages.advanced.evidence.${entry.evidence}`)}
      </Badge>
      {entry.secret && (
        <Badge appearance="tint" color="danger" icon={<ShieldKeyholeRegular />}>
          {t('pages.advanced.secret')}
        </Badge>
      )}
      {entry.hidden && <Badge appearance="outline">{t('pages.advanced.hiddenBadge')}</Badge>}
      {entry.facts?.source === 'user-store' && (
        <Badge appearance="tint" color="important" data-testid="from-store-badge">
          {t('pages.advanced.fromStoreBadge')}
        </Badge>
      )}
      {entry.wizardPage && (
        <Badge appearance="tint" color="brand">
          {t('pages.advanced.wizardPage', { page: t(`pages.advanced.wizardPages.${entry.wizardPage}`) })}
        </Badge>
      )}
    </div>
  );
}
