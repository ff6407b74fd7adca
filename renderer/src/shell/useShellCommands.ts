import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createProjectDraft } from '../state/app-state';
import { useProjectActions } from '../pages/project-actions';
import { useAppDispatch } from '../state/store';

export interface ShellCommands {
  newProject(): void;
  openProject(): Promise<void>;
  openPackage(): Promise<void>;
  showAbout(): void;
  goHome(): void;
  /** The advanced editor over the current project document. */
  showAdvanced(): void;
}

/** The shell's top-level commands, shared by the start page, the header and the native menu. */
export function useShellCommands(): ShellCommands {
  const dispatch = useAppDispatch();
  const { t } = useTranslation();
  const projectActions = useProjectActions();

  return useMemo(
    () => ({
      newProject: () =>
        dispatch({ type: 'newProject', project: createProjectDraft(t('project.defaultName')) }),
      openProject: () => projectActions.openProject(),
      openPackage: () => projectActions.openPackage(),
      showAdvanced: () => dispatch({ type: 'showPage', page: { kind: 'advanced' } }),
      showAbout: () => dispatch({ type: 'setAboutOpen', open: true }),
      goHome: () => dispatch({ type: 'showStart' }),
    }),
    [dispatch, projectActions, t],
  );
}
