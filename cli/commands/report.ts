import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { formatResultsReport } from '../../shared/sandbox/report';
import { NETWORKING_WARNING, RUN_PACKAGE_FILE } from '../../shared/sandbox/wsb';
import { readResultsFolder, settingsToReport } from '../../shared/node/sandbox/results-folder';
import { prepareSandboxRun, WSB_FILE } from '../../shared/node/sandbox/sandbox-run';
import { escapeControlCharacters } from '../../shared/text/visible-text';
import { describeError, ExitCode, ResultExit, UsageError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * `ppkg-studio report <results folder>`: what Test-ProvisioningPackage.ps1 collected, per setting of the
 * package (the run folder's package\package.ppkg, or --package / --project). Exit 0 when every setting
 * applied and the results are complete, 1 otherwise, 2 on bad usage.
 */
export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      'Summarise a Windows Sandbox or test-device run: per setting applied / failed (with the error) / not reported.',
    )
    .argument('<results>', 'results folder written by Test-ProvisioningPackage.ps1')
    .option(
      '--package <file.ppkg>',
      'the package that was tested (default: ../package/package.ppkg of a run folder)',
    )
    .option('--project <project>', 'or the project it was built from')
    .option('--json', 'machine-readable output')
    .action(async (results: string, options: { package?: string; project?: string; json?: boolean }) => {
      if (options.package && options.project) throw new UsageError('give --package or --project, not both');
      const runPackage = join(results, '..', 'package', RUN_PACKAGE_FILE);
      const packagePath =
        options.package ?? (!options.project && (await exists(runPackage)) ? runPackage : undefined);
      let report;
      try {
        const settings =
          packagePath || options.project
            ? await settingsToReport({
                ...(packagePath ? { packagePath } : {}),
                ...(options.project ? { projectPath: options.project } : {}),
              })
            : [];
        report = await readResultsFolder(results, settings);
        if (!packagePath && !options.project)
          report.problems.push(
            'no package to compare with (not a run folder; give --package or --project): only what the events name is listed',
          );
      } catch (error) {
        throw new UsageError(`cannot read the results: ${describeError(error)}`);
      }
      // Names and messages come from a device's files: control characters are shown, not obeyed.
      io.stdout(
        options.json
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatResultsReport(report).split('\n').map(escapeControlCharacters).join('\n'),
      );
      const clean =
        report.problems.length === 0 && report.settings.every((setting) => setting.outcome === 'applied');
      if (!clean) throw new ResultExit(ExitCode.badInput);
    });
}

/** `ppkg-studio sandbox <file.ppkg> -o <run folder>`: the .wsb, the script and a read-only package copy. */
export function registerSandboxCommand(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('Prepare a Windows Sandbox run folder for a package (double-click run.wsb on Windows).')
    .argument('<file.ppkg>', 'package to test')
    .requiredOption('-o, --output <folder>', 'fresh run folder to create')
    .option('--network', `enable networking in the sandbox. ${NETWORKING_WARNING}`)
    .option('--timeout <minutes>', 'minutes to wait for provisioning (default 20)', (value: string) => {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected whole minutes');
      return Number(value);
    })
    .option(
      '--host-path <windows path>',
      'the run folder as Windows sees it, when preparing it from another OS',
    )
    .action(
      async (
        packagePath: string,
        options: { output: string; network?: boolean; timeout?: number; hostPath?: string },
      ) => {
        let plan;
        try {
          plan = await prepareSandboxRun(options.output, packagePath, {
            networking: options.network ?? false,
            ...(options.timeout !== undefined ? { timeoutMinutes: options.timeout } : {}),
            ...(options.hostPath ? { hostRunFolder: options.hostPath } : {}),
          });
        } catch (error) {
          throw new UsageError(describeError(error));
        }
        if (plan.networking) io.stderr(`warning: ${NETWORKING_WARNING}\n`);
        io.stdout(
          `Prepared ${join(options.output, WSB_FILE)} (networking ${plan.networking ? 'on' : 'off'}); results will appear in ${join(options.output, 'results')}\n`,
        );
      },
    );
}
