import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DismissAction } from './DismissAction';
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
      <DismissAction onDismiss={() => dispatch({ type: 'dismissError' })} />
    </MessageBar>
  );
}
