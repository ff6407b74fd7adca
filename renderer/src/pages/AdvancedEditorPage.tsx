import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SearchBox,
  Subtitle1,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular, SaveRegular, ShieldKeyholeRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOG, getCatalogEntry } from '../../../shared/catalog';
import type { CatalogEntry, Evidence } from '../../../shared/catalog/types';
import { getSettingText } from '../../../shared/locales';
import {
  getSetting,
  removeSetting,
  SECRET_MASK,
  setSetting,
  walkSettings,
} from '../../../shared/model/settings-edit';
import { currentLanguage } from '../i18n';
import type { ProjectDocument } from '../state/app-state';
import { useAppDispatch } from '../state/store';
import { SaveProjectButtons } from './SaveProjectButtons';

const useStyles = makeStyles({
  page: {
    height: '100%',
    display: 'grid',
    gridTemplateColumns: '340px minmax(0, 1fr) 320px',
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
  treeGroup: { fontWeight: tokens.fontWeightSemibold },
  treeSelected: { backgroundColor: tokens.colorBrandBackground2 },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
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

const EVIDENCE_COLOR: Record<Evidence, 'success' | 'informative' | 'warning'> = {
  observed: 'success',
  derived: 'informative',
  inferred: 'warning',
};

const isContainer = (entry: CatalogEntry) =>
  entry.kind.kind === 'tree' ||
  entry.kind.kind === 'map' ||
  entry.kind.kind === 'list' ||
  entry.kind.kind === 'item';

/** How many map/list item keys an entry's path needs (one per collection item on the way down). */
function keyCollections(entry: CatalogEntry): CatalogEntry[] {
  const collections: CatalogEntry[] = [];
  let current: CatalogEntry | undefined = entry;
  while (current) {
    const parent: CatalogEntry | undefined = getCatalogEntry(current.parentPath);
    if (parent && (parent.kind.kind === 'map' || parent.kind.kind === 'list')) collections.unshift(parent);
    current = parent;
  }
  return collections;
}

function depthOf(path: string): number {
  return path.split('/').length - 1;
}

function labelOf(path: string): string {
  return getSettingText(path, currentLanguage())?.label ?? path.split('/').pop() ?? path;
}

/**
 * All catalog settings as WCD's "Available customizations" tree, the selected setting's editor and the
 * "Selected customizations" list. Reads and writes the same store document as the wizard.
 */
export function AdvancedEditorPage({ document }: { document: ProjectDocument }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [filter, setFilter] = useState('');
  const [selectedPath, setSelectedPath] = useState<string | null>(null);

  const visibleEntries = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return CATALOG;
    const matches = CATALOG.filter(
      (entry) =>
        entry.path.toLowerCase().includes(needle) || labelOf(entry.path).toLowerCase().includes(needle),
    );
    // Keep the ancestors of every match so the tree still reads as a tree.
    const keep = new Set<string>();
    for (const entry of matches) {
      const parts = entry.path.split('/');
      for (let i = 1; i <= parts.length; i++) keep.add(parts.slice(0, i).join('/'));
    }
    return CATALOG.filter((entry) => keep.has(entry.path));
  }, [filter]);

  const selectedSettings = useMemo(() => {
    const found: { path: string; entry: CatalogEntry; value: string }[] = [];
    walkSettings(document.customizations, ({ node, entry, path }) => {
      if (entry && !isContainer(entry) && node.children.length === 0) {
        found.push({ path, entry, value: entry.secret && node.text ? SECRET_MASK : (node.text ?? '') });
      }
    });
    return found;
  }, [document.customizations]);

  const selected = selectedPath ? getCatalogEntry(selectedPath) : undefined;

  return (
    <div className={styles.page} data-testid="advanced-editor">
      <Card className={styles.pane}>
        <Subtitle2 as="h2">{t('pages.advanced.available')}</Subtitle2>
        <SearchBox
          placeholder={t('pages.advanced.search')}
          value={filter}
          onChange={(_, data) => setFilter(data.value)}
          aria-label={t('pages.advanced.search')}
          data-testid="advanced-search"
        />
        <div className={styles.scroll} role="tree" aria-label={t('pages.advanced.available')}>
          {visibleEntries.map((entry) => (
            <button
              type="button"
              role="treeitem"
              aria-selected={entry.path === selectedPath}
              key={entry.path}
              data-path={entry.path}
              className={mergeClasses(
                styles.treeItem,
                isContainer(entry) && styles.treeGroup,
                entry.path === selectedPath && styles.treeSelected,
              )}
              style={{ paddingInlineStart: `${8 + depthOf(entry.path) * 16}px` }}
              onClick={() => setSelectedPath(entry.path)}
            >
              {entry.name}
            </button>
          ))}
        </div>
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
          <SettingDetails key={selected.path} entry={selected} document={document} dispatch={dispatch} />
        ) : (
          <Body1>{t('pages.advanced.pickSetting')}</Body1>
        )}
      </Card>

      <Card className={styles.pane}>
        <Subtitle2 as="h2">{t('pages.advanced.selected', { count: selectedSettings.length })}</Subtitle2>
        <div className={styles.scroll} data-testid="selected-customizations">
          {selectedSettings.length === 0 && <Caption1>{t('pages.advanced.noneSelected')}</Caption1>}
          {selectedSettings.map((item) => (
            <div key={item.path} className={styles.selectedItem} data-setting={item.path}>
              <button
                type="button"
                className={mergeClasses(styles.treeItem, styles.selectedText)}
                onClick={() => setSelectedPath(item.entry.path)}
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
      </Card>
    </div>
  );
}

function SettingDetails({
  entry,
  document,
  dispatch,
}: {
  entry: CatalogEntry;
  document: ProjectDocument;
  dispatch: ReturnType<typeof useAppDispatch>;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const text = getSettingText(entry.path, currentLanguage());
  const collections = keyCollections(entry);
  const [keys, setKeys] = useState<string[]>(() => collections.map(() => ''));
  // Show the current value of a setting outside collections (secrets stay hidden; retyping sets them).
  const [value, setValue] = useState(() =>
    collections.length === 0 && !entry.secret && !isContainer(entry)
      ? (getSetting(document.customizations, entry.path) ?? '')
      : '',
  );
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);
  const container = isContainer(entry);

  const apply = () => {
    const keyArg = collections.length === 0 ? undefined : keys;
    const settingValue = container ? undefined : value;
    try {
      // Try on a copy first: the reducer must never throw, and a bad value should show here.
      setSetting(structuredClone(document.customizations), entry.path, settingValue, keyArg);
      dispatch({
        type: 'editDocument',
        edit: (doc) => void setSetting(doc, entry.path, settingValue, keyArg),
      });
      setError(null);
      setApplied(true);
    } catch (failure) {
      setApplied(false);
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  let editor;
  switch (entry.kind.kind) {
    case 'boolean':
    case 'enum': {
      const options =
        entry.kind.kind === 'boolean' ? ['True', 'False'] : entry.kind.values.map((v) => v.text);
      editor = (
        <Dropdown
          value={value}
          selectedOptions={value ? [value] : []}
          onOptionSelect={(_, data) => setValue(data.optionValue ?? '')}
          placeholder={entry.default ?? ''}
          data-testid="setting-value"
        >
          {options.map((option) => (
            <Option key={option} value={option}>
              {option}
            </Option>
          ))}
        </Dropdown>
      );
      break;
    }
    case 'integer':
      editor = (
        <Input
          type="number"
          value={value}
          onChange={(_, data) => setValue(data.value)}
          data-testid="setting-value"
        />
      );
      break;
    case 'text':
    case 'asset':
      editor = (
        <Input
          type={entry.secret ? 'password' : 'text'}
          value={value}
          placeholder={entry.kind.kind === 'asset' ? t('pages.advanced.filePath') : (entry.default ?? '')}
          onChange={(_, data) => setValue(data.value)}
          data-testid="setting-value"
        />
      );
      break;
    default:
      editor = null;
  }

  return (
    <div className={styles.details} data-testid="setting-details">
      <Subtitle1 as="h2">{text?.label ?? entry.name}</Subtitle1>
      <Text className={styles.path}>{entry.path}</Text>
      <div className={styles.badges}>
        <Badge appearance="outline">
          {t('pages.advanced.kind', { kind: t(`pages.advanced.kinds.${entry.kind.kind}`) })}
        </Badge>
        <Badge appearance="tint" color={EVIDENCE_COLOR[entry.evidence]} data-testid="evidence-badge">
          {t(`pages.advanced.evidence.${entry.evidence}`)}
        </Badge>
        {entry.secret && (
          <Badge appearance="tint" color="danger" icon={<ShieldKeyholeRegular />}>
            {t('pages.advanced.secret')}
          </Badge>
        )}
        {entry.wizardPage && (
          <Badge appearance="tint" color="brand">
            {t('pages.advanced.wizardPage', { page: t(`pages.advanced.wizardPages.${entry.wizardPage}`) })}
          </Badge>
        )}
      </div>
      {text?.help && <Body1>{text.help}</Body1>}
      {collections.map((collection, index) => (
        <Field key={collection.path} label={t('pages.advanced.itemKey', { name: collection.name })} required>
          <Input
            value={keys[index] ?? ''}
            data-testid={`setting-key-${index}`}
            onChange={(_, data) => setKeys((old) => old.map((k, i) => (i === index ? data.value : k)))}
          />
        </Field>
      ))}
      {editor && <Field label={t('pages.advanced.value')}>{editor}</Field>}
      <div className={styles.actions}>
        <Button appearance="primary" icon={<SaveRegular />} onClick={apply} data-testid="setting-apply">
          {container ? t('pages.advanced.add') : t('pages.advanced.apply')}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {applied && !error && (
        <MessageBar intent="success">
          <MessageBarBody>{t('pages.advanced.applied')}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
