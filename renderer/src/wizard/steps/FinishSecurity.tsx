import {
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular, DocumentKeyRegular, ShieldLockRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageSecurityRequest } from '../../../../shared/ipc/contract';
import { SecretInput } from '../SecretInput';

/**
 * The Finish page's "Package security" (issue #13): sign the .cat with a PFX (or, on Windows, a certificate
 * from the user's store) and encrypt the package with a generated or own password. Passwords live in this
 * component's state only: they go to main with the build request and are never saved.
 */

export interface SecurityChoice {
  sign: boolean;
  source: 'pfx' | 'store';
  pfx: { path: string; name: string } | null;
  pfxPassword: string;
  storeThumbprint: string;
  timestampUrl: string;
  encrypt: boolean;
  passwordMode: 'generate' | 'own';
  ownPassword: string;
}

export const initialSecurityChoice: SecurityChoice = {
  sign: false,
  source: 'pfx',
  pfx: null,
  pfxPassword: '',
  storeThumbprint: '',
  timestampUrl: '',
  encrypt: false,
  passwordMode: 'generate',
  ownPassword: '',
};

/** The build request, or the key of the message saying what is still missing. */
type SecurityProblem = 'wizard.finish.security.needPfx' | 'wizard.finish.security.needPassword';

export function securityRequest(
  choice: SecurityChoice,
): { request: PackageSecurityRequest } | { problem: SecurityProblem } {
  const request: PackageSecurityRequest = {};
  if (choice.sign) {
    if (choice.source === 'store' && choice.storeThumbprint)
      request.sign = { storeThumbprint: choice.storeThumbprint };
    else if (choice.source === 'pfx' && choice.pfx)
      request.sign = { pfxPath: choice.pfx.path, password: choice.pfxPassword };
    else return { problem: 'wizard.finish.security.needPfx' };
    if (choice.timestampUrl.trim()) request.timestampUrl = choice.timestampUrl.trim();
  }
  if (choice.encrypt) {
    if (choice.passwordMode === 'own' && !choice.ownPassword)
      return { problem: 'wizard.finish.security.needPassword' };
    request.encrypt = { password: choice.passwordMode === 'own' ? choice.ownPassword : null };
  }
  return { request };
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  password: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    letterSpacing: '0.05em',
  },
});

interface StoreCertificate {
  thumbprint: string;
  subject: string;
  notAfter: string;
}

