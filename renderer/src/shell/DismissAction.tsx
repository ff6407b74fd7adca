import { Button, MessageBarActions } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

/** The close button of a shell message bar. */
export function DismissAction({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <MessageBarActions
      containerAction={
        <Button
          appearance="transparent"
          aria-label={t('errors.dismiss')}
          icon={<DismissRegular />}
          onClick={onDismiss}
        />
      }
    />
  );
}
