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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activateStoreFacts, activeFacts, userStoreFacts } from '../../../../shared/catalog';
import type { SettingsStoreState } from '../../../../shared/ipc/contract';

const useStyles = makeStyles({
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  note: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Which settings store the editor (and main's compiler) use: the built-in catalog, the store of an installed
 * WCD, or any .dat the user picks. Main reads and parses the file; the facts come back and replace the catalog.
 */
export function StoreMenu({ onChanged }: { onChanged: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const origin = activeFacts().origin;
  const label =
    origin.source === 'builtin'
      ? t('pages.advanced.store.builtin')
      : t('pages.advanced.store.file', { file: origin.inputs[0]?.file ?? '' });

  const apply = (state: SettingsStoreState) => {
    activateStoreFacts(state.nodes ? userStoreFacts(state.nodes, state.inputs) : undefined);
    setNote(
      state.source === 'builtin'
        ? null
        : {
            text: t('pages.advanced.store.loaded', { leaves: state.leafCount, added: state.newCount }),
            error: false,
          },
    );
    onChanged();
  };

  const switchTo = async (path: string | null) => {
    try {
      apply(await window.ppkg.settingsStore.use({ path }));
    } catch (failure) {
      setNote({
        text: t('pages.advanced.store.failed', {
          message: failure instanceof Error ? failure.message : String(failure),
        }),
        error: true,
      });
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
    setNote({ text: t('pages.advanced.store.noneInstalled'), error: false });
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
        <Caption1 className={note.error ? styles.error : styles.note} data-testid="settings-store-note">
          {note.text}
        </Caption1>
      )}
    </div>
  );
}
