import { execFile } from 'node:child_process';
import { DriveError } from '../../drives/errors';
import {
  LSBLK_COLUMNS,
  LSBLK_COLUMNS_LEGACY,
  lsblkArguments,
  parseLsblkJson,
} from '../../drives/linux-lsblk';
import {
  DISKUTIL_LIST_ARGUMENTS,
  diskutilInfoArguments,
  diskutilInfoTargets,
  parseDiskutil,
} from '../../drives/macos-diskutil';
import type { RemovableDrive } from '../../drives/types';
import { WINDOWS_POWERSHELL_ARGUMENTS, parseWindowsStorageJson } from '../../drives/windows-storage';

/** Runs a tool without a shell and returns its stdout; the test seam for the listing. */
export type CommandRunner = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

const COMMAND_TIMEOUT_MS = 15_000;
/** PowerShell's cold start alone can take several seconds on a busy technician laptop. */
const POWERSHELL_TIMEOUT_MS = 30_000;

export const runCommand: CommandRunner = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: timeoutMs, windowsHide: true, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', shell: false },
      (error, stdout, stderr) => {
        if (error) {
          const timedOut = (error as NodeJS.ErrnoException & { killed?: boolean }).killed === true;
          const detail = timedOut
            ? `timed out after ${timeoutMs} ms`
            : (stderr.trim() || error.message).slice(0, 500);
          reject(new DriveError('command-failed', detail, `${file} ${args.join(' ')}`.slice(0, 200)));
          return;
        }
        resolve(stdout);
      },
    );
  });

async function listLinux(run: CommandRunner): Promise<RemovableDrive[]> {
  let output: string;
  try {
    output = await run('lsblk', lsblkArguments(LSBLK_COLUMNS), COMMAND_TIMEOUT_MS);
  } catch (error) {
    // util-linux before 2.37 has no MOUNTPOINTS column and refuses the whole command.
    if (!(error instanceof DriveError) || !/unknown column/i.test(error.detail)) throw error;
    output = await run('lsblk', lsblkArguments(LSBLK_COLUMNS_LEGACY), COMMAND_TIMEOUT_MS);
  }
  return parseLsblkJson(output);
}

async function listMac(run: CommandRunner): Promise<RemovableDrive[]> {
  const list = await run('diskutil', DISKUTIL_LIST_ARGUMENTS, COMMAND_TIMEOUT_MS);
  const infos: Record<string, string> = {};
  // One at a time: diskutil talks to diskarbitrationd, which serialises requests anyway.
  for (const identifier of diskutilInfoTargets(list)) {
    infos[identifier] = await run('diskutil', diskutilInfoArguments(identifier), COMMAND_TIMEOUT_MS);
  }
  return parseDiskutil(list, infos);
}

async function listWindows(run: CommandRunner): Promise<RemovableDrive[]> {
  const output = await run('powershell.exe', WINDOWS_POWERSHELL_ARGUMENTS, POWERSHELL_TIMEOUT_MS);
  return parseWindowsStorageJson(output);
}

/**
 * Removable volumes of this machine, through the OS's own tools (lsblk, diskutil, PowerShell). System and
 * internal disks are never returned; unmounted or read-only volumes come back with `writable: false`.
 */
export async function listRemovableDrives(
  platform: NodeJS.Platform = process.platform,
  run: CommandRunner = runCommand,
): Promise<RemovableDrive[]> {
  switch (platform) {
    case 'linux':
      return listLinux(run);
    case 'darwin':
      return listMac(run);
    case 'win32':
      return listWindows(run);
    default:
      throw new DriveError('unsupported-platform', 'no removable-drive listing for this OS', platform);
  }
}
