import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { wizardSteps } from './steps';

const useStyles = makeStyles({
  list: { gap: tokens.spacingVerticalXXS },
  tab: { justifyContent: 'flex-start', width: '100%' },
  number: { color: tokens.colorNeutralForeground3, marginInlineEnd: tokens.spacingHorizontalXS },
});

/** The wizard's step navigation: a vertical tab list (arrow keys move, Enter/Space select). */
export function StepList({
  currentIndex,
  onSelect,
}: {
  currentIndex: number;
  onSelect: (index: number) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const current = wizardSteps[currentIndex]?.id;
  return (
    <TabList
      vertical
      size="large"
      className={styles.list}
      selectedValue={current}
      aria-label={t('wizard.navigationLabel')}
      onTabSelect={(_event, data) => {
        const index = wizardSteps.findIndex((step) => step.id === data.value);
        if (index >= 0) onSelect(index);
      }}
    >
      {wizardSteps.map((step, index) => {
        const Icon = step.icon;
        return (
          <Tab
            key={step.id}
            value={step.id}
            icon={<Icon />}
            className={styles.tab}
            data-testid={`step-${step.id}`}
          >
            <span className={styles.number} aria-hidden="true">
              {index + 1}.
            </span>
            {t(`wizard.steps.${step.id}.title`)}
          </Tab>
        );
      })}
    </TabList>
  );
}
