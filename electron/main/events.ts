import type { IpcEvent } from '../../shared/ipc/channels';
import { ipcEventContract, type IpcEmit, type IpcEventPayload } from '../../shared/ipc/contract';

/**
 * Wraps a transport (Electron's webContents.send, or the Playwright bridge) as main's `emit`: every payload is
 * checked against the contract before it leaves, as the dispatcher checks every result.
 */
export function createEmitter(send: (event: IpcEvent, payload: unknown) => void): IpcEmit {
  return (event, payload) => send(event, ipcEventContract[event].parse(payload));
}

/** An emitter for code paths with no window (unit tests of a single handler). */
export const discardEvents: IpcEmit = () => undefined;

/**
 * Progress for one long operation: at most one event per `intervalMs` (a 1 GiB write reports thousands of
 * chunks), always the first one, and `flush()` sends the last value held back.
 */
export function throttledProgress<Event extends IpcEvent>(
  emit: IpcEmit,
  event: Event,
  intervalMs = 100,
  now: () => number = () => performance.now(),
): { push(payload: IpcEventPayload<Event>): void; flush(): void } {
  let lastSent = Number.NEGATIVE_INFINITY;
  let held: IpcEventPayload<Event> | null = null;
  return {
    push(payload) {
      const time = now();
      if (time - lastSent >= intervalMs) {
        lastSent = time;
        held = null;
        emit(event, payload);
      } else held = payload;
    },
    flush() {
      if (held) emit(event, held);
      held = null;
    },
  };
}
