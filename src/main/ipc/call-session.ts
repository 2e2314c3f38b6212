import { StowageError, type CallRequest, type Envelope } from '../../shared';
import type { Router } from './router';

/**
 * The calls of one client (a window, a WebSocket): each runs with its own AbortController so
 * the client can cancel it by id, and everything still running is aborted when the client
 * goes away.
 */
export interface CallSession {
  call(request: CallRequest): Promise<Envelope<unknown>>;
  cancel(id: number): void;
  close(): void;
}

export function createCallSession(router: Router): CallSession {
  const running = new Map<number, AbortController>();
  let closed = false;

  return {
    async call({ id, name, input }) {
      if (closed) {
        return { error: new StowageError('DISCONNECTED', 'The session is closed.').toPayload() };
      }
      running.get(id)?.abort();
      const controller = new AbortController();
      running.set(id, controller);
      try {
        return await router.dispatch(name, input, controller.signal);
      } finally {
        if (running.get(id) === controller) running.delete(id);
      }
    },
    cancel(id) {
      running.get(id)?.abort();
      running.delete(id);
    },
    close() {
      closed = true;
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}
