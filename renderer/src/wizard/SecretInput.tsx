import { Input } from '@fluentui/react-components';

/**
 * Every secret field of the wizard (passwords, Wi-Fi keys, bulk tokens, enrollment secrets): masked, and never
 * offered to the browser's autocomplete. Placed inside a Fluent `Field`, it picks up the label and validation.
 */
export function SecretInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <Input
      type="password"
      autoComplete="off"
      value={value}
      onChange={(_event, data) => onChange(data.value)}
    />
  );
}
