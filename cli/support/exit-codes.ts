import { CommanderError } from 'commander';
import { CompileError } from '../../shared/compiler/errors';
import { WimFormatError } from '../../shared/wim/errors';
import { errorMessage } from '../../shared/text/error-message';

/** Exit codes shared by every ppkg-studio command. */
export const ExitCode = {
  ok: 0,
  /** The input file or folder is missing, unreadable or malformed (message names structure/offset). */
  badInput: 1,
  /** Bad command line: unknown command/option, missing argument, invalid choice, unusable output path. */
  usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Throw from a command for a usage problem commander cannot detect itself (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Throw from a command when its input is invalid (exit 1); the message is shown as is. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Ends a command with `exitCode` after it has printed its result itself (diff: 1 = different). Not printed. */
export class ResultExit extends Error {
  override readonly name = 'ResultExit';
  constructor(readonly exitCode: ExitCodeValue) {
    super(`exit ${exitCode}`);
  }
}

const FILE_SYSTEM_INPUT_CODES = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ELOOP']);

/** Maps any error a command throws to its exit code. Commander's own errors are usage errors. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof ResultExit) return error.exitCode;
  return ExitCode.badInput;
}

/** Our temp files (`.<name>.<12 hex>.tmp`, atomic-write.ts) are shown as the file they become. */
const TEMP_NAME = /\.([^/\\]+)\.[0-9a-f]{12}\.tmp\b/g;

/** One-line, user-facing description (no stack traces; WimFormatError already names structure and offset). */
export function describeError(error: unknown): string {
  return describeErrorRaw(error).replace(TEMP_NAME, '$1');
}

function describeErrorRaw(error: unknown): string {
  if (error instanceof WimFormatError) return `invalid WIM: ${error.message}`;
  // Every setting that cannot compile, one per line, so a project is fixed in one pass.
  if (error instanceof CompileError && error.issues.length > 1) {
    return `${error.issues.length} settings cannot be compiled:\n${error.issues
      .map((issue) => `  ${issue.settingPath || '(package)'}: ${issue.detail}`)
      .join('\n')}`;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && code && FILE_SYSTEM_INPUT_CODES.has(code)) {
    const path = (error as NodeJS.ErrnoException).path;
    return `${code === 'ENOENT' ? 'not found' : 'cannot access'}: ${path ?? error.message}`;
  }
  return errorMessage(error);
}
