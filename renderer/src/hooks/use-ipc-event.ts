import { useEffect, useLayoutEffect, useRef } from 'react';
import type { IpcEvent } from '../../../shared/ipc/channels';
import type { IpcEventPayload } from '../../../shared/ipc/contract';

/**
 * Subscribes to a main → renderer event for the component's lifetime. The latest listener is used without
 * resubscribing, so callers may pass an inline function.
 */
export function useIpcEvent<Event extends IpcEvent>(
  event: Event,
  listener: (payload: IpcEventPayload<Event>) => void,
): void {
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => window.ppkg.events.on(event, (payload) => latest.current(payload)), [event]);
}
