import { ipcErrorSchema, type IpcErrorCode, type IpcErrorValue, type PpkgApi } from './contract';

/** Sends one call to main and resolves with main's reply value (an `IpcReply`, validated here). */
export type InvokeTransport = (channel: string, args: unknown[]) => Promise<unknown>;
export type SubscribeTransport = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * What the preload exposes as `window.ppkgBridge`: the raw transport. Replies and events are plain data, so
 * they cross the context bridge whole; the renderer builds `window.ppkg` over it (renderer/src/ipc.ts), which
 * is why an error keeps its code and details (an Error thrown across the bridge would keep only its message).
 */
export interface PpkgBridge {
  invoke: InvokeTransport;
  on: SubscribeTransport;
}

/** A failed IPC call as the renderer sees it: main's error value, unchanged, as an Error. */
export class IpcError extends Error {
  override readonly name = 'IpcError';
  readonly code: IpcErrorCode;
  readonly details: IpcErrorValue['details'];

  constructor(value: IpcErrorValue) {
    super(value.message);
    this.code = value.code;
    this.details = value.details;
  }

  /** The value main sent, for comparison and logging. */
  toValue(): IpcErrorValue {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Main's reply → the result, or a thrown IpcError (a malformed reply is itself an `invalid-result`). */
function unwrapReply(channel: string, reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'value' in reply) return reply.value;
    if (reply.ok === false && 'error' in reply) {
      const parsed = ipcErrorSchema.safeParse(reply.error);
      if (parsed.success) throw new IpcError(parsed.data);
    }
  }
  throw new IpcError({
    code: 'invalid-result',
    message: `IPC "${channel}": main sent a reply that is not an IPC reply`,
    details: { channel },
  });
}

/**
 * Builds `window.ppkg` from the channel list: `ppkg.<namespace>.<method>(…)` invokes `<namespace>:<method>`
 * and unwraps main's reply. Used by the renderer over the preload's bridge and by unit tests over an
 * in-memory transport, so only the transport differs.
 */
export function buildPpkgApi(
  channels: readonly string[],
  events: readonly string[],
  invoke: InvokeTransport,
  subscribe: SubscribeTransport,
): PpkgApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channels) {
    const separator = channel.indexOf(':');
    const namespace = channel.slice(0, separator);
    const method = channel.slice(separator + 1);
    if (separator <= 0 || !method || namespace === 'events') {
      throw new Error(`IPC channel name "${channel}" is not "<namespace>:<method>"`);
    }
    const group = (api[namespace] ??= {});
    group[method] = async (...args: unknown[]) => unwrapReply(channel, await invoke(channel, args));
  }
  const known = new Set(events);
  api.events = {
    on(event: string, listener: (payload: unknown) => void) {
      if (!known.has(event)) throw new Error(`Unknown IPC event "${event}"`);
      return subscribe(event, listener);
    },
  };
  // Freeze so page scripts cannot swap a method for another channel.
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as PpkgApi;
}
