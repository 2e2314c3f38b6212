import { getEventListeners } from 'node:events';
import type Docker from 'dockerode';

/**
 * An engine that answers on the next turn and, as docker-modem does, holds two 'abort'
 * listeners on the caller's signal while a request is in flight (the request's and its
 * response's). It records the most listeners one signal ever held: Node logs
 * MaxListenersExceededWarning at the eleventh.
 */
export function listenerCountingEngine(
  answer: (path: string) => unknown,
  extra: Record<string, unknown> = {},
) {
  let peak = 0;
  const docker = {
    ...extra,
    modem: {
      dial(
        options: { path: string; abortSignal: AbortSignal },
        callback: (error: unknown, data: unknown) => void,
      ) {
        const listeners = [() => undefined, () => undefined];
        for (const listener of listeners) options.abortSignal.addEventListener('abort', listener);
        peak = Math.max(peak, getEventListeners(options.abortSignal, 'abort').length);
        setImmediate(() => {
          for (const listener of listeners) {
            options.abortSignal.removeEventListener('abort', listener);
          }
          // docker-modem's paths end in '?' and a query string; the answer goes by path alone.
          callback(null, answer(options.path.replace(/\?.*$/, '')));
        });
      },
    },
  } as unknown as Docker;
  return { docker, peak: () => peak };
}
