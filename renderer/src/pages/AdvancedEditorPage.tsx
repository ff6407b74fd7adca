import {
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  SearchBox,
  Subtitle2,
  Switch,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allCatalogEntries, getCatalogEntry } from '../../../shared/catalog';
import type { CatalogEntry } from '../../../shared/catalog/types';
import { getSettingText } from '../../../shared/locales';
import { removeSetting, SECRET_MASK, walkSettings } from '../../../shared/model/settings-edit';
import { currentLanguage } from '../i18n';
import { WizardPreview } from '../preview/WizardPreview';
import type { ProjectDocument } from '../state/app-state';
import { useAppDispatch } from '../state/store';
import { isContainer, SettingEditor } from './advanced/SettingEditor';
import { SettingsTree } from './advanced/SettingsTree';
import { StoreMenu } from './advanced/StoreMenu';
import { ancestorsOf, documentValues, isShownByRules, treeRows } from './advanced/tree-model';
import { SaveProjectButtons } from './SaveProjectButtons';

const useStyles = makeStyles({
  page: {
    height: '100%',
    display: 'grid',
    gridTemplateColumns: '340px minmax(0, 1fr) 360px',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
  },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minHeight: 0,
    overflow: 'hidden',
  },
  scroll: { overflowY: 'auto', minHeight: 0, flexGrow: 1 },
  preview: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
  treeItem: {
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
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  selectedItem: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  selectedText: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

function labelOf(entry: CatalogEntry): string {
  return getSettingText(entry.path, currentLanguage())?.label ?? entry.name;
}

/**
 * WCD's "All settings" view over the whole settings store: the tree in hive order (hidden nodes and settings whose
 * show-only-when rules do not hold are left out), the selected setting's editor and help, and the selected
 * customizations with a live preview. Reads and writes the same document as the wizard.
 */
export function AdvancedEditorPage({ document }: { document: ProjectDocument }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [filter, setFilter] = useState('');
  const search = useDeferredValue(filter);
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [showHidden, setShowHidden] = useState(false);
  const [sideTab, setSideTab] = useState<'selected' | 'preview'>('selected');
  const [revealSecrets, setRevealSecrets] = useState(false);
  // Bumped when the settings store changes: the catalog itself lives in shared/catalog.
  const [storeVersion, setStoreVersion] = useState(0);

  const entries = useMemo(() => {
    void storeVersion;
    return allCatalogEntries();
  }, [storeVersion]);
  const values = useMemo(() => documentValues(document.customizations), [document.customizations]);
  const rows = useMemo(
    () =>
      treeRows(entries, {
        expanded,
        showHidden,
        search,
        labelOf,
        isShown: (entry) => isShownByRules(entry, values),
      }),
    [entries, expanded, showHidden, search, values],
  );

  const selectedSettings = useMemo(() => {
    const found: { path: string; entry: CatalogEntry; value: string }[] = [];
    walkSettings(document.customizations, ({ node, entry, path }) => {
      if (entry && !isContainer(entry) && node.children.length === 0) {
        found.push({ path, entry, value: entry.secret && node.text ? SECRET_MASK : (node.text ?? '') });
      }
    });
    return found;
  }, [document.customizations]);

  const select = useCallback((path: string) => {
    setSelectedPath(path);
    setExpanded((old) => {
      const missing = ancestorsOf(path).filter((ancestor) => !old.has(ancestor));
      return missing.length === 0 ? old : new Set([...old, ...missing]);
    });
  }, []);
  const toggle = useCallback((entry: CatalogEntry, expand: boolean) => {
    setExpanded((old) => {
      const next = new Set(old);
      if (expand) next.add(entry.path);
      else next.delete(entry.path);
      return next;
    });
  }, []);

  const selected = selectedPath ? getCatalogEntry(selectedPath) : undefined;

  return (
    <div className={styles.page} data-testid="advanced-editor">
      <Card className={styles.pane}>
        <Subtitle2 as="h2">{t('pages.advanced.available')}</Subtitle2>
        <StoreMenu onChanged={() => setStoreVersion((version) => version + 1)} />
        <SearchBox
          placeholder={t('pages.advanced.search')}
          value={filter}
          onChange={(_, data) => setFilter(data.value)}
          aria-label={t('pages.advanced.search')}
          data-testid="advanced-search"
        />
        <Switch
          label={t('pages.advanced.showHidden')}
          checked={showHidden}
          onChange={(_, data) => setShowHidden(data.checked)}
          data-testid="show-hidden"
        />
        <SettingsTree
          rows={rows}
          selectedPath={selectedPath}
          labelOf={labelOf}
          onSelect={(entry) => select(entry.path)}
          onToggle={toggle}
        />
        <Caption1>{t('pages.advanced.count', { shown: rows.length, total: entries.length })}</Caption1>
      </Card>

      <Card className={mergeClasses(styles.pane, styles.scroll)}>
        <div className={styles.actions}>
          <SaveProjectButtons />
        </div>
        {document.unknownSettings.length > 0 && (
          <MessageBar intent="warning" data-testid="not-editable">
            <MessageBarBody>
              <MessageBarTitle>{t('pages.advanced.notEditable')}</MessageBarTitle>
              {document.unknownSettings.map((item) => item.path).join(', ')}
            </MessageBarBody>
          </MessageBar>
        )}
        {selected ? (
          <SettingEditor
            key={`${storeVersion}:${selected.path}`}
            entry={selected}
            document={document}
            dispatch={dispatch}
          />
        ) : (
          <Body1>{t('pages.advanced.pickSetting')}</Body1>
        )}
      </Card>

      <Card className={styles.pane}>
        <TabList
          size="small"
          selectedValue={sideTab}
          onTabSelect={(_, data) => setSideTab(data.value as 'selected' | 'preview')}
        >
          <Tab value="selected">{t('pages.advanced.selected', { count: selectedSettings.length })}</Tab>
          <Tab value="preview" data-testid="advanced-preview-tab">
            {t('pages.advanced.preview')}
          </Tab>
        </TabList>
        {sideTab === 'selected' ? (
          <div className={styles.scroll} data-testid="selected-customizations">
            {selectedSettings.length === 0 && <Caption1>{t('pages.advanced.noneSelected')}</Caption1>}
            {selectedSettings.map((item) => (
              <div key={item.path} className={styles.selectedItem} data-setting={item.path}>
                <button
                  type="button"
                  className={mergeClasses(styles.treeItem, styles.selectedText)}
                  onClick={() => select(item.entry.path)}
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
        ) : (
          <div className={styles.preview} data-testid="advanced-preview">
            <WizardPreview
              doc={document.customizations}
              revealSecrets={revealSecrets}
              onRevealSecretsChange={setRevealSecrets}
              certificateDer={NO_CERTIFICATES}
            />
          </div>
        )}
      </Card>
    </div>
  );
}

const NO_CERTIFICATES: Readonly<Record<string, string>> = Object.freeze({});
