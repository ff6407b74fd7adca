import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { deriveColumnMapping, isSecretColumn } from '../../shared/batch';
import { processSecrets } from '../../shared/redaction';
import { readBatchCsv } from '../../shared/node/batch/read-csv';
import { BatchOutputError, runBatch } from '../../shared/node/batch/run-batch';
import { createBatchBuilder } from '../../shared/node/package/build-package';
import { InputError, UsageError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';
import { addSigningOptions, securityFromFlags, type SigningFlags } from '../support/security-options';
import {
  addProjectOptions,
  asUsageErrors,
  loadProject,
  PROJECT_ARGUMENT_HELP,
  type ProjectCommandOptions,
} from './build';

/**
 * `ppkg-studio batch <project> --csv <file> -o <dir>`: one package per CSV row (issue #7). Bad rows are
 * reported by row and column and skipped; the good rows are still built; exit 1 when any row failed.
 */
export function registerBatchCommand(program: Command, io: CliIo): void {
  addSigningOptions(
    addProjectOptions(
      program
        .command('batch')
        .description('Build one package per CSV row from a template project, plus manifest.csv.')
        .argument('<project>', `template: ${PROJECT_ARGUMENT_HELP}`)
        .requiredOption(
          '--csv <file>',
          'CSV with a header row (PackageName + setting paths), , or ; separated',
        )
        .requiredOption(
          '-o, --output <path>',
          'folder for the packages and manifest.csv (with --zip: the .zip file); must be empty or new',
        )
        .option('--zip', 'write one .zip holding the packages and manifest.csv instead of a folder')
        .option(
          '--ignore-column <name>',
          'a CSV column that is not a setting and must be ignored (repeatable)',
          (value: string, previous: string[]) => [...previous, value],
          [] as string[],
        )
        .option('--overwrite', "replace the previous run's packages and manifest.csv in the output"),
    ),
  ).action(
    async (
      projectPath: string,
      options: ProjectCommandOptions &
        SigningFlags & {
          csv: string;
          output: string;
          zip?: boolean;
          ignoreColumn: string[];
          overwrite?: boolean;
        },
    ) => {
      const template = await loadProject(projectPath, options);
      const security = await securityFromFlags(options, io);
      const table = readBatchCsv(new Uint8Array(await readFile(options.csv)));
      const mapping = deriveColumnMapping(table.header);
      const secretColumns = mapping.flatMap((entry, index) => (isSecretColumn(entry.target) ? [index] : []));
      for (const row of table.rows) for (const index of secretColumns) processSecrets.add(row.cells[index]);
      for (const ignored of options.ignoreColumn) {
        const entry = mapping.find((candidate) => candidate.column === ignored);
        if (!entry)
          throw new UsageError(
            `--ignore-column ${ignored}: the CSV has no such column (columns: ${table.header.join(', ')})`,
          );
        entry.target = { kind: 'ignore' };
      }
      const buildPackage = createBatchBuilder({
        style: options.style,
        targetSkus: template.targetSkus,
        assetContext: { projectFolder: template.projectFolder, assetDirs: options.assets },
        ...(template.project?.scenarioId ? { scenarioId: template.project.scenarioId } : {}),
        security,
      });
      let result;
      try {
        result = await asUsageErrors(() =>
          runBatch({
            template: template.doc,
            table,
            mapping,
            buildPackage,
            output: { kind: options.zip ? 'zip' : 'folder', path: options.output },
            overwrite: options.overwrite ?? false,
            onProgress: (progress) => {
              if (progress.current)
                io.stderr(`[${progress.done + 1}/${progress.total}] ${progress.current.packageName}\n`);
            },
          }),
        );
      } catch (error) {
        if (error instanceof BatchOutputError)
          throw new UsageError(
            `${error.message}${/not empty|already exists/.test(error.message) ? '; use --overwrite' : ''}`,
          );
        throw error;
      }
      if (result.mappingIssues.length > 0) {
        // A misspelt column would silently give every package the template's value: refuse (exit 2).
        const unknown = result.mappingIssues.some((issue) => issue.code === 'unknown-setting');
        throw new UsageError(
          `the CSV columns cannot be used (nothing built):\n${result.mappingIssues.map((issue) => `  ${issue.message}`).join('\n')}` +
            (unknown
              ? '\n  (a column that is not a setting can be skipped with --ignore-column <name>)'
              : ''),
        );
      }
      // Row messages name the row and column and never carry a secret value (shared/batch/types.ts).
      for (const warning of result.warnings) io.stderr(`warning: ${warning.message}\n`);
      for (const error of result.errors) io.stderr(`error: ${error.message}\n`);
      io.stdout(
        `Built ${result.built.length} package(s) into ${result.outputPath ?? options.output}` +
          `${result.errors.length > 0 ? `; ${result.errors.length} row(s) failed` : ''}` +
          `${result.warnings.length > 0 ? `; ${result.warnings.length} warning(s)` : ''}\n`,
      );
      if (result.errors.length > 0) throw new InputError(`${result.errors.length} row(s) failed`);
    },
  );
}
