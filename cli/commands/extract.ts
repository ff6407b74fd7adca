import { readdir, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { openWimFile } from '../../shared/node/wim/wim-file-reader';
import { UsageError } from '../support/exit-codes';
import { withPlainPackage } from '../../shared/node/package-security/encryption';
import type { CliIo } from '../support/run-cli';
import { packagePasswordFrom } from '../support/security-options';

/** `ppkg-studio extract <file.ppkg> -o <dir>` (extractTo stages in a hidden sibling folder: all or nothing). */
export function registerExtractCommand(program: Command, io: CliIo): void {
  program
    .command('extract')
    .description('Extract the files of a package into a folder (every SHA-1 verified).')
    .argument('<file>', '.ppkg file')
    .requiredOption('-o, --output <dir>', 'folder to create (must not exist or be empty)')
    .option('--password-file <file>', 'password of an encrypted package (or set PPKG_PASSWORD)')
    .action(async (file: string, options: { output: string; passwordFile?: string }) => {
      const existing = await stat(options.output).catch(() => undefined);
      if (existing && (!existing.isDirectory() || (await readdir(options.output)).length > 0))
        throw new UsageError(`output ${options.output} already exists and is not an empty folder`);
      const password = await packagePasswordFrom(options.passwordFile);
      await withPlainPackage(file, password, async (plain) => {
        const wim = await openWimFile(plain);
        try {
          const totals = await wim.extractTo(options.output);
          io.stdout(
            `Extracted ${totals.files} files, ${totals.directories} folders, ${totals.bytes} bytes into ${options.output}\n`,
          );
        } finally {
          await wim.close();
        }
      });
    });
}
