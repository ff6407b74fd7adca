import { Button, Text } from '@fluentui/react-components';
import { AddRegular, AppsRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useStepStyles } from './step-styles';

export function ApplicationsStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.empty}>
      <AppsRegular fontSize={32} aria-hidden="true" />
      <Text>{t('wizard.steps.applications.empty')}</Text>
      <Button icon={<AddRegular />}>{t('wizard.steps.applications.add')}</Button>
    </div>
  );
}
