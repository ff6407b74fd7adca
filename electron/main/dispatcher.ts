import type { z } from 'zod';
import { ipcChannelNames, type IpcChannel } from '../../shared/ipc/channels';
import { ipcContract, type IpcHandlers, type IpcReply } from '../../shared/ipc/contract';
import { MainError, toIpcErrorValue, validIpcErrorValue } from './errors';
import { secretsInArguments, silentLogger, type MainLogger } from './logger';

/** Where an IPC call came from, as far as the trust decision needs it. */
export interface IpcSender {
  /** URL of the frame that sent the call. */
  url: string;
  /** False for iframes: only our top-level document may call main. */
  isMainFrame: boolean;
}

/** An IPC call broke the contract: unknown channel, bad argument, untrusted sender or a bad result. */
export class IpcContractError extends MainError {
  constructor(
    readonly channel: string,
    code: 'invalid-request' | 'untrusted-sender' | 'invalid-result',
    detail: string,
  ) {
    super(code, `IPC "${channel}": ${detail}`, { channel });
  }
}

/** "argument 1 field "path": Invalid input: expected string, received number" for each zod issue. */
export function describeArgumentIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const [index, ...field] = issue.path;
      if (typeof index !== 'number') return `arguments: ${issue.message}`;
      const where = field.length > 0 ? ` field "${field.map(String).join('.')}"` : '';
      return `argument ${index + 1}${where}: ${issue.message}`;
    })
    .join('; ');
}

function describeResultIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map(
      (issue) =>
        `result${issue.path.length ? ` field "${issue.path.map(String).join('.')}"` : ''}: ${issue.message}`,
    )
    .join('; ');
}

const knownChannels: ReadonlySet<string> = new Set(ipcChannelNames);

/** Answers every call with a reply value; it never rejects. */
export type IpcDispatch = (channel: string, args: readonly unknown[], sender: IpcSender) => Promise<IpcReply>;

/**
 * The one validating entry point for IPC calls, shared by Electron's ipcMain (electron/main/ipc.ts) and the
 * Playwright bridge (tests/e2e/fixtures.ts), so only the transport differs between app and tests.
 * It rejects calls from untrusted frames, validates the arguments against the contract, runs the handler,
 * and validates the result so main never hands the renderer something the types do not promise. Whatever
 * fails becomes an error value (errors.ts) and one log line, with the call's secrets masked.
 */
export function createDispatcher(
  handlers: IpcHandlers,
  isTrustedSender: (sender: IpcSender) => boolean,
  logger: MainLogger = silentLogger,
): IpcDispatch {
  const call = async (channel: string, args: readonly unknown[], sender: IpcSender): Promise<unknown> => {
    if (!knownChannels.has(channel))
      throw new IpcContractError(channel, 'invalid-request', 'unknown channel');
    if (!isTrustedSender(sender)) {
      throw new IpcContractError(
        channel,
        'untrusted-sender',
        `rejected a call from an untrusted frame (${sender.url || 'no URL'})`,
      );
    }
    const known = channel as IpcChannel;
    const spec = ipcContract[known];
    const parsedArgs = spec.args.safeParse(args);
    if (!parsedArgs.success) {
      throw new IpcContractError(
        channel,
        'invalid-request',
        `invalid arguments: ${describeArgumentIssues(parsedArgs.error.issues)}`,
      );
    }
    // The contract types every handler by its own channel; the lookup by a runtime name loses that link.
    const handler = handlers[known] as (...validArgs: unknown[]) => Promise<unknown>;
    const result = await handler(...(parsedArgs.data as unknown[]));
    const parsedResult = spec.result.safeParse(result);
    if (!parsedResult.success) {
      throw new IpcContractError(
        channel,
        'invalid-result',
        `handler broke the contract: ${describeResultIssues(parsedResult.error.issues)}`,
      );
    }
    return parsedResult.data;
  };
  return async (channel, args, sender) => {
    try {
      return { ok: true, value: await call(channel, args, sender) };
    } catch (thrown) {
      const error = validIpcErrorValue(toIpcErrorValue(thrown));
      logger.log(
        error.code === 'internal' || error.code === 'invalid-result' ? 'error' : 'warn',
        'ipc-error',
        {
          channel: knownChannels.has(channel) ? channel : '(unknown)',
          code: error.code,
          message: error.message,
        },
        secretsInArguments(args),
      );
      if (error.code === 'internal' && thrown instanceof Error && thrown.stack)
        logger.log('error', 'ipc-error-stack', { channel, stack: thrown.stack }, secretsInArguments(args));
      return { ok: false, error };
    }
  };
}

/**
 * Trusts only the top-level document of our own renderer: the same origin as the dev server URL, or for a
 * packaged app the very `file:` page we loaded (any other local file is foreign).
 */
export function createTrustedSenderCheck(rendererUrl: string): (sender: IpcSender) => boolean {
  const expected = new URL(rendererUrl);
  return (sender) => {
    if (!sender.isMainFrame) return false;
    let actual: URL;
    try {
      actual = new URL(sender.url);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:')
      return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    return actual.origin === expected.origin;
  };
}
