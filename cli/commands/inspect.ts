import { type Command, InvalidArgumentError } from 'commander';
import { readPackageSummary, type PackageSummary } from '../../shared/node/package/read-package';
import { DEFAULT_MAX_XML_BYTES } from '../../shared/node/package/verify-package';
import { type CatalogCheck, checkCatalog } from '../../shared/node/package-security/catalog-file';
import { withPlainPackage } from '../../shared/node/package-security/encryption';
import { escapeControlCharacters } from '../../shared/text/visible-text';
import { InputError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';
import { packagePasswordFrom } from '../support/security-options';

function summaryText(summary: PackageSummary): string {
  const owner = summary.ownerType === null ? 'unknown' : `${summary.ownerType}, rank ${summary.rank ?? '?'}`;
  const width = Math.max(0, ...summary.files.map((file) => String(file.size).length));
  const { applied, differences } = summary.verification;
  const appliedLine = (setting: (typeof applied)[number]) => {
    const flags = [setting.exec ? 'exec' : '', setting.delete ? 'delete' : ''].filter(Boolean).join(', ');
    const name = setting.settingPath ?? `${setting.cspPath} (CSP path)`;
    return `  ${setting.eventType === 'User_RunTime' ? '[user] ' : ''}${name} = ${setting.value}${flags ? ` [${flags}]` : ''}`;
  };
  const differenceLines = (difference: (typeof differences)[number]) => [
    `  ${difference.kind}: ${difference.message}`,
    ...(difference.applied !== undefined ? [`      applied:  ${difference.applied}`] : []),
    ...(difference.declared !== undefined ? [`      declared: ${difference.declared}`] : []),
  ];
  const lines = [
    `Name:        ${summary.name}`,
    `Version:     ${summary.version}`,
    `Owner:       ${owner} (altitude ${summary.altitude ?? 'missing'})`,
    `Package ID:  ${summary.packageId}`,
    `Target SKUs: ${summary.targetSkus ?? 'unknown'}`,
    `Notes:       ${summary.notes}`,
    ...(summary.variants.length > 0
      ? [
          `Variants:    ${summary.variants.length} (PPKG Studio's inferred layout; applied only where their Targets match)`,
          ...summary.variants.map(
            (variant) =>
              `  Multivariant/${variant.index}: ${variant.targetRefs.join(', ') || '(no TargetRef)'}`,
          ),
        ]
      : []),
    '',
    `Applied by Windows (${applied.length}, from RunTime.xml / User_RunTime.xml and the provxml files):`,
    ...applied.map(appliedLine),
    '',
    `Declared in customizations.xml (${summary.settings.length}):`,
    ...summary.settings.map((setting) => `  ${setting.path} = ${setting.value}`),
    '',
    `Files (${summary.files.length}, every SHA-1 verified):`,
    ...summary.files.map((file) => `  ${String(file.size).padStart(width)}  ${file.path}`),
    '',
  ];
  if (differences.length > 0) {
    lines.push(
      `WARNING: what this package applies does NOT match its customizations.xml (${differences.length} difference(s)):`,
      ...differences.flatMap(differenceLines),
      '',
    );
  } else {
    lines.push('Verified: the customizations.xml compiles to exactly what the package applies.', '');
  }
  // Names and values come from the package: control characters and terminal escapes are shown, not obeyed.
  return lines.map(escapeControlCharacters).join('\n');
}

function parseMebibytes(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a whole number of MiB');
  return Number(value) * 1024 * 1024;
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
    .description(
      'Show a package: identity, the settings Windows applies, the declared settings and files; ' +
        'exit 1 when they do not match or a file is corrupt.',
    )
    .argument('<file>', '.ppkg file')
    .option('--json', 'machine-readable output')
    .option('--show-secrets', 'show passwords, keys and enrollment secrets instead of ********')
    .option('--password-file <file>', 'password of an encrypted package (or set PPKG_PASSWORD)')
    .option('--allow-mismatch', 'exit 0 even when the applied settings differ from customizations.xml')
    .option(
      '--max-xml-size <MiB>',
      `largest customizations.xml / provxml to read (default ${DEFAULT_MAX_XML_BYTES / 1024 / 1024})`,
      parseMebibytes,
    )
    .action(
      async (
        file: string,
        options: {
          json?: boolean;
          showSecrets?: boolean;
          passwordFile?: string;
          allowMismatch?: boolean;
          maxXmlSize?: number;
        },
      ) => {
        const password = await packagePasswordFrom(options.passwordFile);
        const { summary, encrypted } = await withPlainPackage(file, password, async (plain, encrypted) => ({
          summary: await readPackageSummary(plain, {
            showSecrets: options.showSecrets ?? false,
            ...(options.maxXmlSize ? { maxXmlBytes: options.maxXmlSize } : {}),
          }),
          encrypted,
        }));
        const catalog = await checkCatalog(file);
        io.stdout(
          options.json
            ? `${JSON.stringify({ ...summary, encrypted, catalog }, null, 2)}\n`
            : `${summaryText(summary)}${escapeControlCharacters(`Encrypted:   ${encrypted ? 'yes' : 'no'}\nCatalog:     ${catalogText(catalog)}`)}\n`,
        );
        const count = summary.verification.differences.length;
        if (count > 0 && !options.allowMismatch)
          throw new InputError(
            `${count} difference(s) between what the package applies and its customizations.xml (--allow-mismatch to accept)`,
          );
      },
    );
}
