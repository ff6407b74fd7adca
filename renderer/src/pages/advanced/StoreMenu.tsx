import {
  Caption1,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  tokens,
} from '@fluentui/react-components';
import { DatabaseRegular } from '@fluentui/react-icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { activeFacts } from '../../../../shared/catalog';
import {
  applyStoreState,
  setStoreNote,
  type StoreNote,
  useCatalogRevision,
  useStoreNote,
} from '../../state/settings-store';
import { errorMessage } from '../../../../shared/text/error-message';

const useStyles = makeStyles({
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  note: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** The store menu's note (and the start-up message) in the UI language. */
export function storeNoteText(note: StoreNote, t: TFunction): string {
  switch (note.kind) {
    case 'loaded':
      return t('pages.advanced.store.loaded', { leaves: note.leaves, added: note.added });
    case 'failed':
      return t('pages.advanced.store.failed', { message: note.message });
    case 'noneInstalled':
      return t('pages.advanced.store.noneInstalled');
    case 'restoreFailed':
      return t('pages.advanced.store.restoreFailed', {
        file: note.problem.file,
        reason: t(`pages.advanced.store.reasons.${note.problem.reason}`),
        detail: note.problem.detail,
      });
  }
}

/**
 * Which settings store the editor (and main's compiler) use: the built-in catalog, the store of an installed
 * WCD, or any .dat the user picks. Main reads and parses the file and remembers the choice for the next start;
 * the facts come back and replace the catalog.
 */
export function StoreMenu() {
  const styles = useStyles();
  const { t } = useTranslation();
  const note = useStoreNote();
  useCatalogRevision(); // re-render with the new origin when the store changes
  const origin = activeFacts().origin;
  const label =
    origin.source === 'builtin'
      ? t('pages.advanced.store.builtin')
      : t('pages.advanced.store.file', { file: origin.inputs[0]?.file ?? '' });

  const switchTo = async (path: string | null) => {
    try {
      applyStoreState(await window.ppkg.settingsStore.use({ path }));
    } catch (failure) {
      setStoreNote({ kind: 'failed', message: errorMessage(failure) });
    }
  };

  const pick = async () => {
    const picked = await window.ppkg.settingsStore.pick();
    if (picked) await switchTo(picked.path);
  };

  const chooseInstalled = async () => {
    const found = await window.ppkg.settingsStore.findInstalled();
    const first = found[0];
    if (first) {
      await switchTo(first.path);
      return;
    }
    setStoreNote({ kind: 'noneInstalled' });
    await pick();
  };

  return (
    <div className={styles.bar}>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton size="small" icon={<DatabaseRegular />} data-testid="settings-store-menu">
            {label}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => void chooseInstalled()} data-testid="store-installed">
              {t('pages.advanced.store.installed')}
            </MenuItem>
            <MenuItem onClick={() => void pick()} data-testid="store-pick">
              {t('pages.advanced.store.pick')}
            </MenuItem>
            <MenuItem
              onClick={() => void switchTo(null)}
              disabled={origin.source === 'builtin'}
              data-testid="store-builtin"
            >
              {t('pages.advanced.store.useBuiltin')}
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {note && (
        <Caption1
          className={note.kind === 'failed' || note.kind === 'restoreFailed' ? styles.error : styles.note}
          data-testid="settings-store-note"
        >
          {storeNoteText(note, t)}
        </Caption1>
      )}
    </div>
  );
}
