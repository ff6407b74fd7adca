import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DismissAction } from './DismissAction';
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
      <DismissAction onDismiss={() => setStoreNote(null)} />
    </MessageBar>
  );
}
