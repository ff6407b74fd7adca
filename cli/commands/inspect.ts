import type { Command } from 'commander';
import { readPackageSummary, type PackageSummary } from '../../shared/node/package/read-package';
import type { CliIo } from '../support/run-cli';

function summaryText(summary: PackageSummary): string {
  const owner = summary.ownerType === null ? 'unknown' : `${summary.ownerType}, rank ${summary.rank ?? '?'}`;
  const width = Math.max(0, ...summary.files.map((file) => String(file.size).length));
  return [
    `Name:        ${summary.name}`,
    `Version:     ${summary.version}`,
    `Owner:       ${owner} (altitude ${summary.altitude ?? 'missing'})`,
    `Package ID:  ${summary.packageId}`,
    `Target SKUs: ${summary.targetSkus ?? 'unknown'}`,
    `Notes:       ${summary.notes}`,
    '',
    `Settings (${summary.settings.length}):`,
    ...summary.settings.map((setting) => `  ${setting.path} = ${setting.value}`),
    '',
    `Files (${summary.files.length}):`,
    ...summary.files.map((file) => `  ${String(file.size).padStart(width)}  ${file.path}`),
    '',
  ].join('\n');
}

/** `ppkg-studio inspect <file.ppkg>`. Secret values are masked unless --show-secrets. */
export function registerInspectCommand(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('Show a package: name, version, owner, rank, ID, target SKUs, settings and files.')
    .argument('<file>', '.ppkg file')
    .option('--json', 'machine-readable output')
    .option('--show-secrets', 'show passwords, keys and enrollment secrets instead of ********')
    .action(async (file: string, options: { json?: boolean; showSecrets?: boolean }) => {
      const summary = await readPackageSummary(file, { showSecrets: options.showSecrets ?? false });
      io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
    });
}
