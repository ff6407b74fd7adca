import { Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { SECRET_MASK } from '../../../shared/model/settings-edit';

/**
 * Every secret field of the wizard (passwords, Wi-Fi keys, bulk tokens, enrollment secrets, product keys):
 * masked, and never offered to the browser's autocomplete. Placed inside a Fluent `Field`, it picks up the
 * label and validation.
 */
export function SecretInput({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  // A saved project's `********` is a missing secret, not a value (issue #10): show an empty field asking for it.
  const masked = value === SECRET_MASK;
  return (
    <Input
      type="password"
      autoComplete="off"
      value={masked ? '' : value}
      placeholder={masked ? t('packageSecurity.secretMasked') : placeholder}
      onChange={(_event, data) => onChange(data.value)}
    />
  );
}
