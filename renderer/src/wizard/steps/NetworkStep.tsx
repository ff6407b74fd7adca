import { Checkbox, Dropdown, Field, Input, Option, Switch } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { SecretInput } from '../SecretInput';
import {
  readWifi,
  WLAN_COLLECTION,
  wifiItemPath,
  writeWifi,
  type WifiForm,
  type WifiSecurity,
} from '../../state/wizard-document';
import { useEditDocument, useWizardDocument } from '../use-wizard';
import { WizardField } from '../WizardField';
import { useStepStyles } from './step-styles';

const securityTypes: WifiSecurity[] = ['WPA2-Personal', 'WEP', 'Open'];
const NEW_NETWORK: WifiForm = {
  ssid: '',
  securityType: 'WPA2-Personal',
  key: '',
  hidden: false,
  autoConnect: true,
};

export function NetworkStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const doc = useWizardDocument();
  const edit = useEditDocument();
  const wifi = readWifi(doc);
  const update = (patch: Partial<WifiForm>) =>
    edit((draft) => writeWifi(draft, { ...(readWifi(draft) ?? NEW_NETWORK), ...patch }));
  const itemPath = wifiItemPath(wifi?.ssid ?? '');
  const typeLabel = (type: WifiSecurity) => t(`wizard.network.security.${type}`);

  return (
    <div className={styles.form}>
      <Switch
        label={t('wizard.network.connect')}
        checked={wifi !== null}
        onChange={(_event, data) => edit((draft) => writeWifi(draft, data.checked ? NEW_NETWORK : null))}
      />
      {wifi ? (
        <>
          <WizardField
            path={wifi.ssid ? itemPath : `${WLAN_COLLECTION}/WLANConfig`}
            label={t('wizard.network.ssid')}
            required
          >
            <Input value={wifi.ssid} onChange={(_event, data) => update({ ssid: data.value })} />
          </WizardField>
          <Field label={t('wizard.network.securityType')}>
            <Dropdown
              value={typeLabel(wifi.securityType)}
              selectedOptions={[wifi.securityType]}
              onOptionSelect={(_event, data) => update({ securityType: data.optionValue as WifiSecurity })}
            >
              {securityTypes.map((type) => (
                <Option key={type} value={type}>
                  {typeLabel(type)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {wifi.securityType !== 'Open' ? (
            <WizardField
              path={`${itemPath}/WLANXmlSettings/SecurityKey`}
              label={t('wizard.network.key')}
              hint={t('wizard.network.keyHint')}
              required
            >
              <SecretInput value={wifi.key} onChange={(value) => update({ key: value })} />
            </WizardField>
          ) : null}
          <div className={styles.switches}>
            <Checkbox
              label={t('wizard.network.autoConnect')}
              checked={wifi.autoConnect}
              onChange={(_event, data) => update({ autoConnect: data.checked === true })}
            />
            <Checkbox
              label={t('wizard.network.hidden')}
              checked={wifi.hidden}
              onChange={(_event, data) => update({ hidden: data.checked === true })}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
