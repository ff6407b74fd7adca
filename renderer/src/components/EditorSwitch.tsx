import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { TextBulletListTreeRegular, WandRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppState } from '../state/store';

const useStyles = makeStyles({ group: { display: 'flex', gap: tokens.spacingHorizontalXS } });

/** Switches between the wizard and the advanced editor; both edit the same project document. */
export function EditorSwitch() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { page, document } = useAppState();
  const dispatch = useAppDispatch();
  if (!document || (page.kind !== 'wizard' && page.kind !== 'advanced')) return null;
  return (
    <div className={styles.group} role="group" aria-label={t('pages.switch.label')}>
      <Button
        appearance={page.kind === 'wizard' ? 'primary' : 'subtle'}
        icon={<WandRegular />}
        aria-pressed={page.kind === 'wizard'}
        onClick={() => dispatch({ type: 'showPage', page: { kind: 'wizard' } })}
        data-testid="show-wizard"
      >
        {t('pages.switch.wizard')}
      </Button>
      <Button
        appearance={page.kind === 'advanced' ? 'primary' : 'subtle'}
        icon={<TextBulletListTreeRegular />}
        aria-pressed={page.kind === 'advanced'}
        onClick={() => dispatch({ type: 'showPage', page: { kind: 'advanced' } })}
        data-testid="show-advanced"
      >
        {t('pages.switch.advanced')}
      </Button>
    </div>
  );
}
