import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { createTransport, type Transport } from './bridge';
import { createClient, type StowageClient } from './client';
import { invalidateAllOnReconnect, syncCachesWithEvents } from './events';
import { StowageClientContext, TransportContext } from './hooks';
import { createQueryClient } from './query-client';

export interface StowageServices {
  transport: Transport;
  client: StowageClient;
  queryClient: QueryClient;
}

/** One per window: created outside React so that re-renders never open a second transport. */
export function createStowageServices(): StowageServices {
  const transport = createTransport();
  return { transport, client: createClient(transport.bridge), queryClient: createQueryClient() };
}

/** Provides the client and query cache, and keeps the cache live from events. */
export function StowageProvider({
  services,
  children,
}: {
  services: StowageServices;
  children: ReactNode;
}) {
  const { transport, client, queryClient } = services;

  useEffect(() => {
    const stopEvents = syncCachesWithEvents(client, queryClient);
    const stopReconnect = invalidateAllOnReconnect(transport.onConnectionChange, queryClient);
    return () => {
      stopEvents();
      stopReconnect();
    };
  }, [client, queryClient, transport]);

  return (
    <TransportContext value={transport}>
      <StowageClientContext value={client}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </StowageClientContext>
    </TransportContext>
  );
}
