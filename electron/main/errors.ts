import { BatchCsvError } from '../../shared/batch/csv-table';
import { CompileError } from '../../shared/compiler/errors';
import { DriveError } from '../../shared/drives/errors';
import type { IpcErrorValue } from '../../shared/ipc/contract';
import { ipcErrorSchema } from '../../shared/ipc/contract';
import { SettingPathError } from '../../shared/model/settings-edit';
import { BatchOutputError } from '../../shared/node/batch/run-batch';
import { ProjectInputError } from '../../shared/node/project-input';
import { WimInputError } from '../../shared/node/wim/wim-writer';
import { WimFormatError } from '../../shared/wim/errors';
import { WsbError } from '../../shared/sandbox/wsb';
import { NotAPackageError, PackageMacError } from '../../shared/node/package-security/encryption';
import { ProjectFileError } from '../../shared/xml/errors';
import { errorMessage } from '../../shared/text/error-message';

/**
 * The one place that turns what main throws into the error value that crosses IPC (`{ code, message,
 * details }`, shared/ipc/contract.ts). Handlers throw the core's own error classes; this maps each to a code
 * and the facts the renderer needs (setting path, errno), so no one parses codes out of messages.
 */

/** A failure main raises itself with a contract code (contract breaks, path grants, busy). */
export class MainError extends Error {
  override readonly name = 'MainError';
  constructor(
    readonly code: IpcErrorValue['code'],
    message: string,
    readonly details: IpcErrorValue['details'] = {},
  ) {
    super(message);
  }
}

/** A renderer asked for a path the user never chose in a dialog during this session. */
export class PathNotGrantedError extends MainError {
  constructor(channel: string, path: string, access: 'read' | 'write') {
    super(
      'path-not-granted',
      `IPC "${channel}": path "${path}" was not chosen by the user for ${access} in this session`,
      { channel, path, access },
    );
  }
}

function errnoOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

export function toIpcErrorValue(error: unknown): IpcErrorValue {
  const message = errorMessage(error);
  if (error instanceof MainError) return { code: error.code, message, details: error.details };
  if (error instanceof DriveError)
    return { code: error.code, message, details: { subject: error.subject ?? null } };
  if (error instanceof CompileError)
    return { code: 'compile', message, details: { settingPath: error.settingPath } };
  if (error instanceof ProjectFileError)
    return { code: 'invalid-file', message, details: { kind: error.file, field: error.field } };
  if (error instanceof ProjectInputError)
    return { code: 'invalid-file', message, details: { kind: 'project', field: error.field } };
  if (error instanceof WimFormatError)
    return {
      code: 'invalid-file',
      message,
      details: { kind: 'wim', structure: error.structure, offset: error.offset },
    };
  if (error instanceof BatchCsvError)
    return { code: 'invalid-file', message, details: { kind: 'csv', rowNumber: error.rowNumber ?? null } };
  if (error instanceof SettingPathError || error instanceof WsbError)
    return { code: 'invalid-request', message, details: {} };
  if (error instanceof NotAPackageError || error instanceof PackageMacError)
    return { code: 'invalid-file', message, details: { kind: 'package' } };
  if (error instanceof WimInputError || error instanceof BatchOutputError)
    return { code: 'invalid-request', message, details: {} };
  const errno = errnoOf(error);
  if (errno) return { code: 'io', message, details: { errno } };
  return { code: 'internal', message, details: {} };
}

/** Checks a value against the contract (a code outside the list would be a bug in this file). */
export function validIpcErrorValue(value: IpcErrorValue): IpcErrorValue {
  const parsed = ipcErrorSchema.safeParse(value);
  return parsed.success ? parsed.data : { code: 'internal', message: value.message, details: {} };
}
