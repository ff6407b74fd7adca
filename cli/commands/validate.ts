import type { Command } from 'commander';
import { loadProjectInput } from '../../shared/node/project-input';
import { processSecrets } from '../../shared/redaction';
import { describeError, InputError, UsageError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';
import { fillSecrets } from '../support/security-options';
import { projectChecks, variantLayoutOption, type VariantLayout } from './build';

/** `ppkg-studio validate <project>`: the checks `build` runs; exit 1 when any is an error. */
export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('Check a project as build would (exit 1 when there is an error).')
    .argument('<project>', 'customizations.xml, or a WCD project folder / its *.icdproj.xml')
    .option('--json', 'machine-readable output (also when the project cannot be loaded)')
    .option(
      '--assets <dir>',
      'folder searched for asset files by name (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--secrets-file <file>',
      'JSON {"<setting path>": "<value>"} for secrets the project holds masked',
    )
    .option('--style <style>', 'provxml flavour the build would use: store or adk', 'store')
    .addOption(variantLayoutOption())
    .action(
      async (
        projectPath: string,
        options: {
          json?: boolean;
          assets: string[];
          secretsFile?: string;
          style: string;
          variantLayout: VariantLayout;
        },
      ) => {
        if (options.style !== 'store' && options.style !== 'adk')
          throw new UsageError(`--style must be store or adk, not ${options.style}`);
        let input;
        try {
          // Loading also reads every asset, so a missing file is reported like a broken setting.
          input = await loadProjectInput(projectPath, { assetDirs: options.assets });
          // Masked secrets (********) are filled as build fills them; the rest are reported as missing.
          await fillSecrets(input.doc, options.secretsFile);
        } catch (error) {
          // --json promises JSON: a project that cannot be loaded is a result too.
          if (options.json) {
            const loadError = { message: processSecrets.redact(describeError(error)) };
            io.stdout(`${JSON.stringify({ valid: false, loadError, findings: [] }, null, 2)}\n`);
            throw new InputError('the project cannot be loaded');
          }
          throw error;
        }
        processSecrets.addDocument(input.doc);
        // The same checks as build (trial compile included), so a project that validates also builds.
        const rows = projectChecks(input, options.style, options.variantLayout);
        const errors = rows.filter((row) => row.severity === 'error').length;
        if (options.json) {
          io.stdout(`${JSON.stringify({ valid: errors === 0, findings: rows }, null, 2)}\n`);
        } else if (rows.length === 0) {
          io.stdout('No problems found.\n');
        } else {
          io.stdout(
            `${rows.map((row) => `${row.severity}: ${row.path}: ${row.message} [${row.ruleId}]`).join('\n')}\n` +
              `${errors} error(s), ${rows.length - errors} warning(s)\n`,
          );
        }
        if (errors > 0) throw new InputError(`${errors} validation error(s)`);
      },
    );
}
