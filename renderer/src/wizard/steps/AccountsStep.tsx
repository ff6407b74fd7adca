import { Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useStepStyles } from './step-styles';

export function AccountsStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.form}>
      <Field label={t('wizard.steps.accounts.userName')}>
        <Input autoComplete="off" />
      </Field>
      <Field label={t('wizard.steps.accounts.password')} hint={t('wizard.steps.accounts.passwordHint')}>
        <Input type="password" autoComplete="new-password" />
      </Field>
    </div>
  );
}
