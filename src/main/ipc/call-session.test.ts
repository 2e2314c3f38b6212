import { describe, expect, it } from 'vitest';
import { createCallSession } from './call-session';
import type { Router } from './router';

/** A router whose calls finish only when aborted, recording the signals it was given. */
function hangingRouter(signals: AbortSignal[]): Router {
  return {
    dispatch: (_name, _input, signal) => {
      signals.push(signal);
      return new Promise((resolve) =>
        signal.addEventListener('abort', () =>
          resolve({ error: { code: 'CANCELLED', message: 'cancelled' } }),
        ),
      );
    },
  };
}

describe('call session', () => {
  it('cancels one call by id and leaves the others running', async () => {
    const signals: AbortSignal[] = [];
    const session = createCallSession(hangingRouter(signals));
    const first = session.call({ id: 1, name: 'images.list', input: {} });
    void session.call({ id: 2, name: 'images.list', input: {} });
    session.cancel(1);
    expect(await first).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });

  it('aborts everything when closed and refuses later calls', async () => {
    const signals: AbortSignal[] = [];
    const session = createCallSession(hangingRouter(signals));
    const pending = session.call({ id: 1, name: 'images.list', input: {} });
    session.close();
    await pending;
    expect(signals[0]?.aborted).toBe(true);
    expect(await session.call({ id: 2, name: 'images.list', input: {} })).toMatchObject({
      error: { code: 'DISCONNECTED' },
    });
  });
});
