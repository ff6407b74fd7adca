import {
  Button,
  Caption1,
  Card,
  makeStyles,
  mergeClasses,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomizationsDocument } from '../../../../shared/model/customizations-document';
import { removeSetting } from '../../../../shared/model/settings-edit';
import { WizardPreview } from '../../preview/WizardPreview';
import { useAppDispatch } from '../../state/store';
import { useCatalogRevision } from '../../state/settings-store';
import { setSettingsOf, type SetSetting } from './document-settings';

const useStyles = makeStyles({
  // A long translation of the first tab must not push the Preview tab out of the narrow pane: wrap instead.
  tabs: { flexWrap: 'wrap' },
  scroll: { overflowY: 'auto', minHeight: 0, flexGrow: 1 },
  preview: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
  itemButton: {
    display: 'block',
    width: '100%',
    textAlign: 'start',
    border: 'none',
    background: 'none',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  itemText: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

const NO_CERTIFICATES: Readonly<Record<string, string>> = Object.freeze({});

function SelectedList({ items, onSelect }: { items: SetSetting[]; onSelect: (path: string) => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <div className={styles.scroll} data-testid="selected-customizations">
      {items.length === 0 && <Caption1>{t('pages.advanced.noneSelected')}</Caption1>}
      {items.map((item) => (
        <div key={item.path} className={styles.item} data-setting={item.path}>
          <button
            type="button"
            className={mergeClasses(styles.itemButton, styles.itemText)}
            onClick={() => onSelect(item.entry.path)}
          >
            <Text className={styles.ellipsis} title={item.path}>
              {item.path}
            </Text>
            <Caption1 className={styles.ellipsis}>{item.value}</Caption1>
          </button>
          <Button
            appearance="subtle"
            size="small"
            icon={<DeleteRegular />}
            aria-label={t('pages.advanced.remove', { path: item.path })}
            onClick={() =>
              dispatch({ type: 'editDocument', edit: (doc) => void removeSetting(doc, item.path) })
            }
          />
        </div>
      ))}
    </div>
  );
}

/** The right pane: the settings the project sets (click to edit, bin to remove) or the live preview. */
export function SidePane({
  customizations,
  className,
  onSelect,
}: {
  customizations: CustomizationsDocument;
  className: string;
  onSelect: (path: string) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [sideTab, setSideTab] = useState<'selected' | 'preview'>('selected');
  const [revealSecrets, setRevealSecrets] = useState(false);
  const revision = useCatalogRevision();
  // Recomputed when the store changes: which elements are settings depends on it.
  const selected = useMemo(() => {
    void revision;
    return setSettingsOf(customizations);
  }, [customizations, revision]);
  return (
    <Card className={className}>
      <TabList
        size="small"
        className={styles.tabs}
        selectedValue={sideTab}
        onTabSelect={(_, data) => setSideTab(data.value as 'selected' | 'preview')}
      >
        <Tab value="selected">{t('pages.advanced.selected', { count: selected.length })}</Tab>
        <Tab value="preview" data-testid="advanced-preview-tab">
          {t('pages.advanced.preview')}
        </Tab>
      </TabList>
      {sideTab === 'selected' ? (
        <SelectedList items={selected} onSelect={onSelect} />
      ) : (
        <div className={styles.preview} data-testid="advanced-preview">
          <WizardPreview
            doc={customizations}
            revealSecrets={revealSecrets}
            onRevealSecretsChange={setRevealSecrets}
            certificateDer={NO_CERTIFICATES}
          />
        </div>
      )}
    </Card>
  );
}
