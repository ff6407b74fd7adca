import { Command } from 'commander';
import { APP_VERSION } from '../shared/version';
import { registerWimCommands } from './commands/wim';
import { processIo, runCli } from './support/run-cli';

// Composition root: each command group registers itself here; exit codes live in support/exit-codes.ts.
const program = new Command('ppkg-studio')
  .description('Build and inspect Windows provisioning packages (.ppkg) natively.')
  .version(APP_VERSION);

registerWimCommands(program, processIo);

process.exitCode = await runCli(program, process.argv, processIo);
