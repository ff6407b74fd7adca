import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle1,
  Text,
  tokens,
} from '@fluentui/react-components';
import { FolderOpenRegular, OpenRegular, SaveRegular, ShieldKeyholeRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCatalogEntry } from '../../../../shared/catalog';
import { learnUrlFor } from '../../../../shared/catalog/describe';
import type { CatalogEntry, Evidence } from '../../../../shared/catalog/types';
import { getSettingText } from '../../../../shared/locales';
import { getSetting, setSetting } from '../../../../shared/model/settings-edit';
import { currentLanguage } from '../../i18n';
import type { ProjectDocument } from '../../state/app-state';
import type { useAppDispatch } from '../../state/store';

const useStyles = makeStyles({
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  factValue: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  grow: { flexGrow: 1 },
});

const EVIDENCE_COLOR: Record<Evidence, 'success' | 'informative' | 'warning'> = {
  observed: 'success',
  derived: 'informative',
  inferred: 'warning',
};

export const isContainer = (entry: CatalogEntry) =>
  entry.kind.kind === 'tree' ||
  entry.kind.kind === 'map' ||
  entry.kind.kind === 'list' ||
  entry.kind.kind === 'item';

/** The collections (maps/lists) on the way down to an entry: one item key each. */
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

/** Our own-words help when we wrote some; otherwise the facts (target, type, range) speak for the setting. */
function FactsHelp({ entry }: { entry: CatalogEntry }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const facts = entry.facts;
  const rows: [string, string][] = [];
  if (facts?.target) {
    rows.push([
      t(facts.target.kind === 'csp' ? 'pages.advanced.facts.csp' : 'pages.advanced.facts.registry'),
      facts.target.path,
    ]);
    if (facts.target.kind === 'csp' && facts.target.userScope) {
      rows.push([t('pages.advanced.facts.scope'), t('pages.advanced.facts.userScope')]);
    }
  }
  if (facts) rows.push([t('pages.advanced.facts.type'), facts.kind]);
  if (facts?.minimum !== undefined || facts?.maximum !== undefined) {
    rows.push([t('pages.advanced.facts.range'), `${facts.minimum ?? '…'} – ${facts.maximum ?? '…'}`]);
  }
  if (facts?.minLength !== undefined || facts?.maxLength !== undefined) {
    rows.push([t('pages.advanced.facts.length'), `${facts.minLength ?? 0} – ${facts.maxLength ?? '…'}`]);
  }
  if (facts?.pattern !== undefined) rows.push([t('pages.advanced.facts.pattern'), facts.pattern]);
  if (facts?.values) {
    rows.push([
      t('pages.advanced.facts.values'),
      facts.values.map(([value, label]) => (value === label ? value : `${label} (${value})`)).join(', '),
    ]);
  }
  if (facts?.extensions) {
    rows.push([t('pages.advanced.facts.extensions'), facts.extensions.map((e) => `.${e}`).join(' ')]);
  }
  if (facts?.filePath !== undefined) rows.push([t('pages.advanced.facts.devicePath'), facts.filePath]);
  if (facts?.requiresReboot) rows.push([t('pages.advanced.facts.reboot'), t('pages.advanced.facts.yes')]);
  const learn = learnUrlFor(entry);
  return (
    <>
      {rows.length > 0 && (
        <dl className={styles.facts} data-testid="setting-facts">
          {rows.map(([name, value]) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>
                <Caption1>{name}</Caption1>
              </dt>
              <dd className={styles.factValue}>
                <Caption1>{value}</Caption1>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {learn && (
        <Link
          as="button"
          onClick={() => void window.ppkg.shell.openExternal({ url: learn })}
          data-testid="learn-link"
        >
          <OpenRegular /> {t('pages.advanced.learnMore')}
        </Link>
      )}
    </>
  );
}

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
  const collections = keyCollections(entry);
  const [keys, setKeys] = useState<string[]>(() => collections.map(() => ''));
  // The current value of a setting outside collections (secrets stay hidden; retyping sets them).
  const [value, setValue] = useState(() =>
    collections.length === 0 && !entry.secret && !isContainer(entry)
      ? (getSetting(document.customizations, entry.path) ?? '')
      : '',
  );
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);
  const container = isContainer(entry);
  const kind = entry.kind;

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

  const browse = async () => {
    if (kind.kind !== 'asset') return;
    const extensions = kind.extensions.map((extension) => extension.replace(/^\./, ''));
    const picked = await window.ppkg.dialog.openAsset({ kind: 'setting', extensions });
    if (picked) setValue(picked.path);
  };

  let hint: string | null = null;
  let editor;
  switch (kind.kind) {
    case 'boolean':
    case 'enum': {
      const options = kind.kind === 'boolean' ? ['True', 'False'] : kind.values.map((option) => option.text);
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
      if (kind.min !== undefined || kind.max !== undefined) {
        hint = t('pages.advanced.rangeHint', { min: kind.min ?? '…', max: kind.max ?? '…' });
      }
      editor = (
        <Input
          type="number"
          value={value}
          min={kind.min}
          max={kind.max}
          placeholder={entry.default ?? ''}
          onChange={(_, data) => setValue(data.value)}
          data-testid="setting-value"
        />
      );
      break;
    case 'text': {
      if (kind.maxLength !== undefined) hint = t('pages.advanced.lengthHint', { max: kind.maxLength });
      let patternFails = false;
      if (kind.pattern !== undefined && value !== '') {
        try {
          patternFails = !new RegExp(kind.pattern).test(value);
        } catch {
          // A .NET-only construct: leave the check to WCD's own rules.
        }
      }
      if (patternFails) hint = t('pages.advanced.patternHint', { pattern: kind.pattern });
      editor = (
        <Input
          type={entry.secret ? 'password' : 'text'}
          value={value}
          maxLength={kind.maxLength}
          placeholder={entry.default ?? ''}
          onChange={(_, data) => setValue(data.value)}
          data-testid="setting-value"
        />
      );
      break;
    }
    case 'asset':
      if (kind.extensions.length > 0)
        hint = t('pages.advanced.extensionsHint', { list: kind.extensions.join(' ') });
      editor = (
        <div className={styles.actions}>
          <Input
            className={styles.grow}
            value={value}
            placeholder={t('pages.advanced.filePath')}
            onChange={(_, data) => setValue(data.value)}
            data-testid="setting-value"
          />
          <Button icon={<FolderOpenRegular />} onClick={() => void browse()} data-testid="setting-browse">
            {t('pages.advanced.browse')}
          </Button>
        </div>
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
          {t('pages.advanced.kind', { kind: t(`pages.advanced.kinds.${kind.kind}`) })}
        </Badge>
        <Badge appearance="tint" color={EVIDENCE_COLOR[entry.evidence]} data-testid="evidence-badge">
          {t(`pages.advanced.evidence.${entry.evidence}`)}
        </Badge>
        {entry.secret && (
          <Badge appearance="tint" color="danger" icon={<ShieldKeyholeRegular />}>
            {t('pages.advanced.secret')}
          </Badge>
        )}
        {entry.hidden && <Badge appearance="outline">{t('pages.advanced.hiddenBadge')}</Badge>}
        {entry.facts?.source === 'user-store' && (
          <Badge appearance="tint" color="important" data-testid="from-store-badge">
            {t('pages.advanced.fromStoreBadge')}
          </Badge>
        )}
        {entry.wizardPage && (
          <Badge appearance="tint" color="brand">
            {t('pages.advanced.wizardPage', { page: t(`pages.advanced.wizardPages.${entry.wizardPage}`) })}
          </Badge>
        )}
      </div>
      {text?.help && <Body1>{text.help}</Body1>}
      <FactsHelp entry={entry} />
      {collections.map((collection, index) => (
        <Field key={collection.path} label={t('pages.advanced.itemKey', { name: collection.name })} required>
          <Input
            value={keys[index] ?? ''}
            data-testid={`setting-key-${index}`}
            onChange={(_, data) => setKeys((old) => old.map((k, i) => (i === index ? data.value : k)))}
          />
        </Field>
      ))}
      {editor && (
        <Field
          label={t('pages.advanced.value')}
          hint={
            entry.default !== undefined
              ? t('pages.advanced.defaultHint', { value: entry.default })
              : undefined
          }
          validationState={hint && kind.kind === 'text' && kind.pattern ? 'warning' : 'none'}
          validationMessage={hint ?? undefined}
        >
          {editor}
        </Field>
      )}
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
