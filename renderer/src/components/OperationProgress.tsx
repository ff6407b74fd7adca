import { Caption1, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  line: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, minWidth: 0 },
  file: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
});

/** Too early for an estimate: the first half second and the first 2 % say little about the rest. */
const MIN_ELAPSED_MS = 500;
const MIN_FRACTION = 0.02;

/** Remaining time from the rate so far (elapsed / fraction); null while there is too little to go on. */
export function estimateRemainingMs(fraction: number, elapsedMs: number): number | null {
  if (fraction < MIN_FRACTION || elapsedMs < MIN_ELAPSED_MS || fraction >= 1) return null;
  return (elapsedMs * (1 - fraction)) / fraction;
}

export interface OperationProgressProps {
  /** What is happening (e.g. "Building the package…", "3 of 43: DEV-004"). */
  label: string;
  /** 0…1; null shows an indeterminate bar (before the first event). */
  fraction: number | null;
  currentFile: string | null;
  elapsedMs: number;
  testId: string;
}

/** A determinate progress bar with the file being written and an estimate of the time left. */
export function OperationProgress({
  label,
  fraction,
  currentFile,
  elapsedMs,
  testId,
}: OperationProgressProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const remaining = fraction === null ? null : estimateRemainingMs(fraction, elapsedMs);
  const estimate =
    remaining === null
      ? t('progress.estimating')
      : remaining < 60_000
        ? t('progress.secondsLeft', { count: Math.max(1, Math.ceil(remaining / 1000)) })
        : t('progress.minutesLeft', { count: Math.ceil(remaining / 60_000) });
  const percent = fraction === null ? null : Math.floor(fraction * 100);
  return (
    <Field label={label} className={styles.root} data-testid={testId}>
      <ProgressBar
        value={fraction ?? undefined}
        max={1}
        thickness="large"
        aria-valuetext={percent === null ? undefined : t('progress.percent', { percent })}
        data-testid={`${testId}-bar`}
      />
      <div className={styles.line} aria-live="polite">
        {/* The name only: an asset's image path starts with a long hash folder that would hide it. */}
        <Caption1 className={styles.file} title={currentFile ?? undefined} data-testid={`${testId}-file`}>
          {currentFile?.split('/').at(-1) ?? ''}
        </Caption1>
        <Caption1 className={styles.muted} data-testid={`${testId}-estimate`}>
          {percent === null ? '' : `${t('progress.percent', { percent })} · `}
          {estimate}
        </Caption1>
      </div>
    </Field>
  );
}
