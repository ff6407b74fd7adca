import { watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import type { IpcHandlers, SandboxRun, SandboxStatus } from '../../../shared/ipc/contract';
import { isPlainWim } from '../../../shared/node/package-security/encryption';
import { MainError } from '../errors';
import { createRunFolder, isFinalStatus, listRuns, writeRunFacts } from '../sandbox-runs';
import { sandboxReportOffThread } from '../tasks/run-task';
import type { HandlerContext } from './context';

type SandboxHandlers = Pick<IpcHandlers, 'sandbox:status' | 'sandbox:start' | 'sandbox:runs'>;

/** The script writes several files in a row: the report is read once they settle. */
const SETTLE_MS = 500;
/** A run nobody finishes (the sandbox closed before the script wrote its summary) is not watched forever. */
const WATCH_LIMIT_MS = 6 * 60 * 60 * 1000;

// Loaded on first use: the module embeds the PowerShell script through the bundler (`?raw`), which only the
// bundles and Vitest understand, not the Playwright bridge that runs these handlers from source.
const sandboxRun = () => import('../../../shared/node/sandbox/sandbox-run');

/**
 * "Test in Windows Sandbox" (issue #14): a fresh run folder per run under the app's data folder, kept for
 * later; its results folder is watched and each settled change pushes the report as a `sandbox:results`
 * event. Only a package read in this session can be tested.
 */
export function sandboxHandlers(context: HandlerContext): SandboxHandlers {
  const { host, grants, emit } = context;
  const watchers = new Map<string, FSWatcher>();

  const status = async (): Promise<SandboxStatus> => {
    if (host.info().platform !== 'win32') return { available: false, reason: 'not-windows' };
    if (!host.sandbox || !(await host.sandbox.isInstalled()))
      return { available: false, reason: 'feature-missing' };
    return { available: true };
  };

  const watchResults = (run: SandboxRun) => {
    let settle: NodeJS.Timeout | undefined;
    const stop = () => {
      clearTimeout(settle);
      clearTimeout(limit);
      watcher.close();
      watchers.delete(run.runId);
    };
    const watcher = watch(join(run.runFolder, 'results'), () => {
      clearTimeout(settle);
      settle = setTimeout(() => {
        sandboxReportOffThread(run.runFolder).then(
          (report) => {
            emit('sandbox:results', { ...run, report });
            if (isFinalStatus(report.status)) stop();
          },
          // A file caught half-written: the next change reads it again.
          () => undefined,
        );
      }, SETTLE_MS);
    });
    const limit = setTimeout(stop, WATCH_LIMIT_MS);
    // Watching must not keep a quitting app (or a test run) alive.
    watcher.unref();
    limit.unref();
    watchers.set(run.runId, watcher);
  };

  return {
    'sandbox:status': status,
    'sandbox:start': async ({ packagePath, networking }) => {
      grants.requireRead('sandbox:start', packagePath);
      const state = await status();
      if (!state.available || !host.sandbox)
        throw new MainError('unavailable', 'Windows Sandbox is not available on this computer', {
          reason: state.available ? 'feature-missing' : state.reason,
        });
      // The script installs without a password (Install-ProvisioningPackage has none to give).
      if (!(await isPlainWim(packagePath)))
        throw new MainError(
          'invalid-request',
          `${basename(packagePath)} is encrypted or not a package: only a plain package can be tested in Windows Sandbox`,
          { field: 'packagePath' },
        );
      const startedAt = new Date();
      const { runId, runFolder } = await createRunFolder(host.sandbox.runsFolder(), startedAt);
      const { prepareSandboxRun, WSB_FILE } = await sandboxRun();
      await prepareSandboxRun(runFolder, packagePath, {
        networking,
        hostRunFolder: host.sandbox.windowsPath?.(runFolder) ?? runFolder,
      });
      const run: SandboxRun = {
        runId,
        runFolder,
        packageName: basename(packagePath),
        networking,
        startedAt: startedAt.toISOString(),
        report: null,
      };
      await writeRunFacts(runFolder, {
        packageName: run.packageName,
        networking,
        startedAt: run.startedAt,
      });
      watchResults(run);
      await host.sandbox.launch(join(runFolder, WSB_FILE));
      return run;
    },
    'sandbox:runs': async ({ packageName }) => {
      if (!host.sandbox) return [];
      return listRuns(host.sandbox.runsFolder(), packageName, sandboxReportOffThread);
    },
  };
}
