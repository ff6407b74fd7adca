import { escapeText } from '../xml/xml-escape';

/**
 * The Windows Sandbox configuration (.wsb) for one test run of a package. A run folder on the host holds
 * `package\package.ppkg` (mapped read-only), `script\` with our PowerShell script (read-only) and `results\`
 * (the only writable mapping); the logon command runs the script inside the sandbox. The element names
 * are those Microsoft documents for .wsb files (Configuration, Networking, MappedFolders/MappedFolder with
 * HostFolder, SandboxFolder, ReadOnly, LogonCommand/Command).
 */

/** Where the run folder's parts appear inside the sandbox. */
export const SANDBOX_ROOT = 'C:\\PPKGStudio';
export const SANDBOX_PACKAGE_FOLDER = `${SANDBOX_ROOT}\\package`;
export const SANDBOX_SCRIPT_FOLDER = `${SANDBOX_ROOT}\\script`;
export const SANDBOX_RESULTS_FOLDER = `${SANDBOX_ROOT}\\results`;
/** Fixed names inside the run folder, so nothing the user named reaches the command line. */
export const RUN_PACKAGE_FILE = 'package.ppkg';
export const RUN_SCRIPT_FILE = 'Test-ProvisioningPackage.ps1';

/**
 * Shown wherever networking can be turned on: a package that enrolls in an MDM and reaches it creates a real
 * device record there (and may consume a licence or bulk token) — for a disposable sandbox.
 */
export const NETWORKING_WARNING =
  'Networking lets the package reach real services: an MDM enrollment that reaches the MDM creates a device record there (and uses the enrollment token or licence), Wi-Fi profiles and commands that download things run for real. Off by default.';

export interface WsbOptions {
  /** Absolute Windows path of the run folder on the host (holds package\, script\, results\). */
  hostRunFolder: string;
  /** Off by default (NETWORKING_WARNING). */
  networking?: boolean;
  /** Minutes the script waits for provisioning to finish before it writes a partial summary. */
  timeoutMinutes?: number;
}

export interface MappedFolder {
  hostFolder: string;
  sandboxFolder: string;
  readOnly: boolean;
}

export interface WsbPlan {
  mappedFolders: MappedFolder[];
  logonCommand: string;
  networking: boolean;
  xml: string;
}

export class WsbError extends Error {
  override readonly name = 'WsbError';
}

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)/;

function checkHostFolder(path: string): string {
  if (!WINDOWS_ABSOLUTE.test(path))
    throw new WsbError(`hostRunFolder: "${path}" is not an absolute Windows path`);
  // Quotes, control characters and wildcards have no place in a folder Windows Sandbox maps.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/["<>|?*\u0000-\u001f]/.test(path.slice(2)))
    throw new WsbError(`hostRunFolder: "${path}" holds a character a mapped folder cannot have`);
  return path.replace(/\\+$/, '');
}

/** The command the sandbox runs at logon: our script on the read-only package, writing to results\. */
export function logonCommand(timeoutMinutes = 20): string {
  if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 1 || timeoutMinutes > 240)
    throw new WsbError('timeoutMinutes: expected a whole number from 1 to 240');
  return (
    `powershell.exe -NoProfile -ExecutionPolicy Bypass -File "${SANDBOX_SCRIPT_FOLDER}\\${RUN_SCRIPT_FILE}"` +
    ` -PackagePath "${SANDBOX_PACKAGE_FOLDER}\\${RUN_PACKAGE_FILE}" -ResultsPath "${SANDBOX_RESULTS_FOLDER}"` +
    ` -TimeoutMinutes ${timeoutMinutes}`
  );
}

export function createWsb(options: WsbOptions): WsbPlan {
  const run = checkHostFolder(options.hostRunFolder);
  const networking = options.networking ?? false;
  const mappedFolders: MappedFolder[] = [
    { hostFolder: `${run}\\package`, sandboxFolder: SANDBOX_PACKAGE_FOLDER, readOnly: true },
    { hostFolder: `${run}\\script`, sandboxFolder: SANDBOX_SCRIPT_FOLDER, readOnly: true },
    { hostFolder: `${run}\\results`, sandboxFolder: SANDBOX_RESULTS_FOLDER, readOnly: false },
  ];
  const command = logonCommand(options.timeoutMinutes);
  const lines = [
    '<Configuration>',
    `  <Networking>${networking ? 'Enable' : 'Disable'}</Networking>`,
    '  <VGpu>Disable</VGpu>',
    '  <ClipboardRedirection>Disable</ClipboardRedirection>',
    '  <PrinterRedirection>Disable</PrinterRedirection>',
    '  <AudioInput>Disable</AudioInput>',
    '  <VideoInput>Disable</VideoInput>',
    '  <MappedFolders>',
    ...mappedFolders.flatMap((folder) => [
      '    <MappedFolder>',
      `      <HostFolder>${escapeText(folder.hostFolder)}</HostFolder>`,
      `      <SandboxFolder>${escapeText(folder.sandboxFolder)}</SandboxFolder>`,
      `      <ReadOnly>${folder.readOnly ? 'true' : 'false'}</ReadOnly>`,
      '    </MappedFolder>',
    ]),
    '  </MappedFolders>',
    '  <LogonCommand>',
    `    <Command>${escapeText(command)}</Command>`,
    '  </LogonCommand>',
    '</Configuration>',
    '',
  ];
  return { mappedFolders, logonCommand: command, networking, xml: lines.join('\r\n') };
}
