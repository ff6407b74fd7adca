import type { PpkgApi } from './contract';

export type InvokeTransport = (channel: string, args: unknown[]) => Promise<unknown>;
export type SubscribeTransport = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.ppkg` from the channel list: `ppkg.<namespace>.<method>(…)` invokes `<namespace>:<method>`.
 * Used by the real preload (over ipcRenderer) and by the Playwright test preload (over an exposed binding),
 * so only the transport differs. Self-contained on purpose (no outer references): the e2e fixture injects
 * its source text into the page as an init script.
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
    group[method] = (...args: unknown[]) => invoke(channel, args);
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
