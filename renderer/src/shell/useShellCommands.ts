import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createProjectDraft, type OpenedFile } from '../state/app-state';
import { useAppDispatch } from '../state/store';

export interface ShellCommands {
  newProject(): void;
  openProject(): Promise<void>;
  openPackage(): Promise<void>;
  showAbout(): void;
  goHome(): void;
}

/** The shell's top-level commands, shared by the start page, the header and the native menu. */
export function useShellCommands(): ShellCommands {
  const dispatch = useAppDispatch();
  const { t } = useTranslation();

  const openFile = useCallback(
    async (kind: OpenedFile['kind']) => {
      try {
        const picked =
          kind === 'project'
            ? await window.ppkg.dialog.openProject()
            : await window.ppkg.dialog.openPackage();
        if (!picked) return;
        // Base64 for a package (binary); the placeholder page only needs the size for now.
        const read = await window.ppkg.file.read({
          path: picked.path,
          encoding: kind === 'project' ? 'utf8' : 'base64',
        });
        dispatch({
          type: 'fileOpened',
          file: { kind, name: picked.name, path: picked.path, size: read.size },
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        dispatch({ type: 'showError', message: t('errors.openFailed', { message }) });
      }
    },
    [dispatch, t],
  );

  return useMemo(
    () => ({
      newProject: () =>
        dispatch({ type: 'newProject', project: createProjectDraft(t('project.defaultName')) }),
      openProject: () => openFile('project'),
      openPackage: () => openFile('package'),
      showAbout: () => dispatch({ type: 'setAboutOpen', open: true }),
      goHome: () => dispatch({ type: 'showStart' }),
    }),
    [dispatch, openFile, t],
  );
}
