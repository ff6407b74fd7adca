import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppState } from '../state/store';

export function ErrorBar() {
  const { t } = useTranslation();
  const { error } = useAppState();
  const dispatch = useAppDispatch();
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('errors.title')}</MessageBarTitle>
        {error}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label={t('errors.dismiss')}
            icon={<DismissRegular />}
            onClick={() => dispatch({ type: 'dismissError' })}
          />
        }
      />
    </MessageBar>
  );
}
