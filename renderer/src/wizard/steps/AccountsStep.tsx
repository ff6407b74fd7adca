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
import {
  useEditDocument,
  useFieldValidation,
  useUpdateWizardUi,
  useWizardDocument,
  useWizardUi,
} from '../use-wizard';
import { useStepStyles } from './step-styles';

const modes: AccountMode[] = ['local', 'domain', 'entra', 'none'];

export function AccountsStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const doc = useWizardDocument();
  const ui = useWizardUi();
  const edit = useEditDocument();
  const updateUi = useUpdateWizardUi();
  const form = readAccounts(doc, ui.accountMode);
  const update = (patch: Partial<AccountsForm>) =>
    edit((draft) => writeAccounts(draft, { ...readAccounts(draft, ui.accountMode), ...patch }));
  const user = `${USERS_COLLECTION}/User[${form.userName}]`;
  const userValidation = useFieldValidation(form.userName ? user : `${USERS_COLLECTION}/User`);
  const passwordValidation = useFieldValidation(`${user}/Password`);
  const domainValidation = useFieldValidation('Accounts/ComputerAccount/DomainName');
  const joinAccountValidation = useFieldValidation('Accounts/ComputerAccount/Account');
  const joinPasswordValidation = useFieldValidation('Accounts/ComputerAccount/Password');
  const authorityValidation = useFieldValidation('Accounts/Azure/Authority');
  const tokenValidation = useFieldValidation('Accounts/Azure/BPRT');

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
            <Field label={t('wizard.accounts.userName')} required {...userValidation}>
              <Input value={form.userName} onChange={(_event, data) => update({ userName: data.value })} />
            </Field>
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
          <Field
            label={t('wizard.accounts.password')}
            hint={t('wizard.accounts.passwordHint')}
            required
            {...passwordValidation}
          >
            <SecretInput value={form.password} onChange={(value) => update({ password: value })} />
          </Field>
        </>
      ) : null}
      {form.mode === 'domain' ? (
        <>
          <Field label={t('wizard.accounts.domain')} required {...domainValidation}>
            <Input
              value={form.domain}
              placeholder="contoso.com"
              onChange={(_event, data) => update({ domain: data.value })}
            />
          </Field>
          <div className={styles.row}>
            <Field
              label={t('wizard.accounts.joinAccount')}
              hint={t('wizard.accounts.joinAccountHint')}
              required
              {...joinAccountValidation}
            >
              <Input
                value={form.joinAccount}
                placeholder="CONTOSO\\joiner"
                onChange={(_event, data) => update({ joinAccount: data.value })}
              />
            </Field>
            <Field label={t('wizard.accounts.password')} required {...joinPasswordValidation}>
              <SecretInput value={form.joinPassword} onChange={(value) => update({ joinPassword: value })} />
            </Field>
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
          <Field
            label={t('wizard.accounts.bulkToken')}
            hint={t('wizard.accounts.bulkTokenHint')}
            required
            {...tokenValidation}
          >
            <SecretInput value={form.bulkToken} onChange={(value) => update({ bulkToken: value })} />
          </Field>
          <Field label={t('wizard.accounts.authority')} required {...authorityValidation}>
            <Input
              value={form.authority}
              placeholder="https://login.microsoftonline.com/common"
              onChange={(_event, data) => update({ authority: data.value })}
            />
          </Field>
        </>
      ) : null}
    </div>
  );
}
