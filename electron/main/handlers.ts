import { basename } from 'node:path';
import { APP_NAME } from '../../shared/version';
import type { FileEncoding, FileKind, IpcHandlers, Language } from '../../shared/ipc/contract';
import type { DialogFileFilter, Host } from '../../shared/host';
import { DriveError } from '../../shared/drives/errors';
import type { CopyProgress } from '../../shared/drives/types';
import { inspectSecuredPackage, openProjectForEditing, saveProjectForEditing } from './project-files';
import { languageForLocale, mainStrings } from './strings';
import { CompileError } from '../../shared/compiler/errors';
import type { AssetKind } from '../../shared/ipc/contract';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { buildWizardPackage, inspectCertificate, resolveBuildSecurity } from './wizard-build';
import { keepSecrets, restoreSecrets } from '../../shared/node/package-security/secrets-at-rest';
import { BatchRunner, prepareBatchPreview } from './batch';
import { checkLearnUrl, useBuiltinStore, useStoreBytes } from './settings-store';

/** A renderer asked for a path the user never chose in a dialog during this session. */
export class PathNotGrantedError extends Error {
  constructor(channel: string, path: string, access: 'read' | 'write') {
    super(`IPC "${channel}": path "${path}" was not chosen by the user for ${access} in this session`);
    this.name = 'PathNotGrantedError';
  }
}

function decode(contents: string, encoding: FileEncoding): Uint8Array {
  return encoding === 'utf8' ? new TextEncoder().encode(contents) : Buffer.from(contents, 'base64');
}

function encode(bytes: Uint8Array, encoding: FileEncoding): string {
  return encoding === 'utf8'
    ? new TextDecoder('utf-8').decode(bytes)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A DriveError's code travels as `[code]` in the message (only the message crosses IPC). */
async function withDriveErrorCode<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DriveError) throw new Error(`[${error.code}] ${error.message}`);
    throw error;
  }
}

/**
 * Main's implementation of every IPC channel, over an OS `Host`. No Electron import, so unit tests and the
 * Playwright bridge run the very same handlers. Arguments arrive validated by the dispatcher.
 *
 * File access is capability based: the renderer may only read paths the user picked in an open or save
 * dialog, and only write paths picked in a save dialog, so a compromised renderer cannot reach other files.
 */
