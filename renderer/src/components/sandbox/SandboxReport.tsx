import { Badge, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SandboxReport as Report } from '../../../../shared/ipc/contract';
import { escapeControlCharacters as visible } from '../../../../shared/text/visible-text';
import { useBadgeRowStyles } from '../row-styles';

const useStyles = makeStyles({
  // The page's header holds the panel: a long report scrolls here instead of pushing the panes away.
  list: { margin: 0, padding: 0, listStyle: 'none', maxHeight: '30vh', overflowY: 'auto' },
  error: {
    marginInlineStart: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

const OUTCOME_COLOR = { applied: 'success', failed: 'danger', 'not-reported': 'subtle' } as const;

export function reportSummary(report: Report, t: ReturnType<typeof useTranslation>['t']): string {
  const count = (outcome: keyof typeof OUTCOME_COLOR) =>
    report.settings.filter((setting) => setting.outcome === outcome).length;
  return t('sandbox.summary', {
    status: visible(report.status),
    applied: count('applied'),
    failed: count('failed'),
    notReported: count('not-reported'),
  });
}

/** Per setting: applied, failed (with the event's error) or not reported, then the results' problems. */
export function SandboxReport({ report }: { report: Report }) {
  const styles = useStyles();
  const rowStyles = useBadgeRowStyles();
  const { t } = useTranslation();
  const summaryId = useId();
  const summary = reportSummary(report, t);
  return (
    <div data-testid="sandbox-report">
      <Text weight="semibold" id={summaryId}>
        {summary}
      </Text>
      {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
      <ul className={styles.list} tabIndex={0} aria-labelledby={summaryId}>
        {report.settings.map((setting) => (
          <li
            key={`${setting.settingPath}|${setting.cspPath}`}
            className={rowStyles.row}
            data-outcome={setting.outcome}
          >
            <Badge
              appearance="tint"
              size="small"
              color={OUTCOME_COLOR[setting.outcome]}
              className={rowStyles.badge}
            >
              {t(`sandbox.outcome.${setting.outcome}`)}
            </Badge>
            <span className={rowStyles.path} title={visible(setting.evidence)}>
              {visible(setting.settingPath)}
            </span>
            {setting.error ? <span className={styles.error}>{visible(setting.error)}</span> : null}
          </li>
        ))}
      </ul>
      {report.problems.map((problem) => (
        <Caption1 key={problem} className={styles.muted} block>
          {visible(problem)}
        </Caption1>
      ))}
    </div>
  );
}
