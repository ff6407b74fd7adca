import { Dropdown, Field, Input, Option, Switch } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useStepStyles } from './step-styles';

export function NetworkStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.form}>
      <Switch label={t('wizard.steps.network.connect')} defaultChecked />
      <Field label={t('wizard.steps.network.ssid')}>
        <Input />
      </Field>
      <Field label={t('wizard.steps.network.securityType')}>
        <Dropdown defaultValue={t('wizard.steps.network.securityWpa2')} defaultSelectedOptions={['wpa2']}>
          <Option value="open">{t('wizard.steps.network.securityOpen')}</Option>
          <Option value="wpa2">{t('wizard.steps.network.securityWpa2')}</Option>
        </Dropdown>
      </Field>
      <Field label={t('wizard.steps.network.key')}>
        <Input type="password" autoComplete="off" />
      </Field>
    </div>
  );
}
