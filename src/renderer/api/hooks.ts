import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { CallInput, CallName, CallOutput, StowageError } from '../../shared';
import type { StowageClient } from './client';
import type { Transport } from './bridge';
import { shouldRetry } from './query-client';

export const StowageClientContext = createContext<StowageClient | null>(null);
export const TransportContext = createContext<Transport | null>(null);

export function useStowageClient(): StowageClient {
  const client = useContext(StowageClientContext);
  if (!client) throw new Error('useStowageClient needs a StowageProvider above it.');
  return client;
}

export type StowageQueryKey<K extends CallName> = readonly [K, CallInput<K>];

type ExtraQueryOptions<K extends CallName> = Omit<
  UseQueryOptions<CallOutput<K>, StowageError, CallOutput<K>, StowageQueryKey<K>>,
  'queryKey' | 'queryFn'
>;

export function stowageQueryKey<K extends CallName>(
  name: K,
  input: CallInput<K>,
): StowageQueryKey<K> {
  return [name, input] as const;
}

export function useStowageQuery<K extends CallName>(
  name: K,
  input: CallInput<K>,
  options: ExtraQueryOptions<K> = {},
): UseQueryResult<CallOutput<K>, StowageError> {
  const client = useStowageClient();
  return useQuery({
    retry: shouldRetry,
    ...options,
    queryKey: stowageQueryKey(name, input),
    queryFn: ({ signal }) => client.call(name, input, { signal }),
  });
}
