import { stat } from 'node:fs/promises';
import type { DialogFileFilter } from '../../../shared/host';
import type { AssetKind, IpcHandlers } from '../../../shared/ipc/contract';
import { CompileError } from '../../../shared/compiler/errors';
import type { CustomizationsDocument } from '../../../shared/model/customizations-document';
import type { WriteProgress } from '../../../shared/node/wim/wim-writer';
import { throttledProgress } from '../events';
import type { PackageToDiff } from '../package-diff';
import { buildPackageOffThread, diffOffThread, inspectPackageOffThread } from '../tasks/run-task';
import { activeStoreSource } from '../settings-store';
import { inspectCertificate, pickedAssetPaths, resolveBuildSecurity } from '../wizard-build';
import type { HandlerContext } from './context';

type PackageHandlers = Pick<
  IpcHandlers,
  | 'dialog:openAsset'
  | 'cert:inspect'
  | 'package:build'
  | 'package:inspect'
  | 'package:listSigningCertificates'
  | 'package:compare'
  | 'package:diffWithLastBuild'
>;

/** A project's identity for "last build": its PackageConfig ID, compared as WCD compares GUIDs. */
const projectKey = (doc: CustomizationsDocument) =>
  doc.packageConfig.id.replace(/^\{|\}$/g, '').toLowerCase();

/** The wizard's assets and build, and the Open package page's inspection (both in the task worker). */
export function packageHandlers(context: HandlerContext): PackageHandlers {
  const { host, grants, emit } = context;
  /** The last package built from each project in this session (project key → what main wrote). */
  const lastBuilds = new Map<string, { path: string; encrypted: boolean }>();

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

  return {
    'dialog:openAsset': async ({ kind, extensions }) => {
      const { title, filter } = assetDialog(kind, extensions);
      const all = { name: context.strings().filter.all, extensions: ['*'] };
      const picked = await context.pickToOpen(title, filter ? [filter, all] : [all]);
      if (picked === null) return null;
      // Its size only: an installer may be gigabytes, never read here (the build streams it).
      const { size } = await stat(picked.path);
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
      // The dispatcher has parsed it with CustomizationsDocumentSchema; z.input types the tree as unknown.
      const doc = document as CustomizationsDocument;
      let pickedAssets: string[];
      try {
        pickedAssets = pickedAssetPaths(doc, (assetPath) => grants.canRead(assetPath));
      } catch (error) {
        if (error instanceof CompileError)
          return { ok: false, settingPath: error.settingPath, detail: error.detail };
        throw error;
      }
      const resolved = await resolveBuildSecurity(
        securityRequest,
        async (pfxPath) => {
          grants.requireRead('package:build', pfxPath);
          return host.readFile(pfxPath);
        },
        host.signingCertificates,
      );
      if (!resolved.ok) return resolved;
      const started = performance.now();
      const elapsedMs = () => Math.round(performance.now() - started);
      const progress = throttledProgress(emit, 'build:progress');
      let write: WriteProgress = { bytesDone: 0, bytesTotal: 0, currentFile: null };
      progress.push({ path, step: 'compile', write, elapsedMs: 0 });
      let outcome: 'built' | 'failed' = 'failed';
      try {
        // Every build runs in the task worker: it reads the picked assets itself (large installers streamed
        // from disk), opens the PFX there and compiles against the store main uses (activeStoreSource).
        const store = activeStoreSource();
        const result = await buildPackageOffThread(
          {
            kind: 'build',
            doc,
            outPath: path,
            pickedAssets,
            security: resolved.security,
            ...(resolved.generatedPassword ? { generatedPassword: resolved.generatedPassword } : {}),
            ...(store ? { store } : {}),
          },
          {
            onStep: (step) => progress.push({ path, step, write, elapsedMs: elapsedMs() }),
            onWriteProgress: (next) => {
              write = next;
              progress.push({ path, step: 'write', write, elapsedMs: elapsedMs() });
            },
          },
        );
        if (result.ok) {
          outcome = 'built';
          lastBuilds.set(projectKey(doc), { path, encrypted: result.encrypted });
        }
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
    'package:compare': async ({ a, b, password }) => {
      grants.requireRead('package:compare', a);
      grants.requireRead('package:compare', b);
      const left: PackageToDiff = { path: a, ...(password ? { password } : {}) };
      return diffOffThread({ kind: 'diff', a: left, b: { kind: 'package', path: b } });
    },
    'package:diffWithLastBuild': async ({ document }) => {
      // The dispatcher has parsed it with CustomizationsDocumentSchema; z.input types the tree as unknown.
      const doc = document as CustomizationsDocument;
      const lastBuild = lastBuilds.get(projectKey(doc));
      if (!lastBuild) return { status: 'none' };
      // Its password was used once and never kept: an encrypted build cannot be reopened.
      if (lastBuild.encrypted) return { status: 'encrypted', lastBuild: lastBuild.path };
      // Only files the user picked in this session; another one fails at its setting (a compile error).
      const pickedAssets = pickedAssetPaths(doc, (assetPath) => grants.canRead(assetPath));
      const store = activeStoreSource();
      const diff = await diffOffThread({
        kind: 'diff',
        a: { path: lastBuild.path },
        b: { kind: 'document', doc, pickedAssets, ...(store ? { store } : {}) },
      });
      return { status: 'compared', lastBuild: lastBuild.path, diff };
    },
  };
}
