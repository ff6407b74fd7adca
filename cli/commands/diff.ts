import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatDiff } from '../../shared/diff/format-diff';
import { diffPaths } from '../../shared/node/diff/load-side';
import {
  normaliseTargetSkus,
  SUPPORTED_TARGET_SKUS,
  type SupportedTargetSkus,
} from '../../shared/node/project-input';
import type { CompileStyle } from '../../shared/compiler/compile';
import { describeError, ExitCode, ResultExit, UsageError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseTargetSkus(value: string): SupportedTargetSkus {
  const skus = normaliseTargetSkus(value);
  if (!skus) throw new InvalidArgumentError(`expected ${SUPPORTED_TARGET_SKUS.join(' or ')}`);
  return skus;
}

interface DiffOptions {
  assets: string[];
  json?: boolean;
  style?: CompileStyle;
  targetSkus?: SupportedTargetSkus;
}

/**
 * `ppkg-studio diff <a> <b>`: each side a .ppkg or a project. Exit 0 when equal, 1 when different, 2 when
 * the command cannot compare (bad usage, or a side that cannot be read or compiled) — as diff(1) does, so
 * exit 1 always means "different".
 */
export function registerDiffCommand(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description(
      'Compare two packages, or a package and a project: properties, settings (secrets by hash, never shown), ' +
        'files and assets (SHA-256), compiled provxml (line diff). Exit 0 equal, 1 different, 2 cannot compare.',
    )
    .argument('<a>', '.ppkg, customizations.xml, or a WCD project folder / its *.icdproj.xml')
    .argument('<b>', 'the same kinds as <a>')
    .option('--json', 'machine-readable output')
    .option(
      '--assets <dir>',
      'folder searched for a project’s asset files by name (repeatable)',
      collect,
      [] as string[],
    )
    .addOption(
      new Option(
        '--style <style>',
        'compile style for a project side (default: the package’s when compared with one, else store)',
      ).choices(['store', 'adk']),
    )
    .option(
      '--target-skus <list>',
      `target SKUs for a project side: ${SUPPORTED_TARGET_SKUS.join(' or ')}`,
      parseTargetSkus,
    )
    .action(async (a: string, b: string, options: DiffOptions) => {
      let diff;
      try {
        diff = await diffPaths(a, b, {
          assetDirs: options.assets,
          ...(options.style ? { style: options.style } : {}),
          ...(options.targetSkus ? { targetSkus: options.targetSkus } : {}),
        });
      } catch (error) {
        throw new UsageError(`cannot compare: ${describeError(error)}`);
      }
      io.stdout(options.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff));
      if (!diff.equal) throw new ResultExit(ExitCode.badInput);
    });
}
