import {
  Body1,
  Button,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  UsbStickRegular,
  ArrowImportRegular,
  ArrowLeftRegular,
  FolderRegular,
  DocumentRegular,
} from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { isPasswordFailure, PackagePasswordPrompt } from './PackagePasswordPrompt';
import { useTranslation } from 'react-i18next';
import type { PackageInspectionResult } from '../../../shared/ipc/contract';
import { redactSecrets, walkSettings } from '../../../shared/model/settings-edit';
import { escapeControlCharacters as visible } from '../../../shared/text/visible-text';
import { UsbDialog } from '../components/UsbDialog';
import { useAppDispatch } from '../state/store';

const useStyles = makeStyles({
  page: {
    height: '100%',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gridTemplateRows: 'auto minmax(0, 1fr)',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
  },
  header: { gridColumn: '1 / -1', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  headerRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, wordBreak: 'break-all' },
  pane: { display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' },
  scroll: { overflowY: 'auto', minHeight: 0 },
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  heading: { display: 'block' },
  section: { display: 'block', marginTop: tokens.spacingVerticalL },
  hint: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    margin: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalS}`,
  },
  differences: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalL },
  value2: { display: 'block', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  size: { marginInlineStart: 'auto', color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

/**
 * A .ppkg's identity, what Windows applies from it (decompiled provxml), what its customizations.xml declares
 * (secrets masked), every difference between the two — loudly — and its files, with "Import as project".
 * Everything read from the package is shown with control characters made visible.
 */
export function OpenPackagePage({ path, onBack }: { path: string; onBack: () => void }) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [inspection, setInspection] = useState<PackageInspectionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [usbOpen, setUsbOpen] = useState(false);
  // An encrypted package (package-security): asked for once, sent to main, not kept after the page.
  const [password, setPassword] = useState<string | null>(null);
  const [askPassword, setAskPassword] = useState(false);

  useEffect(() => {
    let current = true;
    window.ppkg.package.inspect({ path, ...(password ? { password } : {}) }).then(
      (result) => current && setInspection(result),
      (failure: unknown) => {
        if (!current) return;
        const message = failure instanceof Error ? failure.message : String(failure);
        if (isPasswordFailure(message)) setAskPassword(true);
        else setError(message);
      },
    );
    return () => {
      current = false;
    };
  }, [path, password]);

  const settings = useMemo(() => {
    const rows: { path: string; value: string }[] = [];
    if (inspection?.customizations) {
      walkSettings(redactSecrets(inspection.customizations), ({ node, path: settingPath }) => {
        if (node.children.length === 0) rows.push({ path: settingPath, value: node.text ?? '' });
      });
    }
    return rows;
  }, [inspection]);

  const number = new Intl.NumberFormat(i18n.language);
  const differenceText = (kind: string, path: string) =>
    // Kinds are a fixed list (shared/ipc/contract.ts); an unknown one falls back to the path.
    t(`pages.package.difference.${kind}`, { path: visible(path), defaultValue: visible(path) });

  if (error) {
    return (
      <div className={styles.page} data-testid="package-page">
        <div className={styles.header}>
          <MessageBar intent="error" data-testid="package-error">
            <MessageBarBody>
              <MessageBarTitle>{t('pages.package.corrupt')}</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
          <div>
            <Button icon={<ArrowLeftRegular />} onClick={onBack}>
              {t('pages.package.back')}
            </Button>
          </div>
        </div>
      </div>
    );
  }
  if (askPassword && !inspection)
    return (
      <div className={styles.page} data-testid="package-page">
        <div className={styles.header}>
          <PackagePasswordPrompt
            wrong={password !== null}
            onSubmit={(entered) => {
              setAskPassword(false);
              setPassword(entered);
            }}
          />
          <div>
            <Button icon={<ArrowLeftRegular />} onClick={onBack}>
              {t('pages.package.back')}
            </Button>
          </div>
        </div>
      </div>
    );
  if (!inspection) return <Spinner label={t('pages.package.reading')} />;

  const owner = inspection.ownerType
    ? t('pages.package.ownerRank', { owner: inspection.ownerType, rank: inspection.rank ?? 0 })
    : String(inspection.altitude ?? '');
  const details: [string, string][] = [
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
      !inspection.catalog?.present
        ? t('wizard.finish.security.no')
        : `${t(inspection.catalog.signed ? 'wizard.finish.security.signed' : 'wizard.finish.security.unsigned')}${
            inspection.catalog.matches === false ? ` — ${t('packageSecurity.catalogMismatch')}` : ''
          }`,
    ],
  ];
  const customizations = inspection.customizations;
  const { applied, differences } = inspection.verification;

  return (
    <div className={styles.page} data-testid="package-page">
      <Card className={styles.header}>
        <div className={styles.headerRow}>
          <Subtitle1 as="h2" className={styles.grow}>
            {t('pages.package.title', { name: inspection.name })}
          </Subtitle1>
          <Button icon={<ArrowLeftRegular />} onClick={onBack}>
            {t('pages.package.back')}
          </Button>
          <Button icon={<UsbStickRegular />} onClick={() => setUsbOpen(true)} data-testid="copy-to-usb">
            {t('pages.package.copyToUsb')}
          </Button>
          <Button
            appearance="primary"
            icon={<ArrowImportRegular />}
            disabled={!customizations}
            data-testid="import-package"
            onClick={() =>
              customizations &&
              dispatch({
                type: 'loadProject',
                page: 'advanced',
                document: {
                  customizations,
                  icdProject: null,
                  path: null,
                },
              })
            }
          >
            {t('pages.package.import')}
          </Button>
        </div>
        <dl className={styles.details} data-testid="package-details">
          {details.map(([term, value]) => (
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
      </Card>
      <Card className={styles.pane}>
        <div className={styles.scroll}>
          <Subtitle2 as="h3" className={styles.heading}>
            {t('pages.package.applied', { count: applied.length })}
          </Subtitle2>
          <Body1 as="p" className={styles.hint}>
            {t('pages.package.appliedHint')}
          </Body1>
          <div data-testid="package-applied">
            {applied.length === 0 && <Body1>{t('pages.package.noApplied')}</Body1>}
            {applied.map((row, index) => (
              <div key={index} className={styles.row}>
                <Text className={styles.mono}>
                  {row.settingPath
                    ? visible(row.settingPath)
                    : t('pages.package.cspPath', { path: visible(row.cspPath) })}
                  {row.eventType === 'User_RunTime' && ` (${t('pages.package.userScope')})`}
                </Text>
                <Text className={`${styles.size} ${styles.mono}`}>{visible(row.value)}</Text>
              </div>
            ))}
          </div>
          <Subtitle2 as="h3" className={styles.section}>
            {t('pages.package.declared', { count: settings.length })}
          </Subtitle2>
          <div data-testid="package-settings">
            {settings.length === 0 && <Body1>{t('pages.package.noSettings')}</Body1>}
            {settings.map((row) => (
              <div key={row.path} className={styles.row}>
                <Text className={styles.mono}>{visible(row.path)}</Text>
                <Text className={styles.size}>{visible(row.value)}</Text>
              </div>
            ))}
          </div>
        </div>
      </Card>
      <Card className={styles.pane}>
        <Subtitle2 as="h3">{t('pages.package.files')}</Subtitle2>
        <div className={styles.scroll} data-testid="package-files" role="tree">
          {inspection.files.map((file) => {
            const depth = file.path.split('/').length - 1;
            return (
              <div
                key={file.path}
                className={styles.row}
                role="treeitem"
                style={{ paddingInlineStart: `${depth * 16}px` }}
              >
                {file.isDirectory ? <FolderRegular /> : <DocumentRegular />}
                <Text className={styles.mono}>{visible(file.path.split('/').pop() ?? '')}</Text>
                {!file.isDirectory && (
                  <Text className={styles.size}>
                    {t('pages.package.bytes', { size: number.format(file.size) })}
                  </Text>
                )}
              </div>
            );
          })}
        </div>
      </Card>
      <UsbDialog
        open={usbOpen}
        onClose={() => setUsbOpen(false)}
        packagePath={inspection.path}
        packageName={inspection.name}
      />
    </div>
  );
}
