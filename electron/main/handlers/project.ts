import { basename, dirname, join } from 'node:path';
import type { IpcHandlers } from '../../../shared/ipc/contract';
import { keepSecrets, restoreSecrets } from '../../../shared/node/package-security/secrets-at-rest';
import { findOtherProjectInFolder, openProjectForEditing, saveProjectForEditing } from '../project-files';
import type { HandlerContext } from './context';

type ProjectHandlers = Pick<
  IpcHandlers,
  'project:open' | 'project:save' | 'project:recent' | 'project:forgetRecent'
>;

/** Open and save WCD projects; main keeps the recent list, so reopening one is its own grant. */
export function projectHandlers(context: HandlerContext): ProjectHandlers {
  const { host, grants, recent } = context;
  return {
    'project:open': async ({ path }) => {
      if (!grants.canRead(path) && !(await recent.has(path))) grants.requireRead('project:open', path);
      const opened = await openProjectForEditing(path);
      // Secrets saved masked come back from the keychain side file, when it opens here (package-security).
      const secrets = await restoreSecrets(
        host.keychain,
        opened.folder,
        opened.projectFile,
        opened.customizations,
      );
      await recent.remember(path, opened.customizations.packageConfig.name || basename(path));
      return { ...opened, restoredSecrets: secrets.restored, missingSecrets: secrets.missing };
    },
    'project:save': async (request) => {
      grants.requireWrite('project:save', request.path);
      // The dispatcher has parsed it with the model's schema; the contract types it loosely.
      const customizations = request.customizations;
      const other = await findOtherProjectInFolder(dirname(request.path), customizations.packageConfig.id);
      if (other !== null) {
        const text = context.strings().overwrite;
        const replace = await host.confirm({
          title: text.title,
          message: text.message.replace('{name}', other),
          detail: text.detail,
          confirmLabel: text.replace,
          cancelLabel: text.cancel,
        });
        if (!replace) return null;
      }
      const saved = await saveProjectForEditing({ ...request, customizations });
      const projectPath = join(saved.folder, saved.projectFile);
      // What was just written may be reopened (project:open) and read back.
      grants.grantRead(projectPath);
      await recent.remember(projectPath, customizations.packageConfig.name || saved.projectFile);
      // The export for WCD holds the secrets in plain text itself; an ordinary save keeps them in the keychain.
      if (request.includeSecrets) return saved;
      const kept = await keepSecrets(host.keychain, saved.folder, saved.projectFile, customizations);
      return { ...saved, secretsKept: kept };
    },
    'project:recent': () => recent.all(),
    'project:forgetRecent': ({ path }) => recent.forget(path),
  };
}
