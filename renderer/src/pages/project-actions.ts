import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppState } from '../state/store';
import { errorMessage } from '../../../shared/text/error-message';

export interface ProjectActions {
  /** Opens a project picked in a dialog, or `path` (a recent project), and shows it in the wizard. */
  openProject(path?: string, page?: 'wizard' | 'advanced'): Promise<void>;
  /** Picks a .ppkg and shows the package page. */
  openPackage(): Promise<void>;
  /**
   * Saves the project folder. Secrets are masked unless `includeSecrets` (the explicit WCD export,
   * confirmed by the user first). Returns the saved project file path, or null when cancelled/failed.
   */
  saveProject(includeSecrets: boolean): Promise<string | null>;
}

export function useProjectActions(): ProjectActions {
  const dispatch = useAppDispatch();
  const { document } = useAppState();
  const { t } = useTranslation();

  const openProject = useCallback(
    async (recentPath?: string, page: 'wizard' | 'advanced' = 'wizard') => {
      try {
        let path = recentPath;
        if (path === undefined) {
          const picked = await window.ppkg.dialog.openProject();
          if (!picked) return;
          path = picked.path;
        }
        const opened = await window.ppkg.project.open({ path });
        dispatch({
          type: 'loadProject',
          page,
          document: {
            customizations: opened.customizations,
            icdProject: opened.project,
            path: opened.path,
          },
        });
      } catch (error) {
        // A recent project that moved or was deleted leaves the list (main keeps it).
        if (recentPath !== undefined)
          await window.ppkg.project.forgetRecent({ path: recentPath }).catch(() => []);
        dispatch({ type: 'showError', message: t('errors.openFailed', { message: errorMessage(error) }) });
      }
    },
    [dispatch, t],
  );

  const openPackage = useCallback(async () => {
    try {
      const picked = await window.ppkg.dialog.openPackage();
      if (picked) dispatch({ type: 'showPage', page: { kind: 'package', path: picked.path } });
    } catch (error) {
      dispatch({ type: 'showError', message: t('errors.openFailed', { message: errorMessage(error) }) });
    }
  }, [dispatch, t]);

  const saveProject = useCallback(
    async (includeSecrets: boolean) => {
      if (!document) return null;
      try {
        const name = document.customizations.packageConfig.name || t('project.defaultName');
        const picked = await window.ppkg.dialog.saveFile({
          kind: 'project',
          suggestedName: `${name}.icdproj.xml`,
        });
        if (!picked) return null;
        // Null when the folder holds another project and the user chose not to replace it.
        const saved = await window.ppkg.project.save({
          path: picked.path,
          project: document.icdProject,
          customizations: document.customizations,
          includeSecrets,
        });
        if (!saved) return null;
        const projectPath = `${saved.folder}/${saved.projectFile}`.replace(/\\/g, '/');
        dispatch({ type: 'projectSaved', path: picked.path });
        return projectPath;
      } catch (error) {
        dispatch({ type: 'showError', message: t('pages.save.failed', { message: errorMessage(error) }) });
        return null;
      }
    },
    [dispatch, document, t],
  );

  return useMemo(() => ({ openProject, openPackage, saveProject }), [openProject, openPackage, saveProject]);
}
