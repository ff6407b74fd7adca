import { Field, type FieldProps } from '@fluentui/react-components';
import { useFieldValidation } from './use-wizard';

/**
 * A Fluent Field that shows the wizard's issues for the setting at `path` (its validation message and state);
 * `prefix` also takes the issues of the settings below it.
 */
export function WizardField({ path, prefix, ...props }: FieldProps & { path: string; prefix?: boolean }) {
  const validation = useFieldValidation(path, prefix === undefined ? {} : { prefix });
  return <Field {...props} {...validation} />;
}
