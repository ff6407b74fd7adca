import { Caption1, Card, SearchBox, Subtitle2, Switch } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { SettingsTree } from './SettingsTree';
import { StoreMenu } from './StoreMenu';
import { labelOf, type SettingsTreeState } from './use-settings-tree';

/** The left pane: which store, search, hidden nodes, and the virtualised tree. */
export function TreePane({ tree, className }: { tree: SettingsTreeState; className: string }) {
  const { t } = useTranslation();
  return (
    <Card className={className}>
      <Subtitle2 as="h2">{t('pages.advanced.available')}</Subtitle2>
      <StoreMenu />
      <SearchBox
        placeholder={t('pages.advanced.search')}
        value={tree.filter}
        onChange={(_, data) => tree.setFilter(data.value)}
        aria-label={t('pages.advanced.search')}
        data-testid="advanced-search"
      />
      <Switch
        label={t('pages.advanced.showHidden')}
        checked={tree.showHidden}
        onChange={(_, data) => tree.setShowHidden(data.checked)}
        data-testid="show-hidden"
      />
      <SettingsTree
        rows={tree.rows}
        selectedPath={tree.selectedPath}
        labelOf={labelOf}
        onSelect={(entry) => tree.select(entry.path)}
        onToggle={tree.toggle}
      />
      <Caption1>
        {t('pages.advanced.count', { shown: tree.rows.length, total: tree.entries.length })}
      </Caption1>
    </Card>
  );
}
