import {
  Body1,
  Card,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getCatalogEntry } from '../../../shared/catalog';
import { findUnknownSettings } from '../../../shared/model/settings-edit';
import type { ProjectDocument } from '../state/app-state';
import { useCatalogRevision } from '../state/settings-store';
import { useAppDispatch } from '../state/store';
import { SettingEditor } from './advanced/SettingEditor';
import { SidePane } from './advanced/SidePane';
import { TreePane } from './advanced/TreePane';
import { useSettingsTree } from './advanced/use-settings-tree';
import { VariantsPanel } from './advanced/VariantsPanel';
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
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * WCD's "All settings" view over the whole settings store: the tree in hive order (hidden nodes and settings whose
 * show-only-when rules do not hold are left out), the selected setting's editor and help, a multivariant project's
 * variants, and the selected customizations with a live preview. Reads and writes the same document as the wizard.
 */
export function AdvancedEditorPage({ document }: { document: ProjectDocument }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  // Changes with the settings store: the tree and what counts as "not editable" follow the store in use.
  const revision = useCatalogRevision();
  const tree = useSettingsTree(document.customizations, revision);
  const notEditable = useMemo(() => {
    void revision;
    return findUnknownSettings(document.customizations).filter((item) => item.reason === 'setting');
  }, [document.customizations, revision]);
  const selected = tree.selectedPath ? getCatalogEntry(tree.selectedPath) : undefined;

  return (
    <div className={styles.page} data-testid="advanced-editor">
      <TreePane tree={tree} className={styles.pane} />
      <Card className={mergeClasses(styles.pane, styles.scroll)}>
        <div className={styles.actions}>
          <SaveProjectButtons />
        </div>
        {notEditable.length > 0 && (
          <MessageBar intent="warning" data-testid="not-editable">
            <MessageBarBody>
              <MessageBarTitle>{t('pages.advanced.notEditable')}</MessageBarTitle>
              {notEditable.map((item) => item.path).join(', ')}
            </MessageBarBody>
          </MessageBar>
        )}
        {selected ? (
          <SettingEditor
            key={`${revision}:${selected.path}`}
            entry={selected}
            document={document}
            dispatch={dispatch}
          />
        ) : (
          <Body1>{t('pages.advanced.pickSetting')}</Body1>
        )}
        <VariantsPanel customizations={document.customizations} />
      </Card>
      <SidePane customizations={document.customizations} className={styles.pane} onSelect={tree.select} />
    </div>
  );
}
