import {
  queryOptions,
  useQuery,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { CallInput, CallName, CallOutput, StowageError } from '../../shared';
import type { StowageClient } from './client';
import { shouldRetry } from './query-client';
import type { Transport } from './transport';

export const StowageClientContext = createContext<StowageClient | null>(null);
export const TransportContext = createContext<Transport | null>(null);

export function useStowageClient(): StowageClient {
  const client = useContext(StowageClientContext);
  if (!client) throw new Error('useStowageClient needs a StowageProvider above it.');
  return client;
}

export type StowageQueryKey<K extends CallName> = readonly [K, CallInput<K>];

export function stowageQueryKey<K extends CallName>(
  name: K,
  input: CallInput<K>,
): StowageQueryKey<K> {
  return [name, input] as const;
}

/**
 * The query options of one call, with a key typed by the contract: `queryClient.getQueryData(
 * stowageQueryOptions('images.list', {}).queryKey)` is an `ImageSummary[]` without a cast.
 */
export function stowageQueryOptions<K extends CallName>(
  client: StowageClient,
  name: K,
  input: CallInput<K>,
) {
  return queryOptions<CallOutput<K>, StowageError, CallOutput<K>, StowageQueryKey<K>>({
    queryKey: stowageQueryKey(name, input),
    queryFn: ({ signal }) => client.call(name, input, { signal }),
    retry: shouldRetry,
  });
}

type ExtraQueryOptions<K extends CallName> = Omit<
  UseQueryOptions<CallOutput<K>, StowageError, CallOutput<K>, StowageQueryKey<K>>,
  'queryKey' | 'queryFn'
>;

export function useStowageQuery<K extends CallName>(
  name: K,
  input: CallInput<K>,
  options: ExtraQueryOptions<K> = {},
): UseQueryResult<CallOutput<K>, StowageError> {
  const client = useStowageClient();
  return useQuery({ ...stowageQueryOptions(client, name, input), ...options });
}
