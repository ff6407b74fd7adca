import type { Command } from 'commander';
import { compilePackage } from '../../shared/compiler/compile';
import { assetSha256 } from '../../shared/node/file-backed-assets';
import { OutputExistsError, writePackageTree } from '../../shared/node/package/write-tree';
import { UsageError } from '../support/exit-codes';
import type { CliIo } from '../support/run-cli';
import {
  addProjectOptions,
  checkProject,
  loadProject,
  PROJECT_ARGUMENT_HELP,
  type ProjectCommandOptions,
} from './build';

/** `ppkg-studio compile <project> -o <dir>`: the package tree as files, no WIM. */
export function registerCompileCommand(program: Command, io: CliIo): void {
  addProjectOptions(
    program
      .command('compile')
      .description(
        'Compile a project into the package tree (provxml, RunTime.xml, …) in a folder, without the WIM.',
      )
      .argument('<project>', PROJECT_ARGUMENT_HELP)
      .requiredOption('-o, --output <dir>', 'folder to create (must not exist or be empty)'),
  ).action(async (projectPath: string, options: ProjectCommandOptions & { output: string }) => {
    const input = await loadProject(projectPath, options);
    checkProject(input, io, options.style, options.variantLayout);
    const files = compilePackage(input.doc, input.customizationsXml, {
      style: options.style,
      ...(options.variantLayout ? { variantLayout: options.variantLayout } : {}),
      targetSkus: input.targetSkus,
      assets: input.assets,
      sha256: assetSha256,
    });
    try {
      await writePackageTree(files, options.output);
    } catch (error) {
      if (error instanceof OutputExistsError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout(`Compiled ${files.length} files into ${options.output}\n`);
  });
}
