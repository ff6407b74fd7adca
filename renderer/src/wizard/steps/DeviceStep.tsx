import { Field, Input, Switch } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useStepStyles } from './step-styles';

export function DeviceStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.form}>
      <Field label={t('wizard.steps.device.deviceName')} hint={t('wizard.steps.device.deviceNameHint')}>
        <Input placeholder={t('wizard.steps.device.deviceNamePlaceholder')} maxLength={15} />
      </Field>
      <Field label={t('wizard.steps.device.productKey')} hint={t('wizard.steps.device.productKeyHint')}>
        <Input placeholder={t('wizard.steps.device.productKeyPlaceholder')} />
      </Field>
      <Switch label={t('wizard.steps.device.sharedUse')} />
      <Switch label={t('wizard.steps.device.removeApps')} />
    </div>
  );
}
