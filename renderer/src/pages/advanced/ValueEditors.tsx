import { Button, Dropdown, Field, Input, makeStyles, Option, tokens } from '@fluentui/react-components';
import { FolderOpenRegular } from '@fluentui/react-icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry, SettingKind } from '../../../../shared/catalog/types';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  grow: { flexGrow: 1 },
});

type KindOf<Name extends SettingKind['kind']> = Extract<SettingKind, { kind: Name }>;

interface EditorProps<Kind> {
  entry: CatalogEntry;
  kind: Kind;
  value: string;
  onChange: (value: string) => void;
}

/** Booleans and enums: a dropdown of the labels customizations.xml holds (WCD's labels, not stored values). */
function ChoiceEditor({ entry, kind, value, onChange }: EditorProps<KindOf<'boolean'> | KindOf<'enum'>>) {
  const options = kind.kind === 'boolean' ? ['True', 'False'] : kind.values.map((option) => option.text);
  return (
    <Dropdown
      value={value}
      selectedOptions={value ? [value] : []}
      onOptionSelect={(_, data) => onChange(data.optionValue ?? '')}
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
}

function NumberEditor({ entry, kind, value, onChange }: EditorProps<KindOf<'integer'>>) {
  return (
    <Input
      type="number"
      value={value}
      min={kind.min}
      max={kind.max}
      placeholder={entry.default ?? ''}
      onChange={(_, data) => onChange(data.value)}
      data-testid="setting-value"
    />
  );
}

/** Text; a secret is typed blind (it is never read back into the field). */
function TextEditor({ entry, kind, value, onChange }: EditorProps<KindOf<'text'>>) {
  return (
    <Input
      type={entry.secret ? 'password' : 'text'}
      value={value}
      maxLength={kind.maxLength}
      placeholder={entry.default ?? ''}
      onChange={(_, data) => onChange(data.value)}
      data-testid="setting-value"
    />
  );
}

/** A file to copy into the package: typed, or picked in main's open dialog with the store's extensions. */
function AssetEditor({ kind, value, onChange }: EditorProps<KindOf<'asset'>>) {
  const styles = useStyles();
  const { t } = useTranslation();
  const browse = async () => {
    const extensions = kind.extensions.map((extension) => extension.replace(/^\./, ''));
    const picked = await window.ppkg.dialog.openAsset({ kind: 'setting', extensions });
    if (picked) onChange(picked.path);
  };
  return (
    <div className={styles.row}>
      <Input
        className={styles.grow}
        value={value}
        placeholder={t('pages.advanced.filePath')}
        onChange={(_, data) => onChange(data.value)}
        data-testid="setting-value"
      />
      <Button icon={<FolderOpenRegular />} onClick={() => void browse()} data-testid="setting-browse">
        {t('pages.advanced.browse')}
      </Button>
    </div>
  );
}

/** What the field says under the editor: the allowed range, length or extensions, or a pattern mismatch. */
function valueHint(
  kind: SettingKind,
  value: string,
  t: TFunction,
): { text: string; warning: boolean } | null {
  switch (kind.kind) {
    case 'integer':
      return kind.min !== undefined || kind.max !== undefined
        ? {
            text: t('pages.advanced.rangeHint', { min: kind.min ?? '…', max: kind.max ?? '…' }),
            warning: false,
          }
        : null;
    case 'text': {
      if (kind.pattern !== undefined && value !== '') {
        let patternFails = false;
        try {
          patternFails = !new RegExp(kind.pattern).test(value);
        } catch {
          // A .NET-only construct: leave the check to WCD's own rules.
        }
        if (patternFails)
          return { text: t('pages.advanced.patternHint', { pattern: kind.pattern }), warning: true };
      }
      return kind.maxLength !== undefined
        ? { text: t('pages.advanced.lengthHint', { max: kind.maxLength }), warning: false }
        : null;
    }
    case 'asset':
      return kind.extensions.length > 0
        ? { text: t('pages.advanced.extensionsHint', { list: kind.extensions.join(' ') }), warning: false }
        : null;
    default:
      return null;
  }
}

function editorFor(entry: CatalogEntry, value: string, onChange: (value: string) => void) {
  const kind = entry.kind;
  switch (kind.kind) {
    case 'boolean':
    case 'enum':
      return <ChoiceEditor entry={entry} kind={kind} value={value} onChange={onChange} />;
    case 'integer':
      return <NumberEditor entry={entry} kind={kind} value={value} onChange={onChange} />;
    case 'text':
      return <TextEditor entry={entry} kind={kind} value={value} onChange={onChange} />;
    case 'asset':
      return <AssetEditor entry={entry} kind={kind} value={value} onChange={onChange} />;
    default:
      return null;
  }
}

/** The value field of a leaf, with the editor its kind calls for (from the store facts); nothing for groups. */
export function ValueField({
  entry,
  value,
  onChange,
}: {
  entry: CatalogEntry;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const editor = editorFor(entry, value, onChange);
  if (!editor) return null;
  const hint = valueHint(entry.kind, value, t);
  return (
    <Field
      label={t('pages.advanced.value')}
      hint={
        entry.default !== undefined ? t('pages.advanced.defaultHint', { value: entry.default }) : undefined
      }
      validationState={hint?.warning ? 'warning' : 'none'}
      validationMessage={hint?.text}
    >
      {editor}
    </Field>
  );
}
