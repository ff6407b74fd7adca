import { Dropdown, Field, Input, Option, SpinButton } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../state/store';
import { useStepStyles } from './step-styles';

export function FinishStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  const { project } = useAppState();
  return (
    <div className={styles.form}>
      <Field label={t('wizard.steps.finish.packageName')}>
        <Input defaultValue={project?.name ?? ''} />
      </Field>
      <Field label={t('wizard.steps.finish.version')}>
        <Input defaultValue="1.0" />
      </Field>
      <Field label={t('wizard.steps.finish.ownerType')}>
        <Dropdown defaultValue={t('wizard.steps.finish.ownerOem')} defaultSelectedOptions={['OEM']}>
          <Option value="ITAdmin">{t('wizard.steps.finish.ownerItAdmin')}</Option>
          <Option value="OEM">{t('wizard.steps.finish.ownerOem')}</Option>
        </Dropdown>
      </Field>
      <Field label={t('wizard.steps.finish.rank')}>
        <SpinButton defaultValue={0} min={0} max={99} />
      </Field>
    </div>
  );
}
