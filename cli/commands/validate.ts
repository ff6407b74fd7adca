import type { Command } from 'commander';
import { compileIssues } from '../../shared/compiler/compile';
import { loadProjectInput } from '../../shared/node/project-input';
import { processSecrets } from '../../shared/redaction';
import { formatFinding, sortFindings, validateDocument } from '../../shared/validation';
import { InputError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';
import { fillSecrets } from '../support/security-options';

/** `ppkg-studio validate <project>`: every finding of the validation rules; exit 1 when any is an error. */
export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('Check a project against the validation rules (exit 1 when there is an error).')
    .argument('<project>', 'customizations.xml, or a WCD project folder / its *.icdproj.xml')
    .option('--json', 'machine-readable output')
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
    .action(
      async (projectPath: string, options: { json?: boolean; assets: string[]; secretsFile?: string }) => {
        // Loading also reads every asset, so a missing file is reported like a broken setting.
        const input = await loadProjectInput(projectPath, { assetDirs: options.assets });
        // Masked secrets (********) are filled as build fills them; the rest are reported as missing.
        await fillSecrets(input.doc, options.secretsFile);
        processSecrets.addDocument(input.doc);
        const findings = sortFindings(
          validateDocument(input.doc, {
            ...(input.project ? { targetEditions: input.project.editions, projectId: input.project.id } : {}),
          }),
        );
        const rows = findings.map((finding) => ({
          severity: finding.severity,
          ruleId: finding.ruleId,
          path: finding.path,
          message: formatFinding(finding, 'en'),
        }));
        // What the compiler cannot compile (settings newer than the store, unknown compiled forms, Variants in a
        // package), every one by path: the rest of the project is still checked above.
        for (const issue of compileIssues(
          input.doc,
          { style: 'store', targetSkus: input.targetSkus, assets: input.assets },
          true,
        )) {
          rows.push({ severity: 'error', ruleId: 'compile', path: issue.settingPath, message: issue.detail });
        }
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
