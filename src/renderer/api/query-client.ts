import { QueryClient } from '@tanstack/react-query';
import type { ErrorCode } from '../../shared';
import { isStowageError } from '../../shared';

/** Retrying cannot help these: the engine reconnects on its own and bad input stays bad. */
const permanentCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'DOCKER_UNREACHABLE',
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNKNOWN_CALL',
  'CANCELLED',
]);

const maxRetries = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isStowageError(error) && permanentCodes.has(error.code)) return false;
  return failureCount < maxRetries;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // Events keep the caches fresh, so a remount need not refetch what is already known.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}
