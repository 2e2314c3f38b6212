import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnyEvent, EngineStatus, ServerMessage } from '../../shared';
import { cacheRule } from './cache-rules';
import { createClient } from './client';
import { syncCachesWithEvents } from './events';
import { stowageQueryKey } from './hooks';

const endpoint = { address: 'unix:///var/run/docker.sock', source: 'default' } as const;
const status = (state: EngineStatus['state']): AnyEvent => ({
  name: 'engine.status',
  payload: { state, endpoint, since: 1 },
});

describe('syncCachesWithEvents', () => {
  let emit: (event: AnyEvent) => void;
  let queryClient: QueryClient;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    const listeners = new Set<(message: ServerMessage) => void>();
    emit = (event) => listeners.forEach((listener) => listener({ kind: 'event', ...event }));
    const transport = {
      bridge: {
        send: () => undefined,
        onMessage: (listener: (message: ServerMessage) => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      connected: () => true,
      onConnectionChange: () => () => undefined,
    };
    queryClient = new QueryClient();
    queryClient.setQueryData(stowageQueryKey('images.list', {}), []);
    const rules = [
      cacheRule('engine.event', (event) =>
        event.type === 'image' ? ['images.list', 'engine.info'] : [],
      ),
    ];
    stop = syncCachesWithEvents(createClient(transport), queryClient, rules);
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const imagesStale = () =>
    queryClient.getQueryState(stowageQueryKey('images.list', {}))?.isInvalidated;

  it('writes the engine status into its cache', () => {
    emit(status('connected'));
    expect(queryClient.getQueryData(stowageQueryKey('engine.status', {}))).toMatchObject({
      state: 'connected',
    });
  });

  it('marks everything stale when the engine goes away and when it returns', async () => {
    emit(status('connected'));
    await vi.advanceTimersByTimeAsync(200);
    expect(imagesStale()).toBe(false);

    emit(status('unreachable'));
    await vi.advanceTimersByTimeAsync(200);
    expect(imagesStale()).toBe(true);

    queryClient.setQueryData(stowageQueryKey('images.list', {}), []);
    emit(status('connecting'));
    await vi.advanceTimersByTimeAsync(200);
    expect(imagesStale()).toBe(false);
    emit(status('connected'));
    await vi.advanceTimersByTimeAsync(200);
    expect(imagesStale()).toBe(true);
  });

  it('batches a burst of image events into one invalidation after a quiet moment', async () => {
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    for (let i = 0; i < 20; i++) {
      emit({
        name: 'engine.event',
        payload: { type: 'image', action: 'tag', id: `sha256:${i}`, time: i, attributes: {} },
      });
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(invalidate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      ['images.list'],
      ['engine.info'],
    ]);
  });
});
