import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { storeNoteText } from '../pages/advanced/StoreMenu';
import { restoreSettingsStore, setStoreNote, useStoreNote } from '../state/settings-store';

/**
 * At start (or reload) main reads the settings store the user chose last again, and both processes use it. When
 * it is gone or no longer a store, both fall back to the built-in catalog and this bar says why, on any page.
 */
export function StoreRestoreBar() {
  const { t } = useTranslation();
  const note = useStoreNote();
  useEffect(() => {
    restoreSettingsStore().catch((error: unknown) =>
      console.error('The main process could not restore the settings store', error),
    );
  }, []);
  if (note?.kind !== 'restoreFailed') return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="store-restore-failed">
      <MessageBarBody>{storeNoteText(note, t)}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label={t('errors.dismiss')}
            icon={<DismissRegular />}
            onClick={() => setStoreNote(null)}
          />
        }
      />
    </MessageBar>
  );
}
