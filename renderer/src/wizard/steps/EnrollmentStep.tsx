import { Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useStepStyles } from './step-styles';

export function EnrollmentStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.form}>
      <Field label={t('wizard.steps.enrollment.method')}>
        <RadioGroup defaultValue="none">
          <Radio value="none" label={t('wizard.steps.enrollment.none')} />
          <Radio value="activeDirectory" label={t('wizard.steps.enrollment.activeDirectory')} />
          <Radio value="entraId" label={t('wizard.steps.enrollment.entraId')} />
        </RadioGroup>
      </Field>
      <Field label={t('wizard.steps.enrollment.domain')}>
        <Input placeholder={t('wizard.steps.enrollment.domainPlaceholder')} />
      </Field>
    </div>
  );
}
