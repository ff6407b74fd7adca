import { Body1, Button, Caption1, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { WizardPreview } from '../preview/WizardPreview';
import type { ProjectDraft } from '../state/app-state';
import { useAppDispatch } from '../state/store';
import { StepList } from './StepList';
import { wizardSteps } from './steps';
import {
  useComputeWizardIssues,
  useUpdateWizardUi,
  useWizardDocument,
  useWizardUi,
  WizardIssuesProvider,
} from './use-wizard';

const useStyles = makeStyles({
  frame: {
    display: 'grid',
    gridTemplateColumns: '216px minmax(0, 1fr) minmax(360px, 36%)',
    height: '100%',
    minHeight: 0,
  },
  nav: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowY: 'auto',
  },
  main: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  stepHeader: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalL}`,
  },
  counter: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  // Focused by script on every page change (not a tab stop); the page's own outline would only distract.
  title: { ...typographyStyles.title2, margin: 0, outlineStyle: 'none' },
  description: { color: tokens.colorNeutralForeground2 },
  stepBody: {
    flexGrow: 1,
    overflowY: 'auto',
    padding: `0 ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXL}`,
  },
  footer: {
    display: 'flex',
    justifyContent: 'flex-end',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  footerNote: { color: tokens.colorNeutralForeground3, marginInlineEnd: 'auto' },
  preview: {
    minHeight: 0,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The wizard layout: step list | current step with Back/Next | read-only customizations.xml preview. */
export function WizardFrame({ stepIndex }: { project: ProjectDraft; stepIndex: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const doc = useWizardDocument();
  const ui = useWizardUi();
  const updateUi = useUpdateWizardUi();
  const issues = useComputeWizardIssues();
  const step = wizardSteps[stepIndex] ?? wizardSteps[0];
  // Every page change (Next, Back, the step list, a new or opened project) moves focus to the page heading,
  // so a keyboard or screen-reader user starts at the top of the new page and hears its name.
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, [stepIndex]);
  const certificateDer = useMemo(
    () => Object.fromEntries(Object.entries(ui.certificates).map(([path, info]) => [path, info.derBase64])),
    [ui.certificates],
  );
  if (!step) return null;
  const StepPage = step.Component;
  const isFirst = stepIndex === 0;
  const isLast = stepIndex === wizardSteps.length - 1;

  return (
    <WizardIssuesProvider value={issues}>
      <div className={styles.frame} data-testid="wizard">
        <nav className={styles.nav}>
          <StepList currentIndex={stepIndex} onSelect={(index) => dispatch({ type: 'goToStep', index })} />
        </nav>
        <section className={styles.main} aria-labelledby="step-title">
          <div className={styles.stepHeader}>
            <Caption1 className={styles.counter} data-testid="step-counter">
              {t('wizard.stepCounter', { current: stepIndex + 1, total: wizardSteps.length })}
            </Caption1>
            <h2 id="step-title" ref={titleRef} tabIndex={-1} className={styles.title}>
              {t(`wizard.steps.${step.id}.title`)}
            </h2>
            <Body1 className={styles.description}>{t(`wizard.steps.${step.id}.description`)}</Body1>
          </div>
          <div className={styles.stepBody} data-testid={`step-page-${step.id}`}>
            <StepPage />
          </div>
          <div className={styles.footer}>
            <Button
              icon={<ArrowLeftRegular />}
              disabled={isFirst}
              onClick={() => dispatch({ type: 'previousStep' })}
            >
              {t('wizard.back')}
            </Button>
            {isLast ? null : (
              <Button
                appearance="primary"
                icon={<ArrowRightRegular />}
                iconPosition="after"
                onClick={() => dispatch({ type: 'nextStep' })}
              >
                {t('wizard.next')}
              </Button>
            )}
          </div>
        </section>
        <aside className={styles.preview}>
          <WizardPreview
            doc={doc}
            revealSecrets={ui.revealSecrets}
            onRevealSecretsChange={(revealSecrets) => updateUi({ revealSecrets })}
            certificateDer={certificateDer}
          />
        </aside>
      </div>
    </WizardIssuesProvider>
  );
}
