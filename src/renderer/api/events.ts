import type { QueryClient } from '@tanstack/react-query';
import type { CallName, DockerEvent, EngineStatus } from '../../shared';
import type { StowageClient } from './client';
import { stowageQueryKey } from './hooks';

const invalidationDelayMs = 150;

/** Which cached calls an engine event makes stale, by the event's object type. */
export function callsStaleAfter(event: DockerEvent): CallName[] {
  switch (event.type) {
    case 'image':
      return ['images.list', 'engine.info'];
    case 'container':
      // Containers change the per-image container counts as well as the engine's totals.
      return ['images.list', 'engine.info'];
    case 'volume':
      return ['engine.info'];
    default:
      return [];
  }
}

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
    invalidate(names: CallName[]): void {
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
 * straight into its cache, and engine events mark the affected queries stale.
 */
export function syncCachesWithEvents(client: StowageClient, queryClient: QueryClient): () => void {
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
  const stopDocker = client.subscribe('docker.event', (event) => {
    batcher.invalidate(callsStaleAfter(event));
  });

  return () => {
    stopStatus();
    stopDocker();
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
