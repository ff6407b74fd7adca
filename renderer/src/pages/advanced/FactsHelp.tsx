import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { OpenRegular } from '@fluentui/react-icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { learnUrlFor } from '../../../../shared/catalog/describe';
import type { CatalogEntry } from '../../../../shared/catalog/types';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  factValue: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** The store facts of a setting as (name, value) rows in the UI language: target, type, range, values, … */
function factRows(entry: CatalogEntry, t: TFunction): [string, string][] {
  const facts = entry.facts;
  if (!facts) return [];
  const rows: [string, string][] = [];
  if (facts.target) {
    rows.push([
      t(facts.target.kind === 'csp' ? 'pages.advanced.facts.csp' : 'pages.advanced.facts.registry'),
      facts.target.path,
    ]);
    if (facts.target.kind === 'csp' && facts.target.userScope) {
      rows.push([t('pages.advanced.facts.scope'), t('pages.advanced.facts.userScope')]);
    }
  }
  rows.push([t('pages.advanced.facts.type'), facts.kind]);
  if (facts.minimum !== undefined || facts.maximum !== undefined) {
    rows.push([t('pages.advanced.facts.range'), `${facts.minimum ?? '…'} – ${facts.maximum ?? '…'}`]);
  }
  if (facts.minLength !== undefined || facts.maxLength !== undefined) {
    rows.push([t('pages.advanced.facts.length'), `${facts.minLength ?? 0} – ${facts.maxLength ?? '…'}`]);
  }
  if (facts.pattern !== undefined) rows.push([t('pages.advanced.facts.pattern'), facts.pattern]);
  if (facts.values) {
    rows.push([
      t('pages.advanced.facts.values'),
      facts.values.map(([value, label]) => (value === label ? value : `${label} (${value})`)).join(', '),
    ]);
  }
  if (facts.extensions) {
    rows.push([t('pages.advanced.facts.extensions'), facts.extensions.map((e) => `.${e}`).join(' ')]);
  }
  if (facts.filePath !== undefined) rows.push([t('pages.advanced.facts.devicePath'), facts.filePath]);
  if (facts.requiresReboot) rows.push([t('pages.advanced.facts.reboot'), t('pages.advanced.facts.yes')]);
  return rows;
}

/** Our own-words help when we wrote some; otherwise the facts (target, type, range) speak for the setting. */
export function FactsHelp({ entry }: { entry: CatalogEntry }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const rows = factRows(entry, t);
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
