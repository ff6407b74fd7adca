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
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc/contract';
import { useAppDispatch, useAppState } from '../state/store';

export function AboutDialog() {
  const { t } = useTranslation();
  const { aboutOpen } = useAppState();
  const dispatch = useAppDispatch();
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    if (!aboutOpen) return;
    let cancelled = false;
    void window.ppkg.app.getInfo().then((loaded) => {
      if (!cancelled) setInfo(loaded);
    });
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
          <DialogContent>
            <Body1 as="p">{t('about.description')}</Body1>
            {info && (
              <Caption1 as="p" data-testid="about-version">
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
