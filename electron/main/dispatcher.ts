import type { z } from 'zod';
import { ipcChannelNames, type IpcChannel } from '../../shared/ipc/channels';
import { ipcContract, type IpcHandlers } from '../../shared/ipc/contract';

/** Where an IPC call came from, as far as the trust decision needs it. */
export interface IpcSender {
  /** URL of the frame that sent the call. */
  url: string;
  /** False for iframes: only our top-level document may call main. */
  isMainFrame: boolean;
}

/** An IPC call broke the contract: unknown channel, bad argument, untrusted sender or a bad result. */
export class IpcContractError extends Error {
  constructor(
    readonly channel: string,
    detail: string,
  ) {
    super(`IPC "${channel}": ${detail}`);
    this.name = 'IpcContractError';
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

export type IpcDispatch = (channel: string, args: readonly unknown[], sender: IpcSender) => Promise<unknown>;

/**
 * The one validating entry point for IPC calls, shared by Electron's ipcMain (electron/main/ipc.ts) and the
 * Playwright bridge (tests/e2e/fixtures.ts), so only the transport differs between app and tests.
 * It rejects calls from untrusted frames, validates the arguments against the contract, runs the handler,
 * and validates the result so main never hands the renderer something the types do not promise.
 */
export function createDispatcher(
  handlers: IpcHandlers,
  isTrustedSender: (sender: IpcSender) => boolean,
): IpcDispatch {
  return async (channel, args, sender) => {
    if (!knownChannels.has(channel)) throw new IpcContractError(channel, 'unknown channel');
    if (!isTrustedSender(sender)) {
      throw new IpcContractError(
        channel,
        `rejected a call from an untrusted frame (${sender.url || 'no URL'})`,
      );
    }
    const known = channel as IpcChannel;
    const spec = ipcContract[known];
    const parsedArgs = spec.args.safeParse(args);
    if (!parsedArgs.success) {
      throw new IpcContractError(
        channel,
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
        `handler broke the contract: ${describeResultIssues(parsedResult.error.issues)}`,
      );
    }
    return parsedResult.data;
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
