import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { SaveRegular, ShareRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectActions } from './project-actions';

/**
 * "Save project" (secrets masked) and "Export for WCD (includes secrets)", which asks first: a project
 * folder with passwords in it is easy to share by mistake.
 */
export function SaveProjectButtons() {
  const { t } = useTranslation();
  const { saveProject } = useProjectActions();
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [savedTo, setSavedTo] = useState<{ path: string; secrets: boolean } | null>(null);

  const save = async (includeSecrets: boolean) => {
    setConfirmOpen(false);
    const path = await saveProject(includeSecrets);
    setSavedTo(path ? { path, secrets: includeSecrets } : null);
  };

  return (
    <>
      <Button icon={<SaveRegular />} onClick={() => void save(false)} data-testid="save-project">
        {t('pages.save.save')}
      </Button>
      <Button icon={<ShareRegular />} onClick={() => setConfirmOpen(true)} data-testid="export-wcd">
        {t('pages.save.exportWithSecrets')}
      </Button>
      {savedTo && (
        <MessageBar intent="success" data-testid="save-done">
          <MessageBarBody>
            {t(savedTo.secrets ? 'pages.save.savedWithSecrets' : 'pages.save.saved', { path: savedTo.path })}
          </MessageBarBody>
        </MessageBar>
      )}
      <Dialog open={confirmOpen} onOpenChange={(_, data) => setConfirmOpen(data.open)}>
        <DialogSurface data-testid="secrets-warning">
          <DialogBody>
            <DialogTitle>{t('pages.save.warningTitle')}</DialogTitle>
            <DialogContent>
              <MessageBar intent="warning">
                <MessageBarBody>{t('pages.save.warningBody')}</MessageBarBody>
              </MessageBar>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirmOpen(false)}>{t('pages.save.cancel')}</Button>
              <Button appearance="primary" onClick={() => void save(true)} data-testid="export-wcd-confirm">
                {t('pages.save.confirmExport')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
