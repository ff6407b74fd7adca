import {
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { SecretInput } from '../SecretInput';
import {
  readAccounts,
  USERS_COLLECTION,
  writeAccounts,
  type AccountMode,
  type AccountsForm,
} from '../../state/wizard-document';
import { useEditDocument, useUpdateWizardUi, useWizardUi } from '../use-wizard';
import { useWizardForm } from '../use-wizard-form';
import { WizardField } from '../WizardField';
import { useStepStyles } from './step-styles';

const modes: AccountMode[] = ['local', 'domain', 'entra', 'none'];

export function AccountsStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const ui = useWizardUi();
  const edit = useEditDocument();
  const updateUi = useUpdateWizardUi();
  const [form, update] = useWizardForm((doc) => readAccounts(doc, ui.accountMode), writeAccounts);
  const user = `${USERS_COLLECTION}/User[${form.userName}]`;

  return (
    <div className={styles.form}>
      <Field label={t('wizard.accounts.mode')}>
        <RadioGroup
          value={form.mode}
          onChange={(_event, data) => {
            const mode = data.value as AccountMode;
            updateUi({ accountMode: mode });
            edit((draft) => writeAccounts(draft, { ...readAccounts(draft, mode), mode }));
          }}
        >
          {modes.map((mode) => (
            <Radio key={mode} value={mode} label={t(`wizard.accounts.modes.${mode}`)} />
          ))}
        </RadioGroup>
      </Field>
      {form.mode === 'local' ? (
        <>
          <div className={styles.row}>
            <WizardField
              path={form.userName ? user : `${USERS_COLLECTION}/User`}
              label={t('wizard.accounts.userName')}
              required
            >
              <Input value={form.userName} onChange={(_event, data) => update({ userName: data.value })} />
            </WizardField>
            <Field label={t('wizard.accounts.group')}>
              <Dropdown
                value={t(
                  form.group === 'Administrators'
                    ? 'wizard.accounts.administrators'
                    : 'wizard.accounts.standardUsers',
                )}
                selectedOptions={[form.group]}
                onOptionSelect={(_event, data) =>
                  update({ group: data.optionValue as AccountsForm['group'] })
                }
              >
                <Option value="Administrators">{t('wizard.accounts.administrators')}</Option>
                <Option value="Standard Users">{t('wizard.accounts.standardUsers')}</Option>
              </Dropdown>
            </Field>
          </div>
          <WizardField
            path={`${user}/Password`}
            label={t('wizard.accounts.password')}
            hint={t('wizard.accounts.passwordHint')}
            required
          >
            <SecretInput value={form.password} onChange={(value) => update({ password: value })} />
          </WizardField>
        </>
      ) : null}
      {form.mode === 'domain' ? (
        <>
          <WizardField
            path="Accounts/ComputerAccount/DomainName"
            label={t('wizard.accounts.domain')}
            required
          >
            <Input
              value={form.domain}
              placeholder="contoso.com"
              onChange={(_event, data) => update({ domain: data.value })}
            />
          </WizardField>
          <div className={styles.row}>
            <WizardField
              path="Accounts/ComputerAccount/Account"
              label={t('wizard.accounts.joinAccount')}
              hint={t('wizard.accounts.joinAccountHint')}
              required
            >
              <Input
                value={form.joinAccount}
                placeholder="CONTOSO\\joiner"
                onChange={(_event, data) => update({ joinAccount: data.value })}
              />
            </WizardField>
            <WizardField
              path="Accounts/ComputerAccount/Password"
              label={t('wizard.accounts.password')}
              required
            >
              <SecretInput value={form.joinPassword} onChange={(value) => update({ joinPassword: value })} />
            </WizardField>
          </div>
          <Field
            label={t('wizard.accounts.organizationalUnit')}
            hint={t('wizard.accounts.organizationalUnitHint')}
          >
            <Input
              value={form.organizationalUnit}
              placeholder="OU=Devices,DC=contoso,DC=com"
              onChange={(_event, data) => update({ organizationalUnit: data.value })}
            />
          </Field>
        </>
      ) : null}
      {form.mode === 'entra' ? (
        <>
          <MessageBar intent="info">
            <MessageBarBody>{t('wizard.accounts.entraExplanation')}</MessageBarBody>
          </MessageBar>
          <WizardField
            path="Accounts/Azure/BPRT"
            label={t('wizard.accounts.bulkToken')}
            hint={t('wizard.accounts.bulkTokenHint')}
            required
          >
            <SecretInput value={form.bulkToken} onChange={(value) => update({ bulkToken: value })} />
          </WizardField>
          <WizardField path="Accounts/Azure/Authority" label={t('wizard.accounts.authority')} required>
            <Input
              value={form.authority}
              placeholder="https://login.microsoftonline.com/common"
              onChange={(_event, data) => update({ authority: data.value })}
            />
          </WizardField>
        </>
      ) : null}
    </div>
  );
}
