import {
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SpinButton,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  BoxArrowUpRegular,
  CheckmarkCircleRegular,
  ErrorCircleRegular,
  FolderOpenRegular,
  WarningRegular,
} from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcArgs, PackageBuildResult } from '../../../../shared/ipc/contract';
import type { OwnerType } from '../../../../shared/model/customizations-document';
import { useAppDispatch } from '../../state/store';
import {
  readAccounts,
  readApps,
  readCertificates,
  readDevice,
  readEnrollments,
  readWifi,
} from '../../state/wizard-document';
import { focusOnMount } from '../../hooks/focus';
import { BuildProgress } from '../BuildProgress';
import { RepickButton } from '../RepickButton';
import { wizardStepIds, type WizardStepId } from '../step-ids';
import {
  useEditDocument,
  useFieldValidation,
  useWizardDocument,
  useWizardIssues,
  useWizardUi,
} from '../use-wizard';
import { useStepStyles } from './step-styles';
import {
  FinishSecurity,
  GeneratedPassword,
  initialSecurityChoice,
  type SecurityChoice,
  securityRequest,
} from './FinishSecurity';
import { errorMessage } from '../../../../shared/text/error-message';

const ownerTypes: OwnerType[] = [
  'ITAdmin',
  'OEM',
  'SystemIntegrator',
  'MobileOperator',
  'SiliconVendor',
  'Microsoft',
];

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, maxWidth: '640px' },
  summary: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground3 },
    '& dd': { margin: 0, wordBreak: 'break-word' },
  },
  issues: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  issue: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  error: { color: tokens.colorPaletteRedForeground1, flexShrink: 0, marginTop: '2px' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0, marginTop: '2px' },
  ok: {
    color: tokens.colorPaletteGreenForeground1,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  result: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

type BuildState =
  | { status: 'idle' }
  | { status: 'building'; path: string }
  | { status: 'done'; result: Extract<PackageBuildResult, { ok: true }> }
  | { status: 'failed'; message: string };

export function FinishStep() {
  const stepStyles = useStepStyles();
  const styles = useStyles();
  const { t } = useTranslation();
  const doc = useWizardDocument();
  const ui = useWizardUi();
  const edit = useEditDocument();
  const dispatch = useAppDispatch();
  const issues = useWizardIssues();
  const [build, setBuild] = useState<BuildState>({ status: 'idle' });
  const [security, setSecurity] = useState<SecurityChoice>(initialSecurityChoice);
  const securityChoice = securityRequest(security);
  const config = doc.packageConfig;
  const nameValidation = useFieldValidation('PackageConfig/Name');
  const versionValidation = useFieldValidation('PackageConfig/Version');
  const rankValidation = useFieldValidation('PackageConfig/Rank');
  const errorCount = issues.filter((issue) => issue.severity === 'error').length;
  const goTo = (page: WizardStepId) => dispatch({ type: 'goToStep', index: wizardStepIds.indexOf(page) });

  const device = readDevice(doc);
  const wifi = readWifi(doc);
  const accounts = readAccounts(doc, ui.accountMode);
  const apps = readApps(doc);
  const certificates = readCertificates(doc);
  const enrollments = readEnrollments(doc);
  const none = t('wizard.finish.none');
  const summary: [WizardStepId, string][] = [
    ['device', device.deviceName || none],
    [
      'network',
      wifi
        ? `${wifi.ssid || none} (${t(`wizard.network.security.${wifi.securityType}`)})`
        : t('wizard.finish.noWifi'),
    ],
    [
      'accounts',
      accounts.mode === 'local'
        ? t('wizard.finish.localAdmin', { name: accounts.userName || none })
        : accounts.mode === 'domain'
          ? t('wizard.finish.domainJoin', { domain: accounts.domain || none })
          : t(`wizard.accounts.modes.${accounts.mode}`),
    ],
    ['applications', apps.length ? apps.map((app) => app.name).join(', ') : none],
    ['certificates', certificates.length ? certificates.map((c) => c.name).join(', ') : none],
    ['enrollment', enrollments.length ? enrollments.map((e) => e.upn || none).join(', ') : none],
  ];

  const runBuild = async () => {
    try {
      const target = await window.ppkg.dialog.saveFile({
        kind: 'package',
        suggestedName: `${config.name || 'package'}.ppkg`,
      });
      if (!target) return;
      setBuild({ status: 'building', path: target.path });
      const result = await window.ppkg.package.build({
        // The contract types the tree by zod's input (unknown nodes); the document is the same shape.
        document: doc as IpcArgs<'package:build'>[0]['document'],
        path: target.path,
        ...('request' in securityChoice ? { security: securityChoice.request } : {}),
      });
      if (result.ok) setBuild({ status: 'done', result });
      else
        setBuild({
          status: 'failed',
          message: t('wizard.finish.buildFieldError', { path: result.settingPath, detail: result.detail }),
        });
    } catch (error) {
      setBuild({ status: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <div className={styles.layout}>
      <div className={stepStyles.form}>
        <div className={stepStyles.row}>
          <Field label={t('wizard.finish.packageName')} required {...nameValidation}>
            <Input
              value={config.name}
              onChange={(_event, data) => edit((draft) => void (draft.packageConfig.name = data.value))}
            />
          </Field>
          <Field
            label={t('wizard.finish.version')}
            hint={t('wizard.finish.versionHint')}
            {...versionValidation}
          >
            <Input
              value={config.version}
              onChange={(_event, data) => edit((draft) => void (draft.packageConfig.version = data.value))}
            />
          </Field>
        </div>
        <div className={stepStyles.row}>
          <Field label={t('wizard.finish.ownerType')} hint={t('wizard.finish.ownerTypeHint')}>
            <Dropdown
              value={t(`wizard.finish.owners.${config.ownerType}`)}
              selectedOptions={[config.ownerType]}
              onOptionSelect={(_event, data) =>
                edit((draft) => void (draft.packageConfig.ownerType = data.optionValue as OwnerType))
              }
            >
              {ownerTypes.map((owner) => (
                <Option key={owner} value={owner}>
                  {t(`wizard.finish.owners.${owner}`)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('wizard.finish.rank')} hint={t('wizard.finish.rankHint')} {...rankValidation}>
            <SpinButton
              value={config.rank}
              min={0}
              max={99}
              onChange={(_event, data) => {
                const rank = data.value ?? Number.parseInt(data.displayValue ?? '', 10);
                if (Number.isInteger(rank)) edit((draft) => void (draft.packageConfig.rank = Number(rank)));
              }}
            />
          </Field>
        </div>
      </div>

      <section className={styles.section} aria-labelledby="summary-title">
        <Subtitle2 as="h3" id="summary-title">
          {t('wizard.finish.summary')}
        </Subtitle2>
        <dl className={styles.summary} data-testid="summary">
          {summary.map(([page, text]) => (
            <div key={page} style={{ display: 'contents' }}>
              <dt>{t(`wizard.steps.${page}.title`)}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className={styles.section} aria-labelledby="issues-title">
        <Subtitle2 as="h3" id="issues-title">
          {t('wizard.finish.issues')}
        </Subtitle2>
        {issues.length === 0 ? (
          <Body1 className={styles.ok}>
            <CheckmarkCircleRegular /> {t('wizard.finish.noIssues')}
          </Body1>
        ) : (
          <ul className={styles.issues} data-testid="issues">
            {issues.map((issue) => (
              <li key={issue.id} className={styles.issue}>
                {issue.severity === 'error' ? (
                  <ErrorCircleRegular className={styles.error} aria-label={t('wizard.finish.error')} />
                ) : (
                  <WarningRegular className={styles.warning} aria-label={t('wizard.finish.warning')} />
                )}
                <Link as="button" onClick={() => goTo(issue.page)}>
                  {t(`wizard.steps.${issue.page}.title`)}: {issue.message}
                </Link>
                {issue.repick ? (
                  <RepickButton recordedPath={issue.repick.recordedPath} settingPath={issue.path} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <FinishSecurity choice={security} onChange={setSecurity} />

      <section className={styles.section}>
        <div className={stepStyles.actions}>
          <Button
            appearance="primary"
            icon={<BoxArrowUpRegular />}
            disabled={errorCount > 0 || 'problem' in securityChoice}
            // Still focusable while building, so focus is not dropped to the page.
            disabledFocusable={build.status === 'building'}
            onClick={() => void runBuild()}
          >
            {t('wizard.build')}
          </Button>
          {errorCount > 0 ? (
            <Caption1 className={stepStyles.meta}>
              {t('wizard.finish.fixErrors', { count: errorCount })}
            </Caption1>
          ) : 'problem' in securityChoice ? (
            <Caption1 className={stepStyles.meta}>{t(securityChoice.problem)}</Caption1>
          ) : null}
        </div>
        {build.status === 'building' ? <BuildProgress path={build.path} /> : null}
        {build.status === 'done' ? (
          <MessageBar
            intent="success"
            layout="multiline"
            data-testid="build-result"
            tabIndex={-1}
            ref={focusOnMount}
          >
            <MessageBarBody>
              <MessageBarTitle>{t('wizard.finish.built')}</MessageBarTitle>
              <dl className={styles.summary}>
                <dt>{t('wizard.finish.path')}</dt>
                <dd className={styles.result} data-testid="build-path">
                  {build.result.path}
                </dd>
                <dt>{t('wizard.finish.size')}</dt>
                <dd>{t('wizard.preview.bytes', { size: build.result.size })}</dd>
                <dt>SHA-256</dt>
                <dd className={styles.result} data-testid="build-sha256">
                  {build.result.sha256}
                </dd>
                {build.result.catalogPath ? (
                  <>
                    <dt>{t('wizard.finish.security.catalog')}</dt>
                    <dd className={styles.result} data-testid="build-catalog">
                      {build.result.catalogPath} (
                      {t(
                        build.result.signed
                          ? 'wizard.finish.security.signed'
                          : 'wizard.finish.security.unsigned',
                      )}
                      )
                    </dd>
                  </>
                ) : null}
                <dt>{t('wizard.finish.security.encrypted')}</dt>
                <dd data-testid="build-encrypted">
                  {t(build.result.encrypted ? 'wizard.finish.security.yes' : 'wizard.finish.security.no')}
                </dd>
              </dl>
              <Button
                size="small"
                icon={<FolderOpenRegular />}
                onClick={() => void window.ppkg.shell.showInFolder({ path: build.result.path })}
              >
                {t('wizard.finish.showInFolder')}
              </Button>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {build.status === 'done' && build.result.generatedPassword ? (
          <GeneratedPassword password={build.result.generatedPassword} />
        ) : null}
        {build.status === 'failed' ? (
          <MessageBar
            intent="error"
            layout="multiline"
            data-testid="build-error"
            tabIndex={-1}
            ref={focusOnMount}
          >
            <MessageBarBody>
              <MessageBarTitle>{t('wizard.finish.buildFailed')}</MessageBarTitle>
              {build.message}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </section>
    </div>
  );
}
