import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { missingToolMessage, toolAvailable, type OracleTool } from './reference';

/**
 * Runners for the external WIM oracles (docs/format/wim-format.md §11): wimlib-imagex and 7-Zip. Each returns the parsed
 * outcome instead of throwing, so tests can assert on the exact problem.
 */

export interface ToolRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Throws an error naming the tool and its Debian package when it is not on PATH. */
export function requireTool(tool: OracleTool): void {
  if (!toolAvailable(tool)) throw new Error(missingToolMessage([tool]));
}

/** Runs an oracle tool; a missing tool is an error naming it, never a silent non-zero exit. */
export function runTool(command: OracleTool | 'sh', args: string[], timeoutMs = 120_000): Promise<ToolRun> {
  if (command !== 'sh') requireTool(command);
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ exitCode: code, stdout, stderr });
      },
    );
  });
}

/** The only warning a WIM without integrity table may produce (docs/format/wim-format.md §11). */
const NO_INTEGRITY_NOTICE = /does not contain integrity information/;

export interface WimlibVerifyResult extends ToolRun {
  /** Exit 0, "successfully verified", and no [WARNING]/[ERROR] other than the missing-integrity notice. */
  ok: boolean;
  /** Every [WARNING] or [ERROR] line except the missing-integrity notice. */
  problems: string[];
  sawIntegrityNotice: boolean;
}

export async function wimlibVerify(path: string): Promise<WimlibVerifyResult> {
  const run = await runTool('wimlib-imagex', ['verify', path]);
  // Progress output uses bare carriage returns, so they split lines too.
  const lines = `${run.stdout}\n${run.stderr}`.split(/\r\n|\r|\n/);
  // wimlib wraps long warnings: a flagged line plus its indented continuation lines form one message.
  const messages: string[] = [];
  for (const line of lines) {
    if (/^\[(WARNING|ERROR)\]/.test(line)) messages.push(line);
    else if (messages.length > 0 && /^\s+\S/.test(line)) messages[messages.length - 1] += ` ${line.trim()}`;
  }
  const problems = messages.filter((message) => !NO_INTEGRITY_NOTICE.test(message));
  return {
    ...run,
    ok: run.exitCode === 0 && /successfully verified/.test(run.stdout + run.stderr) && problems.length === 0,
    problems,
    sawIntegrityNotice: messages.some((message) => NO_INTEGRITY_NOTICE.test(message)),
  };
}

export interface SevenZipTestResult extends ToolRun {
  /** Exit 0 with "Everything is Ok" and no "Headers Error", "XML error" or "Warnings". */
  ok: boolean;
}

export async function sevenZipTest(path: string): Promise<SevenZipTestResult> {
  const run = await runTool('7z', ['t', path]);
  const text = run.stdout + run.stderr;
  const ok =
    run.exitCode === 0 && /Everything is Ok/.test(text) && !/Headers Error|XML error|Warnings:/i.test(text);
  return { ...run, ok };
}

/** `wimlib-imagex apply <wim> 1 <dir>`: extracts image 1 (dir must not exist or be empty). */
export function wimlibApply(wimPath: string, outDir: string): Promise<ToolRun> {
  return runTool('wimlib-imagex', ['apply', wimPath, '1', outDir]);
}

export function wimlibCapture(dir: string, wimPath: string, compression: 'XPRESS' | 'none', name = 'Image') {
  return runTool('wimlib-imagex', ['capture', dir, wimPath, name, `--compress=${compression}`]);
}

export function wimlibInfo(wimPath: string, extraArgs: string[] = []): Promise<ToolRun> {
  return runTool('wimlib-imagex', ['info', wimPath, ...extraArgs]);
}

/** Hex SHA-1 of every regular file under `dir`, keyed by '/'-separated relative path; directories map to null. */
export async function hashTree(dir: string): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    if (entry.isDirectory()) result.set(path, null);
    else if (entry.isFile())
      result.set(
        path,
        createHash('sha1')
          .update(await readFile(full))
          .digest('hex'),
      );
  }
  return result;
}

/** `7z l -slt <file>` parsed: the archive properties and one key/value record per item. */
export async function sevenZipList(
  path: string,
): Promise<{ run: ToolRun; archive: Record<string, string>; items: Record<string, string>[] }> {
  const run = await runTool('7z', ['l', '-slt', path]);
  const [head = '', body = ''] = run.stdout.split(/\n-{10,}\n/);
  const parseBlock = (block: string): Record<string, string> =>
    Object.fromEntries(
      block
        .split('\n')
        .map((line) => /^([^=]+?) = ?(.*)$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => [match[1] as string, match[2] as string]),
    );
  const archive = parseBlock(head.split(/\n--\n/)[1] ?? head);
  const items = body
    .split(/\n\s*\n/)
    .map(parseBlock)
    .filter((item) => item.Path !== undefined);
  return { run, archive, items };
}
