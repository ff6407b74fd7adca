import type { Command } from 'commander';
import { readPackageSummary, type PackageSummary } from '../../shared/node/package/read-package';
import { type CatalogCheck, checkCatalog } from '../../shared/node/package-security/catalog-file';
import { withPlainPackage } from '../../shared/node/package-security/encryption';
import type { CliIo } from '../support/run-cli';
import { packagePasswordFrom } from '../support/security-options';

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

function catalogText(catalog: CatalogCheck): string {
  if (!catalog.present) return `none (${catalog.path} not found)`;
  if (catalog.error !== null) return `${catalog.path}: unreadable (${catalog.error})`;
  return (
    `${catalog.path}: ${catalog.matches ? 'hashes match the package' : 'HASHES DO NOT MATCH the package'}, ` +
    `${catalog.signed ? 'signed' : 'unsigned'}`
  );
}

/** `ppkg-studio inspect <file.ppkg>`. Secret values are masked unless --show-secrets. */
export function registerInspectCommand(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('Show a package: name, version, owner, rank, ID, target SKUs, settings and files.')
    .argument('<file>', '.ppkg file')
    .option('--json', 'machine-readable output')
    .option('--show-secrets', 'show passwords, keys and enrollment secrets instead of ********')
    .option('--password-file <file>', 'password of an encrypted package (or set PPKG_PASSWORD)')
    .action(
      async (file: string, options: { json?: boolean; showSecrets?: boolean; passwordFile?: string }) => {
        const password = await packagePasswordFrom(options.passwordFile);
        const { summary, encrypted } = await withPlainPackage(file, password, async (plain, encrypted) => ({
          summary: await readPackageSummary(plain, { showSecrets: options.showSecrets ?? false }),
          encrypted,
        }));
        const catalog = await checkCatalog(file);
        io.stdout(
          options.json
            ? `${JSON.stringify({ ...summary, encrypted, catalog }, null, 2)}\n`
            : `${summaryText(summary)}Encrypted:   ${encrypted ? 'yes' : 'no'}\nCatalog:     ${catalogText(catalog)}\n`,
        );
      },
    );
}
