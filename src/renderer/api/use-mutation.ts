import { useCallback, useRef, useState } from 'react';
import { StowageError } from '../../shared';
import type { StowageClient } from './client';
import { useStowageClient } from './hooks';

/** How one run ended: its value, or the error that is also kept on the mutation. */
export type MutationOutcome<T> = { ok: true; value: T } | { ok: false; error: StowageError };

export interface StowageMutation {
  /** Runs `work` with the client, clearing the last error first. */
  run<T>(work: (client: StowageClient) => Promise<T>): Promise<MutationOutcome<T>>;
  /** True while a run is under way. */
  busy: boolean;
  /** Why the last run failed, until the next run or `clear`. */
  error: StowageError | undefined;
  clear(): void;
}

export function asStowageError(failure: unknown): StowageError {
  if (failure instanceof StowageError) return failure;
  return new StowageError('INTERNAL', failure instanceof Error ? failure.message : String(failure));
}

/**
 * Every change the renderer asks of Stowage goes through one of these: it says whether the
 * change is under way and keeps its failure, which `MutationErrorAlert` shows. The lists follow
 * by themselves from events and cache rules, so a mutation refreshes nothing.
 */
export function useStowageMutation(): StowageMutation {
  const client = useStowageClient();
  const [error, setError] = useState<StowageError | undefined>(undefined);
  const [running, setRunning] = useState(0);
  // Ignores the end of a run that a newer one has started over.
  const latest = useRef(0);
  const run = useCallback(
    async <T>(work: (client: StowageClient) => Promise<T>): Promise<MutationOutcome<T>> => {
      const id = ++latest.current;
      setError(undefined);
      setRunning((count) => count + 1);
      try {
        return { ok: true, value: await work(client) };
      } catch (failure) {
        const stowageError = asStowageError(failure);
        if (id === latest.current) setError(stowageError);
        return { ok: false, error: stowageError };
      } finally {
        setRunning((count) => count - 1);
      }
    },
    [client],
  );
  const clear = useCallback(() => setError(undefined), []);
  return { run, busy: running > 0, error, clear };
}
