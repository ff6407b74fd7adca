import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { checkPackageFileName } from '../../shared/batch';
import type { CompileOptions, CompileStyle } from '../../shared/compiler/compile';
import { assetSha256 } from '../../shared/node/file-backed-assets';
import { buildPackage } from '../../shared/node/package/build-package';
import { SourceDateEpochError } from '../../shared/node/package/reproducible';
import {
  loadProjectInput,
  normaliseTargetSkus,
  type ProjectInput,
  SUPPORTED_TARGET_SKUS,
  type SupportedTargetSkus,
} from '../../shared/node/project-input';
import { processSecrets } from '../../shared/redaction';
import { checkProjectForBuild, type ProjectCheck } from '../../shared/validation/build-check';
import { InputError, UsageError } from '../support/exit-codes';
import { progressLine } from '../support/progress-line';
import type { CliIo } from '../support/run-cli';
import {
  addEncryptionOptions,
  addSecretsOption,
  addSigningOptions,
  type EncryptionFlags,
  fillSecrets,
  securityFromFlags,
  type SigningFlags,
} from '../support/security-options';
import { serializeCustomizationsXml } from '../../shared/xml/customizations';

/** Options shared by build, compile and batch. */
export interface ProjectCommandOptions {
  style: CompileStyle;
  /** How a project with Variants is built (CompileOptions.variantLayout). */
  variantLayout?: VariantLayout;
  targetSkus?: SupportedTargetSkus;
  assets: string[];
  secretsFile?: string;
}

function parseTargetSkus(value: string): SupportedTargetSkus {
  const skus = normaliseTargetSkus(value);
  if (!skus) throw new InvalidArgumentError(`expected ${SUPPORTED_TARGET_SKUS.join(' or ')}`);
  return skus;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export type VariantLayout = NonNullable<CompileOptions['variantLayout']>;

/** `--variant-layout`: refuse Variants (default) or build them in PPKG Studio's inferred layout. */
export const variantLayoutOption = (): Option =>
  new Option(
    '--variant-layout <layout>',
    "projects with Variants: refuse (no WCD multivariant package has been seen) or inferred (PPKG Studio's own Multivariant/<n> layout, docs/format/ppkg-format.md §3.4)",
  )
    .choices(['refuse', 'inferred'])
    .default('refuse');

/** Adds --style, --target-skus and --assets (repeatable) to a command that takes a `<project>`. */
export function addProjectOptions(command: Command): Command {
  return addSecretsOption(command)
    .addOption(variantLayoutOption())
    .addOption(
      new Option('--style <style>', 'provxml flavour: store (current WCD app) or adk (WCD from the ADK)')
        .choices(['store', 'adk'])
        .default('store'),
    )
    .option(
      '--target-skus <list>',
      `target SKUs: ${SUPPORTED_TARGET_SKUS.join(' or ')} (default: the project's TargetEditions; Desktop for a bare customizations.xml)`,
      parseTargetSkus,
    )
    .option(
      '--assets <dir>',
      'folder searched for asset files by name (repeatable)',
      collect,
      [] as string[],
    );
}

export const PROJECT_ARGUMENT_HELP = 'customizations.xml, or a WCD project folder / its *.icdproj.xml';

/**
 * Loads the project (assets included) with the command-line overrides. Secrets the project holds masked
 * are filled from the environment / --secrets-file; the package then embeds the filled document. Every
 * secret is registered for redaction from error messages (shared/redaction.ts).
 */
export async function loadProject(path: string, options: ProjectCommandOptions): Promise<ProjectInput> {
  const input = await loadProjectInput(path, {
    assetDirs: options.assets,
    ...(options.targetSkus ? { targetSkus: options.targetSkus } : {}),
  });
  if (await fillSecrets(input.doc, options.secretsFile))
    input.customizationsXml = serializeCustomizationsXml(input.doc);
  processSecrets.addDocument(input.doc);
  return input;
}

/** The checks `validate` and `build` share (shared/validation/build-check.ts), with the build's options. */
export function projectChecks(
  input: ProjectInput,
  style: CompileStyle,
  variantLayout: VariantLayout = 'refuse',
): ProjectCheck[] {
  return checkProjectForBuild(
    input.doc,
    { style, targetSkus: input.targetSkus, assets: input.assets, sha256: assetSha256, variantLayout },
    input.project ? { targetEditions: input.project.editions, projectId: input.project.id } : {},
  );
}

/** Runs the shared checks: warnings go to stderr, errors stop the command (exit 1). */
export function checkProject(
  input: ProjectInput,
  io: CliIo,
  style: CompileStyle = 'store',
  variantLayout: VariantLayout = 'refuse',
): void {
  const checks = projectChecks(input, style, variantLayout);
  const line = (check: ProjectCheck) => `  ${check.path}: ${check.message}`;
  const warnings = checks.filter((check) => check.severity === 'warning');
  const errors = checks.filter((check) => check.severity === 'error');
  if (warnings.length > 0)
    io.stderr(`warning: ${warnings.length} validation warning(s):\n${warnings.map(line).join('\n')}\n`);
  if (errors.length > 0)
    throw new InputError(
      `the project has ${errors.length} validation error(s):\n${errors.map(line).join('\n')}`,
    );
}

/** Reads SOURCE_DATE_EPOCH problems as usage errors (they come from the caller's environment). */
export async function asUsageErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SourceDateEpochError) throw new UsageError(error.message);
    throw error;
  }
}

type BuildFlags = ProjectCommandOptions & SigningFlags & EncryptionFlags & { output?: string };

/** `ppkg-studio build <project>`. */
export function registerBuildCommand(program: Command, io: CliIo): void {
  addEncryptionOptions(
    addSigningOptions(
      addProjectOptions(
        program
          .command('build')
          .description('Validate a project and build its .ppkg (WCD-compatible WIM, written atomically).')
          .argument('<project>', PROJECT_ARGUMENT_HELP)
          .option(
            '-o, --output <file>',
            'package to write (default: <PackageConfig Name>.ppkg in the current folder)',
          ),
      ),
    ),
  ).action(async (projectPath: string, options: BuildFlags) => {
    const input = await loadProject(projectPath, options);
    checkProject(input, io, options.style, options.variantLayout);
    const security = await securityFromFlags(options, io);
    let output = options.output;
    if (output === undefined) {
      const problem = checkPackageFileName(input.doc.packageConfig.name);
      if (problem)
        throw new UsageError(
          `PackageConfig/Name cannot be used as a file name (${problem}); give -o <file.ppkg>`,
        );
      output = resolve(`${input.doc.packageConfig.name}.ppkg`);
    }
    const built = await asUsageErrors(() =>
      buildPackage({
        doc: input.doc,
        customizationsXml: input.customizationsXml,
        style: options.style,
        targetSkus: input.targetSkus,
        assets: input.assets,
        ...(options.variantLayout ? { variantLayout: options.variantLayout } : {}),
        outPath: output,
        ...(input.project?.scenarioId ? { scenarioId: input.project.scenarioId } : {}),
        onWriteProgress: progressLine(io.progressTerminal),
        security,
      }),
    );
    io.stdout(
      `Built ${built.path}: ${built.size} bytes, ${built.files.length} files, sha256 ${built.sha256}` +
        `${built.encrypted ? ' (encrypted)' : ''}\n` +
        (built.catalogPath ? `Catalog ${built.catalogPath}${built.signed ? ' (signed)' : ''}\n` : ''),
    );
  });
}
