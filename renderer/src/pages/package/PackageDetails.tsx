import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PackageInspectionResult } from '../../../../shared/ipc/contract';
import { escapeControlCharacters as visible } from '../../../../shared/text/visible-text';
import { usePackagePageStyles } from './styles';

/** The package's identity and security as term/value pairs, in the UI language. */
function detailRows(
  inspection: PackageInspectionResult,
  t: ReturnType<typeof useTranslation>['t'],
  number: Intl.NumberFormat,
): [string, string][] {
  const owner = inspection.ownerType
    ? t('pages.package.ownerRank', { owner: inspection.ownerType, rank: inspection.rank ?? 0 })
    : String(inspection.altitude ?? '');
  const catalog = inspection.catalog;
  return [
    [t('pages.package.name'), inspection.name],
    [t('pages.package.version'), inspection.version],
    [t('pages.package.owner'), owner],
    [t('pages.package.id'), inspection.packageId],
    [t('pages.package.targetSkus'), inspection.targetSkus],
    [t('pages.package.builtBy'), inspection.builtBy],
    [t('pages.package.size'), t('pages.package.bytes', { size: number.format(inspection.fileSize) })],
    [t('pages.package.fileCount'), number.format(inspection.files.filter((f) => !f.isDirectory).length)],
    [
      t('wizard.finish.security.encrypted'),
      t(inspection.encrypted ? 'wizard.finish.security.yes' : 'wizard.finish.security.no'),
    ],
    [
      t('wizard.finish.security.catalog'),
      !catalog?.present
        ? t('wizard.finish.security.no')
        : `${t(catalog.signed ? 'wizard.finish.security.signed' : 'wizard.finish.security.unsigned')}${
            catalog.matches === false ? ` — ${t('packageSecurity.catalogMismatch')}` : ''
          }`,
    ],
  ];
}

/** Details, then the verdict of the check of what the package applies against its customizations.xml. */
export function PackageDetails({ inspection }: { inspection: PackageInspectionResult }) {
  const styles = usePackagePageStyles();
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const { differences } = inspection.verification;
  const differenceText = (kind: string, path: string) =>
    // Kinds are a fixed list (shared/ipc/contract.ts); an unknown one falls back to the path.
    t(`pages.package.difference.${kind}`, { path: visible(path), defaultValue: visible(path) });

  return (
    <>
      <dl className={styles.details} data-testid="package-details">
        {detailRows(inspection, t, number).map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{visible(value)}</dd>
          </div>
        ))}
      </dl>
      {differences.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="package-mismatch" role="alert">
          <MessageBarBody>
            <MessageBarTitle>
              {t('pages.package.mismatchTitle', { count: differences.length })}
            </MessageBarTitle>
            {t('pages.package.mismatchBody')}
            <ul className={styles.differences}>
              {differences.map((difference, index) => (
                <li key={index}>
                  {differenceText(difference.kind, difference.settingPath ?? difference.path)}
                  {difference.applied !== undefined && (
                    <span className={styles.value2}>
                      {t('pages.package.appliedValue', { value: visible(difference.applied) })}
                    </span>
                  )}
                  {difference.declared !== undefined && (
                    <span className={styles.value2}>
                      {t('pages.package.declaredValue', { value: visible(difference.declared) })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="success" data-testid="package-verified">
          <MessageBarBody>{t('pages.package.verified')}</MessageBarBody>
        </MessageBar>
      )}
      {inspection.customizationsError && (
        <MessageBar intent="warning">
          <MessageBarBody>{visible(inspection.customizationsError)}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
