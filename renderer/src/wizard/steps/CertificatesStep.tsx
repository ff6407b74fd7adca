import { Button, Text } from '@fluentui/react-components';
import { AddRegular, CertificateRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useStepStyles } from './step-styles';

export function CertificatesStep() {
  const styles = useStepStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.empty}>
      <CertificateRegular fontSize={32} aria-hidden="true" />
      <Text>{t('wizard.steps.certificates.empty')}</Text>
      <Button icon={<AddRegular />}>{t('wizard.steps.certificates.add')}</Button>
    </div>
  );
}