export function FinishSecurity({
  choice,
  onChange,
}: {
  choice: SecurityChoice;
  onChange: (next: SecurityChoice) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [store, setStore] = useState<StoreCertificate[]>([]);
  const set = (patch: Partial<SecurityChoice>) => onChange({ ...choice, ...patch });

  useEffect(() => {
    let live = true;
    window.ppkg.package
      .listSigningCertificates()
      .then((list) => live && setStore(list))
      .catch(() => live && setStore([]));
    return () => {
      live = false;
    };
  }, []);

  const choosePfx = async () => {
    const picked = await window.ppkg.dialog.openAsset({ kind: 'pfx' });
    if (picked) set({ pfx: { path: picked.path, name: picked.name } });
  };

  return (
    <section className={styles.section} aria-labelledby="security-title" data-testid="package-security">
      <Subtitle2 as="h3" id="security-title">
        {t('wizard.finish.security.title')}
      </Subtitle2>
      <Caption1>{t('wizard.finish.security.catalogNote')}</Caption1>

      <Checkbox
        checked={choice.sign}
        label={t('wizard.finish.security.sign')}
        onChange={(_event, data) => set({ sign: data.checked === true })}
      />
      {choice.sign ? (
        <div className={styles.group}>
          <Caption1>{t('wizard.finish.security.signHint')}</Caption1>
          {store.length > 0 ? (
            <Field label={t('wizard.finish.security.source')}>
              <RadioGroup
                layout="horizontal"
                value={choice.source}
                onChange={(_event, data) => set({ source: data.value as SecurityChoice['source'] })}
              >
                <Radio value="pfx" label={t('wizard.finish.security.sourcePfx')} />
                <Radio value="store" label={t('wizard.finish.security.sourceStore')} />
              </RadioGroup>
            </Field>
          ) : null}
          {choice.source === 'store' && store.length > 0 ? (
            <Field
              label={t('wizard.finish.security.storeCertificate')}
              hint={t('wizard.finish.security.storeHint')}
            >
              <Dropdown
                value={store.find((item) => item.thumbprint === choice.storeThumbprint)?.subject ?? ''}
                selectedOptions={[choice.storeThumbprint]}
                onOptionSelect={(_event, data) => set({ storeThumbprint: data.optionValue ?? '' })}
              >
                {store.map((item) => (
                  <Option key={item.thumbprint} value={item.thumbprint} text={item.subject}>
                    {item.subject}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          ) : (
            <>
              <div className={styles.row}>
                <Button icon={<DocumentKeyRegular />} onClick={() => void choosePfx()}>
                  {t('wizard.finish.security.choosePfx')}
                </Button>
                <Caption1 data-testid="pfx-name">
                  {choice.pfx?.name ?? t('wizard.finish.security.noPfx')}
                </Caption1>
              </div>
              <Field
                label={t('wizard.finish.security.pfxPassword')}
                hint={t('wizard.finish.security.pfxPasswordHint')}
              >
                <SecretInput value={choice.pfxPassword} onChange={(pfxPassword) => set({ pfxPassword })} />
              </Field>
            </>
          )}
          <Field
            label={t('wizard.finish.security.timestampUrl')}
            hint={t('wizard.finish.security.timestampHint')}
          >
            <Input
              type="url"
              value={choice.timestampUrl}
              onChange={(_event, data) => set({ timestampUrl: data.value })}
            />
          </Field>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('wizard.finish.security.trustTitle')}</MessageBarTitle>
              {t('wizard.finish.security.trust')}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}

      <Checkbox
        checked={choice.encrypt}
        label={t('wizard.finish.security.encrypt')}
        onChange={(_event, data) => set({ encrypt: data.checked === true })}
      />
      {choice.encrypt ? (
        <div className={styles.group}>
          <Caption1>{t('wizard.finish.security.encryptHint')}</Caption1>
          <MessageBar intent="warning" layout="multiline" data-testid="encryption-derived">
            <MessageBarBody>{t('wizard.finish.security.derived')}</MessageBarBody>
          </MessageBar>
          <Field label={t('wizard.finish.security.passwordMode')}>
            <RadioGroup
              value={choice.passwordMode}
              onChange={(_event, data) => set({ passwordMode: data.value as SecurityChoice['passwordMode'] })}
            >
              <Radio value="generate" label={t('wizard.finish.security.generate')} />
              <Radio value="own" label={t('wizard.finish.security.own')} />
            </RadioGroup>
          </Field>
          {choice.passwordMode === 'own' ? (
            <Field
              label={t('wizard.finish.security.ownPassword')}
              hint={t('wizard.finish.security.ownPasswordHint')}
            >
              <SecretInput value={choice.ownPassword} onChange={(ownPassword) => set({ ownPassword })} />
            </Field>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The generated package password, shown once after the build (it lives only in the page's state). */
export function GeneratedPassword({ password }: { password: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="generated-password">
      <MessageBarBody>
        <MessageBarTitle>
          <ShieldLockRegular /> {t('wizard.finish.security.generatedTitle')}
        </MessageBarTitle>
        <div className={styles.row}>
          <span className={styles.password} data-testid="generated-password-value">
            {password}
          </span>
          <Button
            size="small"
            icon={<CopyRegular />}
            onClick={() => void navigator.clipboard?.writeText(password).catch(() => undefined)}
          >
            {t('wizard.finish.security.copy')}
          </Button>
        </div>
        {t('wizard.finish.security.generatedBody')}
      </MessageBarBody>
    </MessageBar>
  );
}
