import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc/contract';
import { useAppDispatch, useAppState } from '../state/store';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  details: { color: tokens.colorNeutralForeground3 },
});

export function AboutDialog() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { aboutOpen } = useAppState();
  const dispatch = useAppDispatch();
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    if (!aboutOpen) return;
    let cancelled = false;
    window.ppkg.app.getInfo().then(
      (loaded) => {
        if (!cancelled) setInfo(loaded);
      },
      // The dialog still shows the description; only the version line is missing.
      (error: unknown) => console.error('app:getInfo failed', error),
    );
    return () => {
      cancelled = true;
    };
  }, [aboutOpen]);

  return (
    <Dialog
      open={aboutOpen}
      onOpenChange={(_event, data) => dispatch({ type: 'setAboutOpen', open: data.open })}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('about.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1 as="p">{t('about.description')}</Body1>
            {info && (
              <Caption1 as="p" className={styles.details} data-testid="about-version">
                {t('about.version', { version: info.version })} ·{' '}
                {t('about.platform', { platform: info.platform })}
              </Caption1>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => dispatch({ type: 'setAboutOpen', open: false })}>
              {t('about.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
