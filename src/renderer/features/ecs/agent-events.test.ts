import { QueryClient } from '@tanstack/react-query';
import { afterEach, expect, it, vi } from 'vitest';
import type { AnyEvent, ServerMessage } from '../../../shared';
import { createClient } from '../../api/client';
import { syncCachesWithEvents } from '../../api/events';
import { stowageQueryKey } from '../../api/hooks';
import { ecsFeature } from './index';

afterEach(() => {
  vi.useRealTimers();
});

it("refetches a task's agent view when the agent says it moved, and nothing else", async () => {
  vi.useFakeTimers();
  const listeners = new Set<(message: ServerMessage) => void>();
  const emit = (event: AnyEvent) =>
    listeners.forEach((listener) => listener({ kind: 'event', ...event }));
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
  const queryClient = new QueryClient();
  const taskArn = 'arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef';
  const agentKey = stowageQueryKey('ecs.tasks.agent', { taskArn });
  const tasksKey = stowageQueryKey('ecs.tasks.list', { cluster: 'c', desiredStatus: 'RUNNING' });
  queryClient.setQueryData(agentKey, { served: true, roles: [], requests: [] });
  queryClient.setQueryData(tasksKey, []);
  const stop = syncCachesWithEvents(
    createClient(transport),
    queryClient,
    ecsFeature.cacheRules ?? [],
  );
  const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;

  emit({ name: 'ecs.agent.changed', payload: { taskArn } });
  await vi.advanceTimersByTimeAsync(1000);
  expect(stale(agentKey)).toBe(true);
  expect(stale(tasksKey)).toBe(false);
  stop();
});
