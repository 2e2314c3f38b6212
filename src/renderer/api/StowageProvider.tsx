import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { createTransport } from './bridge';
import type { CacheRule } from './cache-rules';
import { createClient, type StowageClient } from './client';
import { invalidateAllOnReconnect, syncCachesWithEvents } from './events';
import { StowageClientContext, TransportContext } from './hooks';
import { createQueryClient } from './query-client';
import type { Transport } from './transport';

export interface StowageServices {
  transport: Transport;
  client: StowageClient;
  queryClient: QueryClient;
}

/** One per window: created outside React so that re-renders never open a second transport. */
export function createStowageServices(): StowageServices {
  const transport = createTransport();
  return { transport, client: createClient(transport), queryClient: createQueryClient() };
}

/** Provides the client and query cache, and keeps the cache live from events. */
export function StowageProvider({
  services,
  cacheRules,
  children,
}: {
  services: StowageServices;
  /** Which events make which queries stale: the features' rules, gathered by the app. */
  cacheRules: readonly CacheRule[];
  children: ReactNode;
}) {
  const { transport, client, queryClient } = services;

  useEffect(() => {
    const stopEvents = syncCachesWithEvents(client, queryClient, cacheRules);
    const stopReconnect = invalidateAllOnReconnect(
      (listener) => transport.onConnectionChange(listener),
      queryClient,
    );
    return () => {
      stopEvents();
      stopReconnect();
    };
  }, [client, queryClient, transport, cacheRules]);

  return (
    <TransportContext value={transport}>
      <StowageClientContext value={client}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </StowageClientContext>
    </TransportContext>
  );
}
