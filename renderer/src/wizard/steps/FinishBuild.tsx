import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { BoxArrowUpRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcArgs, PackageBuildResult } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../../../shared/text/error-message';
import { focusOnMount } from '../../hooks/focus';
import { BuildProgress } from '../BuildProgress';
import { useWizardDocument, useWizardIssues } from '../use-wizard';
import { useFinishStyles } from './finish-styles';
import { GeneratedPassword, type securityRequest } from './FinishSecurity';
import { useStepStyles } from './step-styles';

type BuiltPackage = Extract<PackageBuildResult, { ok: true }>;

type BuildState =
  | { status: 'idle' }
  | { status: 'building'; path: string }
  | { status: 'done'; result: BuiltPackage }
  | { status: 'failed'; message: string };

type SecurityOutcome = ReturnType<typeof securityRequest>;

/** Asks where to save, builds the document there with the chosen package security, and tracks the result. */
function useBuildPackage(security: SecurityOutcome): [BuildState, () => Promise<void>] {
  const { t } = useTranslation();
  const doc = useWizardDocument();
  const [build, setBuild] = useState<BuildState>({ status: 'idle' });
  const runBuild = async () => {
    try {
      const target = await window.ppkg.dialog.saveFile({
        kind: 'package',
        suggestedName: `${doc.packageConfig.name || 'package'}.ppkg`,
      });
      if (!target) return;
      setBuild({ status: 'building', path: target.path });
      const result = await window.ppkg.package.build({
        // The contract types the tree by zod's input (unknown nodes); the document is the same shape.
        document: doc as IpcArgs<'package:build'>[0]['document'],
        path: target.path,
        ...('request' in security ? { security: security.request } : {}),
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
  return [build, runBuild];
}

/** How the build ended; focused when it appears, so keyboard and screen-reader users land on it. */
function BuildOutcome({
  intent,
  testId,
  title,
  children,
}: {
  intent: 'success' | 'error';
  testId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId} tabIndex={-1} ref={focusOnMount}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Where the package went: path, size, SHA-256, its catalog and whether it is encrypted. */
function BuildResult({ result }: { result: BuiltPackage }) {
  const styles = useFinishStyles();
  const { t } = useTranslation();
  return (
    <BuildOutcome intent="success" testId="build-result" title={t('wizard.finish.built')}>
      <dl className={styles.summary}>
        <dt>{t('wizard.finish.path')}</dt>
        <dd className={styles.result} data-testid="build-path">
          {result.path}
        </dd>
        <dt>{t('wizard.finish.size')}</dt>
        <dd>{t('wizard.preview.bytes', { size: result.size })}</dd>
        <dt>SHA-256</dt>
        <dd className={styles.result} data-testid="build-sha256">
          {result.sha256}
        </dd>
        {result.catalogPath ? (
          <>
            <dt>{t('wizard.finish.security.catalog')}</dt>
            <dd className={styles.result} data-testid="build-catalog">
              {result.catalogPath} (
              {t(result.signed ? 'wizard.finish.security.signed' : 'wizard.finish.security.unsigned')})
            </dd>
          </>
        ) : null}
        <dt>{t('wizard.finish.security.encrypted')}</dt>
        <dd data-testid="build-encrypted">
          {t(result.encrypted ? 'wizard.finish.security.yes' : 'wizard.finish.security.no')}
        </dd>
      </dl>
      <Button
        size="small"
        icon={<FolderOpenRegular />}
        onClick={() => void window.ppkg.shell.showInFolder({ path: result.path })}
      >
        {t('wizard.finish.showInFolder')}
      </Button>
    </BuildOutcome>
  );
}

/** The Build button (disabled while an error or a security choice is missing) and what the build gave. */
export function FinishBuild({ security }: { security: SecurityOutcome }) {
  const stepStyles = useStepStyles();
  const styles = useFinishStyles();
  const { t } = useTranslation();
  const errorCount = useWizardIssues().filter((issue) => issue.severity === 'error').length;
  const [build, runBuild] = useBuildPackage(security);

  return (
    <section className={styles.section}>
      <div className={stepStyles.actions}>
        <Button
          appearance="primary"
          icon={<BoxArrowUpRegular />}
          disabled={errorCount > 0 || 'problem' in security}
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
        ) : 'problem' in security ? (
          <Caption1 className={stepStyles.meta}>{t(security.problem)}</Caption1>
        ) : null}
      </div>
      {build.status === 'building' ? <BuildProgress path={build.path} /> : null}
      {build.status === 'done' ? <BuildResult result={build.result} /> : null}
      {build.status === 'done' && build.result.generatedPassword ? (
        <GeneratedPassword password={build.result.generatedPassword} />
      ) : null}
      {build.status === 'failed' ? (
        <BuildOutcome intent="error" testId="build-error" title={t('wizard.finish.buildFailed')}>
          {build.message}
        </BuildOutcome>
      ) : null}
    </section>
  );
}
