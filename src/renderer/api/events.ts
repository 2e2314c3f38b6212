import type { QueryClient } from '@tanstack/react-query';
import type { CallName, EngineStatus } from '../../shared';
import type { CacheRule } from './cache-rules';
import type { StowageClient } from './client';
import { stowageQueryKey } from './hooks';

const invalidationDelayMs = 150;

/**
 * Collects invalidations and applies them once things go quiet, so that a burst of engine
 * events (a build, a prune) costs one refetch per query rather than one per event.
 */
export function createInvalidationBatcher(queryClient: QueryClient, delayMs = invalidationDelayMs) {
  const pending = new Set<CallName>();
  let everything = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    timer = undefined;
    if (everything) {
      void queryClient.invalidateQueries();
    } else {
      for (const name of pending) void queryClient.invalidateQueries({ queryKey: [name] });
    }
    everything = false;
    pending.clear();
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  }

  return {
    invalidate(names: readonly CallName[]): void {
      if (names.length === 0) return;
      for (const name of names) pending.add(name);
      schedule();
    },
    invalidateAll(): void {
      everything = true;
      schedule();
    },
    dispose(): void {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/**
 * Keeps the query caches in step with the service without polling: engine status is written
 * straight into its cache, and every event marks stale the queries the features' rules name.
 */
export function syncCachesWithEvents(
  client: StowageClient,
  queryClient: QueryClient,
  rules: readonly CacheRule[],
): () => void {
  const batcher = createInvalidationBatcher(queryClient);
  const statusKey = stowageQueryKey('engine.status', {});

  const stopStatus = client.subscribe('engine.status', (status) => {
    const previous = queryClient.getQueryData<EngineStatus>(statusKey);
    queryClient.setQueryData(statusKey, status);
    // Refetch when the engine comes back (events may have been missed) and when it goes away
    // (so every page says so at once instead of showing the last answer as if it were live).
    const settled = status.state === 'connected' || status.state === 'unreachable';
    if (settled && previous && previous.state !== status.state) batcher.invalidateAll();
  });
  const stopRules = rules.map((rule) =>
    client.subscribe(rule.event, (payload) => batcher.invalidate(rule.stale(payload as never))),
  );

  return () => {
    stopStatus();
    for (const stop of stopRules) stop();
    batcher.dispose();
  };
}

/** After the transport comes back, anything may have changed while no events could arrive. */
export function invalidateAllOnReconnect(
  onConnectionChange: (listener: (connected: boolean) => void) => () => void,
  queryClient: QueryClient,
): () => void {
  let connectedBefore = false;
  return onConnectionChange((connected) => {
    if (!connected) return;
    if (connectedBefore) void queryClient.invalidateQueries();
    connectedBefore = true;
  });
}
