import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Switch,
  tokens,
  ToggleButton,
} from '@fluentui/react-components';
import { BoxRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SandboxRun } from '../../../../shared/ipc/contract';
import { reportSummary, SandboxReport } from './SandboxReport';
import { useSandbox } from './use-sandbox';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  runs: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** One kept run as a toggle: its time, networking and summary; pressed shows its report. */
function RunButton({ run, shown, onShow }: { run: SandboxRun; shown: boolean; onShow: () => void }) {
  const { t } = useTranslation();
  const facts = [
    run.networking ? t('sandbox.networkOn') : null,
    run.report ? reportSummary(run.report, t) : t('sandbox.noReport'),
  ].filter(Boolean);
  return (
    <ToggleButton size="small" checked={shown} onClick={onShow} data-testid="sandbox-run">
      {`${t('sandbox.runLabel', { run: run.startedAt.replace('T', ' ').slice(0, 19) })} — ${facts.join(', ')}`}
    </ToggleButton>
  );
}

/**
 * "Test in Windows Sandbox" for a package read in this session: disabled with the reason where Windows
 * Sandbox cannot run, networking off unless turned on (with what that means for an MDM enrollment), and the
 * runs of this package kept in the app's data folder with their reports.
 */
export function SandboxPanel({ packagePath }: { packagePath: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const reasonId = useId();
  const warningId = useId();
  const { status, runs, starting, error, start } = useSandbox(packagePath);
  const [networking, setNetworking] = useState(false);
  const [shownRunId, setShownRunId] = useState<string | null>(null);
  const available = status?.available === true;
  const reason =
    status && !status.available
      ? t(status.reason === 'not-windows' ? 'sandbox.notWindows' : 'sandbox.featureMissing')
      : null;
  const shown = runs.find((run) => run.runId === shownRunId) ?? runs[0] ?? null;

  return (
    <section className={styles.root} data-testid="sandbox-panel" aria-labelledby={`${reasonId}-title`}>
      <Subtitle2 as="h3" id={`${reasonId}-title`}>
        {t('sandbox.title')}
      </Subtitle2>
      <div className={styles.row}>
        <Button
          icon={<BoxRegular />}
          // Focusable while disabled, so keyboard and screen-reader users still hear why.
          disabledFocusable={!available || starting}
          aria-describedby={reason ? reasonId : warningId}
          onClick={() => void start(networking).then(() => setShownRunId(null))}
          data-testid="sandbox-test"
        >
          {starting ? t('sandbox.starting') : t('sandbox.test')}
        </Button>
        <Switch
          label={t('sandbox.networking')}
          checked={networking}
          disabled={!available}
          onChange={(_event, data) => setNetworking(data.checked)}
          aria-describedby={warningId}
          data-testid="sandbox-networking"
        />
      </div>
      {reason ? (
        <Caption1 id={reasonId} data-testid="sandbox-reason">
          {reason}
        </Caption1>
      ) : null}
      <Caption1 id={warningId} className={styles.muted} data-testid="sandbox-warning">
        {t('sandbox.networkingWarning')}
      </Caption1>
      {error ? (
        <MessageBar intent="error" data-testid="sandbox-error">
          <MessageBarBody>{t('sandbox.failed', { message: error })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {runs.length > 0 ? (
        <div className={styles.runs} role="group" aria-label={t('sandbox.keptRuns', { count: runs.length })}>
          {runs.map((run) => (
            <RunButton
              key={run.runId}
              run={run}
              shown={run === shown}
              onShow={() => setShownRunId(run.runId)}
            />
          ))}
        </div>
      ) : null}
      {shown && !shown.report ? (
        <Caption1 role="status">{t('sandbox.waiting', { run: shown.runId })}</Caption1>
      ) : null}
      {shown?.report ? <SandboxReport report={shown.report} /> : null}
    </section>
  );
}
