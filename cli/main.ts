import { Command } from 'commander';
import { APP_VERSION } from '../shared/version';
import { type CliIo, processIo, runCli } from './support/run-cli';
import { addStoreOption } from './support/store-option';

type RegisterCommand = (program: Command, io: CliIo) => void;

/**
 * Composition root: each command group registers itself; exit codes live in support/exit-codes.ts.
 * Commands are imported lazily, so the bundle splits into one chunk per command and a run loads only the
 * command it runs (`wim capture` never parses the compiler or the settings catalog). Help, --version and
 * unknown commands load them all, in this order.
 */
const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  build: async () => (await import('./commands/build')).registerBuildCommand,
  compile: async () => (await import('./commands/compile')).registerCompileCommand,
  validate: async () => (await import('./commands/validate')).registerValidateCommand,
  inspect: async () => (await import('./commands/inspect')).registerInspectCommand,
  extract: async () => (await import('./commands/extract')).registerExtractCommand,
  batch: async () => (await import('./commands/batch')).registerBatchCommand,
  diff: async () => (await import('./commands/diff')).registerDiffCommand,
  report: async () => (await import('./commands/report')).registerReportCommand,
  sandbox: async () => (await import('./commands/report')).registerSandboxCommand,
  wim: async () => (await import('./commands/wim')).registerWimCommands,
  settings: async () => (await import('./commands/settings')).registerSettingsCommand,
};

/** Runs `ppkg-studio <process.argv>` and sets the process's exit code. */
export async function main(): Promise<void> {
  const program = new Command('ppkg-studio')
    .description('Build and inspect Windows provisioning packages (.ppkg) natively.')
    .version(APP_VERSION);

  const args = process.argv.slice(2);
  const requested = args.find((arg) => !arg.startsWith('-'));
  // `--version` needs no command at all; help and unknown commands list them all.
  const versionOnly = requested === undefined && args.some((arg) => arg === '-V' || arg === '--version');
  const loaders = versionOnly
    ? []
    : requested && Object.hasOwn(COMMANDS, requested)
      ? [COMMANDS[requested]!]
      : Object.values(COMMANDS);
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program, processIo);
  addStoreOption(program);

  process.exitCode = await runCli(program, process.argv, processIo);
}
