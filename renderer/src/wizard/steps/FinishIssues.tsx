import { Body1, Link, Subtitle2 } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../state/store';
import { RepickButton } from '../RepickButton';
import { wizardStepIds, type WizardStepId } from '../step-ids';
import { useWizardIssues } from '../use-wizard';
import { useFinishStyles } from './finish-styles';

/** Every issue of the project, each a link to the page that fixes it (and "Choose file…" where that is the fix). */
export function FinishIssues() {
  const styles = useFinishStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const issues = useWizardIssues();
  const goTo = (page: WizardStepId) => dispatch({ type: 'goToStep', index: wizardStepIds.indexOf(page) });

  return (
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
  );
}
