import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  Text,
  tokens,
} from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry } from '../../../../shared/catalog/types';
import { getSettingText } from '../../../../shared/locales';
import { currentLanguage } from '../../i18n';
import type { ProjectDocument } from '../../state/app-state';
import type { useAppDispatch } from '../../state/store';
import { FactsHelp } from './FactsHelp';
import { SettingBadges } from './SettingBadges';
import { useSettingEdit } from './use-setting-edit';
import { ValueField } from './ValueEditors';

const useStyles = makeStyles({
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

/** The selected setting: what it is, its facts and an editor for its kind (from the store facts). */
export function SettingEditor({
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
  const edit = useSettingEdit(entry, document, dispatch);

  return (
    <div className={styles.details} data-testid="setting-details">
      <Subtitle1 as="h2">{text?.label ?? entry.name}</Subtitle1>
      <Text className={styles.path}>{entry.path}</Text>
      <SettingBadges entry={entry} />
      {text?.help && <Body1>{text.help}</Body1>}
      <FactsHelp entry={entry} />
      {edit.collections.map((collection, index) => (
        <Field key={collection.path} label={t('pages.advanced.itemKey', { name: collection.name })} required>
          <Input
            value={edit.keys[index] ?? ''}
            data-testid={`setting-key-${index}`}
            onChange={(_, data) => edit.setKey(index, data.value)}
          />
        </Field>
      ))}
      {!edit.container && <ValueField entry={entry} value={edit.value} onChange={edit.setValue} />}
      <div className={styles.actions}>
        <Button appearance="primary" icon={<SaveRegular />} onClick={edit.apply} data-testid="setting-apply">
          {edit.container ? t('pages.advanced.add') : t('pages.advanced.apply')}
        </Button>
      </div>
      {edit.error && (
        <MessageBar intent="error">
          <MessageBarBody>{edit.error}</MessageBarBody>
        </MessageBar>
      )}
      {edit.applied && !edit.error && (
        <MessageBar intent="success">
          <MessageBarBody>{t('pages.advanced.applied')}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
