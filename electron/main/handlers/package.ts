import type { DialogFileFilter } from '../../../shared/host';
import type { AssetKind, IpcHandlers } from '../../../shared/ipc/contract';
import { activeFacts } from '../../../shared/catalog';
import { CompileError } from '../../../shared/compiler/errors';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import type { WriteProgress } from '../../../shared/node/wim/wim-writer';
import { throttledProgress } from '../events';
import { buildPackageOffThread, inspectPackageOffThread } from '../tasks/run-task';
import {
  buildWizardPackageFromAssets,
  inspectCertificate,
  readWizardAssets,
  resolveBuildSecurity,
} from '../wizard-build';
import type { HandlerContext } from './context';

type PackageHandlers = Pick<
  IpcHandlers,
  | 'dialog:openAsset'
  | 'cert:inspect'
  | 'package:build'
  | 'package:inspect'
  | 'package:listSigningCertificates'
>;

/** The wizard's assets and build, and the Open package page's inspection (both in the task worker). */
export function packageHandlers(context: HandlerContext): PackageHandlers {
  const { host, grants, emit } = context;

  const assetDialog = (
    kind: AssetKind,
    extensions: string[] | undefined,
  ): { title: string; filter: DialogFileFilter | null } => {
    const strings = context.strings().wizard;
    switch (kind) {
      case 'installer':
        return {
          title: strings.selectInstaller,
          filter: { name: strings.installers, extensions: ['exe', 'msi', 'ps1', 'bat', 'cmd', 'cab'] },
        };
      case 'dependency':
        return { title: strings.selectFile, filter: null };
      case 'certificate':
        return {
          title: strings.selectCertificate,
          filter: { name: strings.certificates, extensions: ['cer', 'crt', 'pem', 'der'] },
        };
      case 'pfx':
        return { title: strings.selectPfx, filter: { name: strings.pfx, extensions: ['pfx', 'p12'] } };
      case 'setting':
        return {
          title: strings.selectFile,
          filter: extensions && extensions.length > 0 ? { name: strings.allowedFiles, extensions } : null,
        };
    }
  };

  const readPickedAsset = async (assetPath: string, settingPath: string) => {
    // Only files the user picked in this session; anything else names the setting that refers to it.
    if (!grants.canRead(assetPath))
      throw new CompileError(settingPath, 'the file was not picked in this session');
    try {
      return await host.readFile(assetPath);
    } catch {
      throw new CompileError(settingPath, 'the file could not be read');
    }
  };

  return {
    'dialog:openAsset': async ({ kind, extensions }) => {
      const { title, filter } = assetDialog(kind, extensions);
      const all = { name: context.strings().filter.all, extensions: ['*'] };
      const picked = await context.pickToOpen(title, filter ? [filter, all] : [all]);
      if (picked === null) return null;
      const size = (await host.readFile(picked.path)).byteLength;
      return { ...picked, size };
    },
    'cert:inspect': async ({ path }) => {
      grants.requireRead('cert:inspect', path);
      const summary = inspectCertificate(await host.readFile(path));
      return summary ? { ok: true, ...summary } : { ok: false, reason: 'not-certificate' };
    },
    'package:listSigningCertificates': async () => (await host.signingCertificates?.list()) ?? [],
    'package:build': async ({ document, path, security: securityRequest }) => {
      grants.requireWrite('package:build', path);
      const resolved = await resolveBuildSecurity(
        securityRequest,
        async (pfxPath) => {
          grants.requireRead('package:build', pfxPath);
          return host.readFile(pfxPath);
        },
        host.signingCertificates,
      );
      if (!resolved.ok) return resolved;
      const { security, generatedPassword } = resolved;
      // The dispatcher has parsed it with CustomizationsDocumentSchema; z.input types the tree as unknown.
      const doc = document as CustomizationsDocument;
      const started = performance.now();
      const elapsedMs = () => Math.round(performance.now() - started);
      const progress = throttledProgress(emit, 'build:progress');
      let write: WriteProgress = { bytesDone: 0, bytesTotal: 0, currentFile: null };
      progress.push({ path, step: 'compile', write, elapsedMs: 0 });
      let outcome: 'built' | 'failed' = 'failed';
      try {
        let assets: Map<string, Uint8Array>;
        try {
          assets = await readWizardAssets(doc, readPickedAsset);
        } catch (error) {
          if (error instanceof CompileError)
            return { ok: false, settingPath: error.settingPath, detail: error.detail };
          throw error;
        }
        const listeners = {
          onStep: (step: 'compile' | 'write') => progress.push({ path, step, write, elapsedMs: elapsedMs() }),
          onWriteProgress: (next: WriteProgress) => {
            write = next;
            progress.push({ path, step: 'write', write, elapsedMs: elapsedMs() });
          },
        };
        const { signer, ...plainSecurity } = security;
        // A signing key stays in main (key objects do not cross to a worker), and so does a settings store the
        // user chose (the worker knows only the built-in catalog): those builds run here.
        const result =
          signer || activeFacts().origin.source !== 'builtin'
            ? await buildWizardPackageFromAssets(doc, path, assets, listeners, security, generatedPassword)
            : await buildPackageOffThread(
                {
                  kind: 'build',
                  doc,
                  outPath: path,
                  assets: [...assets],
                  security: plainSecurity,
                  ...(generatedPassword ? { generatedPassword } : {}),
                },
                listeners,
              );
        if (result.ok) outcome = 'built';
        return result;
      } finally {
        progress.flush();
        emit('build:finished', { path, outcome, elapsedMs: elapsedMs() });
      }
    },
    'package:inspect': async ({ path, password }) => {
      grants.requireRead('package:inspect', path);
      return inspectPackageOffThread(path, password);
    },
  };
}
