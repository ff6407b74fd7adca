import { Command } from 'commander';
import { type CliIo, runCli } from '../../cli/support/run-cli';

/** A command group's register function, as the CLI's composition root (cli/index.ts) calls it. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order they were written. */
  output: string;
}

/**
 * Runs `ppkg-studio <args>` in this process with only the given command groups registered (faster than the
 * bundled CLI, tests/support/cli-bundle.ts, and enough where the process itself is not under test).
 */
export async function runCliInProcess(
  commands: readonly RegisterCommand[],
  args: string[],
): Promise<CliOutput> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: string[] = [];
  const writer = (stream: string[]) => (text: string) => {
    stream.push(text);
    output.push(text);
  };
  const io: CliIo = { stdout: writer(stdout), stderr: writer(stderr) };
  const program = new Command('ppkg-studio');
  for (const register of commands) register(program, io);
  const code = await runCli(program, ['node', 'ppkg-studio', ...args], io);
  return { code, stdout: stdout.join(''), stderr: stderr.join(''), output: output.join('') };
}
