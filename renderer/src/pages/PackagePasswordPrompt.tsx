import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretInput } from '../wizard/SecretInput';

/** Main's messages for an encrypted package opened without / with a wrong password (package-security). */
export const isPasswordFailure = (message: string): boolean => /may be encrypted|MAC mismatch/.test(message);

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '420px' },
});

/** Asks for an encrypted package's password; it goes to main once and is not kept. */
export function PackagePasswordPrompt({
  wrong,
  onSubmit,
}: {
  wrong: boolean;
  onSubmit: (password: string) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  return (
    <form
      className={styles.form}
      data-testid="package-password"
      onSubmit={(event) => {
        event.preventDefault();
        if (password) onSubmit(password);
      }}
    >
      <MessageBar intent={wrong ? 'error' : 'info'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            <LockClosedRegular /> {t('packageSecurity.encryptedTitle')}
          </MessageBarTitle>
          {wrong ? t('packageSecurity.wrongPassword') : null}
        </MessageBarBody>
      </MessageBar>
      <Field label={t('packageSecurity.passwordLabel')}>
        <SecretInput value={password} onChange={setPassword} />
      </Field>
      <div>
        <Button appearance="primary" type="submit" disabled={!password}>
          {t('packageSecurity.open')}
        </Button>
      </div>
    </form>
  );
}
