import { Command } from 'commander';
import { APP_VERSION } from '../shared/version';
import { registerBatchCommand } from './commands/batch';
import { registerBuildCommand } from './commands/build';
import { registerCompileCommand } from './commands/compile';
import { registerExtractCommand } from './commands/extract';
import { registerInspectCommand } from './commands/inspect';
import { registerValidateCommand } from './commands/validate';
import { registerWimCommands } from './commands/wim';
import { processIo, runCli } from './support/run-cli';

// Composition root: each command group registers itself here; exit codes live in support/exit-codes.ts.
const program = new Command('ppkg-studio')
  .description('Build and inspect Windows provisioning packages (.ppkg) natively.')
  .version(APP_VERSION);

registerBuildCommand(program, processIo);
registerCompileCommand(program, processIo);
registerValidateCommand(program, processIo);
registerInspectCommand(program, processIo);
registerExtractCommand(program, processIo);
registerBatchCommand(program, processIo);
registerWimCommands(program, processIo);

process.exitCode = await runCli(program, process.argv, processIo);
