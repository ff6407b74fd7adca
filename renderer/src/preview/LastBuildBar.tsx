import { Caption1, makeStyles, ToggleButton, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { LastBuildDiffState } from './use-last-build-diff';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  toggle: { flexShrink: 0, whiteSpace: 'nowrap' },
});

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function statusText(state: LastBuildDiffState, t: ReturnType<typeof useTranslation>['t']): string {
  switch (state.status) {
    case 'checking':
      return t('wizard.preview.lastBuild.checking');
    case 'none':
      return t('wizard.preview.lastBuild.none');
    case 'failed':
      return t('wizard.preview.lastBuild.failed', { message: state.message });
    case 'encrypted':
      return t('wizard.preview.lastBuild.encrypted', { file: fileName(state.lastBuild) });
    case 'compared':
      return state.diff.equal
        ? t('wizard.preview.lastBuild.equal', { file: fileName(state.lastBuild) })
        : t('wizard.preview.lastBuild.changed', {
            file: fileName(state.lastBuild),
            count: state.diff.settings.length,
            files: state.diff.files.length,
          });
  }
}

/** What the comparison with the last build found, and the switch between the files and the changes. */
export function LastBuildBar({
  state,
  showChanges,
  onShowChanges,
}: {
  state: LastBuildDiffState;
  showChanges: boolean;
  onShowChanges: (show: boolean) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const changed = state.status === 'compared' && !state.diff.equal;
  return (
    <div className={styles.bar} data-testid="last-build-diff">
      <Caption1 role="status">{statusText(state, t)}</Caption1>
      {changed ? (
        <ToggleButton
          size="small"
          className={styles.toggle}
          checked={showChanges}
          onClick={() => onShowChanges(!showChanges)}
          data-testid="toggle-changes"
        >
          {t('wizard.preview.lastBuild.showChanges')}
        </ToggleButton>
      ) : null}
    </div>
  );
}
