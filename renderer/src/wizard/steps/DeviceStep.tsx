import { Field, Input, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEVICE_NAME_PATHS, readDevice, writeDevice, type DeviceForm } from '../../state/wizard-document';
import { useEditDocument, useFieldValidation, useWizardDocument } from '../use-wizard';
import { SecretInput } from '../SecretInput';
import { useStepStyles } from './step-styles';

export function DeviceStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const doc = useWizardDocument();
  const edit = useEditDocument();
  const form = readDevice(doc);
  const update = (patch: Partial<DeviceForm>) =>
    edit((draft) => writeDevice(draft, { ...readDevice(draft), ...patch }));
  const nameValidation = useFieldValidation(DEVICE_NAME_PATHS[form.target]);
  const keyValidation = useFieldValidation('EditionUpgrade/UpgradeEditionWithProductKey');

  return (
    <div className={styles.form}>
      <Field
        label={t('wizard.device.deviceName')}
        hint={t('wizard.device.deviceNameHint')}
        required
        {...nameValidation}
      >
        <Input
          value={form.deviceName}
          placeholder="CONTOSO-%SERIAL%"
          onChange={(_event, data) => update({ deviceName: data.value })}
          data-testid="device-name"
        />
      </Field>
      <Field label={t('wizard.device.target')} hint={t('wizard.device.targetHint')}>
        <RadioGroup
          value={form.target}
          onChange={(_event, data) => update({ target: data.value as DeviceForm['target'] })}
        >
          <Radio value="dnsComputerName" label={t('wizard.device.targetModern')} />
          <Radio value="computerName" label={t('wizard.device.targetLegacy')} />
        </RadioGroup>
      </Field>
      <Field
        label={t('wizard.device.productKey')}
        hint={t('wizard.device.productKeyHint')}
        {...keyValidation}
      >
        <SecretInput
          value={form.productKey}
          placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
          onChange={(productKey) => update({ productKey })}
        />
      </Field>
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
