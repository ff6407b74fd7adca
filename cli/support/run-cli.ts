import { type Command, CommanderError } from 'commander';
import { processSecrets } from '../../shared/redaction';
import { describeError, exitCodeFor, type ExitCodeValue, ResultExit } from './exit-codes';
import type { ProgressTerminal } from './progress-line';
import { fdSink, mayBeTerminal } from './stdio';

/** Where commands print: results on stdout, diagnostics on stderr. Injected so tests can capture them. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Terminal for progress lines of long builds (shown only when it is a TTY); none → no progress. */
  progressTerminal?: ProgressTerminal;
}

const stdoutSink = fdSink(1, () => process.stdout);
const stderrSink = fdSink(2, () => process.stderr);

/**
 * Diagnostics pass the one redaction point (shared/redaction.ts); results are printed as asked. Written through
 * cli/support/stdio.ts, so a run whose output is piped or redirected never builds Node's stdio streams.
 */
export const processIo: CliIo = {
  stdout: (text) => stdoutSink(text),
  stderr: (text) => stderrSink(processSecrets.redact(text)),
  // Only a terminal gets a progress line (progress-line.ts); anything else is not even asked.
  get progressTerminal() {
    return mayBeTerminal(2) ? process.stderr : undefined;
  },
};

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/**
 * Parses `argv` (node-style: [node, script, ...args]) and runs the matching command; returns the exit code
 * instead of exiting. Every command gets commander's exitOverride so usage errors become exit 2.
 */
export async function runCli(
  program: Command,
  argv: readonly string[],
  io: CliIo = processIo,
): Promise<ExitCodeValue> {
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  }
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    // Commander has already printed its own message (usage errors, --help, --version); a ResultExit its result.
    if (!(error instanceof CommanderError) && !(error instanceof ResultExit))
      io.stderr(`error: ${processSecrets.redact(describeError(error))}\n`);
    return exitCodeFor(error);
  }
}
