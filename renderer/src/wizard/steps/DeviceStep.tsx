import { Field, Input, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEVICE_NAME_PATHS, readDevice, writeDevice, type DeviceForm } from '../../state/wizard-document';
import { useWizardForm } from '../use-wizard-form';
import { WizardField } from '../WizardField';
import { SecretInput } from '../SecretInput';
import { useStepStyles } from './step-styles';

export function DeviceStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const [form, update] = useWizardForm(readDevice, writeDevice);

  return (
    <div className={styles.form}>
      <WizardField
        path={DEVICE_NAME_PATHS[form.target]}
        label={t('wizard.device.deviceName')}
        hint={t('wizard.device.deviceNameHint')}
        required
      >
        <Input
          value={form.deviceName}
          placeholder="CONTOSO-%SERIAL%"
          onChange={(_event, data) => update({ deviceName: data.value })}
          data-testid="device-name"
        />
      </WizardField>
      <Field label={t('wizard.device.target')} hint={t('wizard.device.targetHint')}>
        <RadioGroup
          value={form.target}
          onChange={(_event, data) => update({ target: data.value as DeviceForm['target'] })}
        >
          <Radio value="dnsComputerName" label={t('wizard.device.targetModern')} />
          <Radio value="computerName" label={t('wizard.device.targetLegacy')} />
        </RadioGroup>
      </Field>
      <WizardField
        path="EditionUpgrade/UpgradeEditionWithProductKey"
        label={t('wizard.device.productKey')}
        hint={t('wizard.device.productKeyHint')}
      >
        <SecretInput
          value={form.productKey}
          placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
          onChange={(productKey) => update({ productKey })}
        />
      </WizardField>
      <div className={styles.switches}>
        <Switch
          label={t('wizard.device.sharedUse')}
          checked={form.sharedUse}
          onChange={(_event, data) => update({ sharedUse: data.checked })}
        />
        <Switch
          label={t('wizard.device.removePreinstalled')}
          checked={form.removePreinstalled}
          onChange={(_event, data) => update({ removePreinstalled: data.checked })}
        />
      </div>
    </div>
  );
}