export function createHandlers(host: Host): IpcHandlers {
  let language: Language = languageForLocale(host.info().locale);
  const readable = new Set<string>();
  const writable = new Set<string>();
  let copyProgress: CopyProgress | null = null;
  const batchRunner = new BatchRunner();

  const filtersFor = (kind: FileKind): DialogFileFilter[] => {
    const names = mainStrings(language).filter;
    const own: Record<FileKind, DialogFileFilter> = {
      project: { name: names.project, extensions: ['ppkgproj', 'xml'] },
      package: { name: names.package, extensions: ['ppkg'] },
      xml: { name: names.xml, extensions: ['xml'] },
    };
    return [own[kind], { name: names.all, extensions: ['*'] }];
  };

  const pickToOpen = async (kind: FileKind, title: string) => {
    const path = await host.showOpenDialog({ title, filters: filtersFor(kind) });
    if (path === null) return null;
    readable.add(path);
    return { path, name: basename(path) };
  };

  const saveTitles: Record<FileKind, 'saveProject' | 'savePackage' | 'saveXml'> = {
    project: 'saveProject',
    package: 'savePackage',
    xml: 'saveXml',
  };

  return {
    'app:getInfo': async () => {
      const info = host.info();
      return { name: APP_NAME, version: info.version, locale: info.locale, platform: info.platform };
    },
    'app:setLanguage': async ({ language: next }) => {
      language = next;
      host.languageChanged(next);
      return null;
    },
    'dialog:openProject': () => pickToOpen('project', mainStrings(language).dialog.openProject),
    'dialog:openPackage': () => pickToOpen('package', mainStrings(language).dialog.openPackage),
    'dialog:saveFile': async ({ kind, suggestedName }) => {
      const path = await host.showSaveDialog({
        title: mainStrings(language).dialog[saveTitles[kind]],
        suggestedName: basename(suggestedName),
        filters: filtersFor(kind),
      });
      if (path === null) return null;
      readable.add(path);
      writable.add(path);
      return { path, name: basename(path) };
    },
    'file:read': async ({ path, encoding }) => {
      if (!readable.has(path)) throw new PathNotGrantedError('file:read', path, 'read');
      const bytes = await host.readFile(path);
      return { path, contents: encode(bytes, encoding), size: bytes.byteLength };
    },
    'file:write': async ({ path, contents, encoding }) => {
      if (!writable.has(path)) throw new PathNotGrantedError('file:write', path, 'write');
      const bytes = decode(contents, encoding);
      await host.writeFileAtomic(path, bytes);
      return { path, size: bytes.byteLength };
    },
    'project:open': async ({ path }) => {
      // A recent project (remembered by the renderer across sessions) may be reopened without a dialog,
      // but only WCD project files: the name check keeps this from reading arbitrary paths.
      const name = basename(path).toLowerCase();
      const isProjectFile = name.endsWith('.icdproj.xml') || name === 'customizations.xml';
      if (!readable.has(path) && !isProjectFile) throw new PathNotGrantedError('project:open', path, 'read');
      const opened = await openProjectForEditing(path);
      // Secrets saved masked come back from the keychain side file, when it opens here (package-security).
      const secrets = await restoreSecrets(
        host.keychain,
        opened.folder,
        opened.projectFile,
        opened.customizations,
      );
      return { ...opened, restoredSecrets: secrets.restored, missingSecrets: secrets.missing };
    },
    'project:save': async (request) => {
      if (!writable.has(request.path)) throw new PathNotGrantedError('project:save', request.path, 'write');
      const saved = await saveProjectForEditing(request);
      // The export for WCD holds the secrets in plain text itself; an ordinary save keeps them in the keychain.
      if (request.includeSecrets) return saved;
      const kept = await keepSecrets(host.keychain, saved.folder, saved.projectFile, request.customizations);
      return { ...saved, secretsKept: kept };
    },
    'drives:list': () => withDriveErrorCode(() => host.listRemovableDrives()),
    'drives:copyPackage': async ({ sourcePath, mountPoint }) => {
      if (!readable.has(sourcePath)) throw new PathNotGrantedError('drives:copyPackage', sourcePath, 'read');
      copyProgress = { phase: 'copy', bytesDone: 0, bytesTotal: 0 };
      try {
        return await withDriveErrorCode(() =>
          host.copyPackageToDrive({ sourcePath, mountPoint }, (progress) => {
            copyProgress = progress;
          }),
        );
      } finally {
        copyProgress = null;
      }
    },
    'drives:copyStatus': async () => copyProgress,
    'drives:removeOtherPackages': ({ mountPoint, keep }) =>
      withDriveErrorCode(() => host.removeOtherPackages(mountPoint, keep)),
    'package:inspect': async ({ path, password }) => {
      if (!readable.has(path)) throw new PathNotGrantedError('package:inspect', path, 'read');
      return inspectSecuredPackage(path, password);
    },
    'dialog:openAsset': async ({ kind, extensions }) => {
      const strings = mainStrings(language);
      const assetDialogs: Record<AssetKind, { title: string; filter: DialogFileFilter | null }> = {
        installer: {
          title: strings.wizard.selectInstaller,
          filter: { name: strings.wizard.installers, extensions: ['exe', 'msi', 'ps1', 'bat', 'cmd', 'cab'] },
        },
        dependency: { title: strings.wizard.selectFile, filter: null },
        certificate: {
          title: strings.wizard.selectCertificate,
          filter: { name: strings.wizard.certificates, extensions: ['cer', 'crt', 'pem', 'der'] },
        },
        pfx: {
          title: strings.wizard.selectPfx,
          filter: { name: strings.wizard.pfx, extensions: ['pfx', 'p12'] },
        },
        setting: {
          title: strings.wizard.selectFile,
          filter:
            extensions && extensions.length > 0 ? { name: strings.wizard.allowedFiles, extensions } : null,
        },
      };
      const { title, filter } = assetDialogs[kind];
      const all = { name: strings.filter.all, extensions: ['*'] };
      const path = await host.showOpenDialog({ title, filters: filter ? [filter, all] : [all] });
      if (path === null) return null;
      readable.add(path);
      const size = (await host.readFile(path)).byteLength;
      return { path, name: basename(path), size };
    },
    'cert:inspect': async ({ path }) => {
      if (!readable.has(path)) throw new PathNotGrantedError('cert:inspect', path, 'read');
      const summary = inspectCertificate(await host.readFile(path));
      return summary ? { ok: true, ...summary } : { ok: false, reason: 'not-certificate' };
    },
    'package:build': async ({ document, path, security: securityRequest }) => {
      if (!writable.has(path)) throw new PathNotGrantedError('package:build', path, 'write');
      const security = await resolveBuildSecurity(
        securityRequest,
        async (pfxPath) => {
          if (!readable.has(pfxPath)) throw new PathNotGrantedError('package:build', pfxPath, 'read');
          return host.readFile(pfxPath);
        },
        host.signingCertificates,
      );
      if (!security.ok) return security;
      return buildWizardPackage(
        // The dispatcher has parsed it with CustomizationsDocumentSchema; z.input types the tree as unknown.
        document as CustomizationsDocument,
        path,
        async (assetPath, settingPath) => {
          // Only files the user picked in this session; anything else names the setting that refers to it.
          if (!readable.has(assetPath))
            throw new CompileError(settingPath, 'the file was not picked in this session');
          try {
            return await host.readFile(assetPath);
          } catch {
            throw new CompileError(settingPath, 'the file could not be read');
          }
        },
        security.security,
        security.generatedPassword,
      );
    },
    'package:listSigningCertificates': async () => (await host.signingCertificates?.list()) ?? [],
    'shell:showInFolder': async ({ path }) => {
      if (!writable.has(path)) throw new PathNotGrantedError('shell:showInFolder', path, 'read');
      host.showItemInFolder?.(path);
      return null;
    },
    'batch:pickCsv': async () => {
      const strings = mainStrings(language).batch;
      const all = { name: mainStrings(language).filter.all, extensions: ['*'] };
      const path = await host.showOpenDialog({
        title: strings.csv,
        filters: [{ name: strings.csvFilter, extensions: ['csv', 'txt'] }, all],
      });
      if (path === null) return null;
      readable.add(path);
      return { path, name: basename(path) };
    },
    'batch:pickOutput': async ({ kind }) => {
      const strings = mainStrings(language).batch;
      const path = await host.showSaveDialog({
        title: strings.output,
        suggestedName: kind === 'zip' ? 'packages.zip' : 'packages',
        filters: kind === 'zip' ? [{ name: strings.zipFilter, extensions: ['zip'] }] : [],
      });
      if (path === null) return null;
      writable.add(path);
      return { path, name: basename(path) };
    },
    'batch:prepare': async ({ csvPath, template, mapping }) => {
      if (!readable.has(csvPath)) throw new PathNotGrantedError('batch:prepare', csvPath, 'read');
      return prepareBatchPreview(await host.readFile(csvPath), template, mapping);
    },
    'batch:start': async ({ csvPath, template, mapping, output }) => {
      if (!readable.has(csvPath)) throw new PathNotGrantedError('batch:start', csvPath, 'read');
      if (!writable.has(output.path)) throw new PathNotGrantedError('batch:start', output.path, 'write');
      const outcome = await batchRunner.run({
        csvBytes: await host.readFile(csvPath),
        template: template,
        mapping,
        output,
        isPicked: (path) => readable.has(path),
      });
      // The renderer may reveal what the batch wrote.
      if (outcome.outputPath) writable.add(outcome.outputPath);
      return outcome;
    },
    'settingsStore:findInstalled': async () => {
      const paths = (await host.findInstalledWcdStores?.()) ?? [];
      for (const path of paths) readable.add(path);
      return paths.map((path) => ({ path, name: basename(path) }));
    },
    'settingsStore:pick': async () => {
      const strings = mainStrings(language);
      const path = await host.showOpenDialog({
        title: strings.dialog.openSettingsStore,
        filters: [
          { name: strings.filter.settingsStore, extensions: ['dat'] },
          { name: strings.filter.all, extensions: ['*'] },
        ],
      });
      if (path === null) return null;
      readable.add(path);
      return { path, name: basename(path) };
    },
    'settingsStore:use': async ({ path }) => {
      if (path === null) return useBuiltinStore();
      if (!readable.has(path)) throw new PathNotGrantedError('settingsStore:use', path, 'read');
      return useStoreBytes(path, await host.readFile(path));
    },
    'shell:openExternal': async ({ url }) => {
      await host.openExternal?.(checkLearnUrl(url));
      return null;
    },
    'batch:status': async () => batchRunner.status(),
    'batch:cancel': async () => {
      batchRunner.cancel();
      return null;
    },
  };
}
