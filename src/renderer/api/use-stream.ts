import { useCallback, useEffect, useRef, useState } from 'react';
import {
  StowageError,
  type StreamInput,
  type StreamItem,
  type StreamName,
  type StreamResult,
} from '../../shared';
import { useStowageClient } from './hooks';

export type StreamStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface StowageStream<K extends StreamName> {
  items: readonly StreamItem<K>[];
  status: StreamStatus;
  result: StreamResult<K> | undefined;
  error: StowageError | undefined;
  /** Stops the stream in main (its AbortSignal fires there). */
  cancel(): void;
  /** Starts it again from the beginning. */
  restart(): void;
}

export interface StreamHookOptions<K extends StreamName = StreamName> {
  enabled?: boolean;
  /** Keep only the newest items; a long log does not grow without bound. */
  maxItems?: number;
  /** Called once when a run ends well, with what it returned (a toast saying so). */
  onDone?: (result: StreamResult<K>) => void;
}

type RunState<K extends StreamName> = Omit<StowageStream<K>, 'cancel' | 'restart'> & {
  /** Which run (name, input, restart count) this state belongs to. */
  run: string;
};

const defaultMaxItems = 10_000;

/**
 * Runs a contract stream while the component is mounted (and `enabled`). Items are batched
 * into one render per animation frame, so thousands a second do not freeze the page.
 * Unmounting, `cancel()` or a change of name or input cancels the stream in main.
 */
export function useStowageStream<K extends StreamName>(
  name: K,
  input: StreamInput<K>,
  options: StreamHookOptions<K> = {},
): StowageStream<K> {
  const client = useStowageClient();
  const { enabled = true, maxItems = defaultMaxItems } = options;
  const inputKey = JSON.stringify(input);
  const [restarts, setRestarts] = useState(0);
  const run = `${name}\n${inputKey}\n${restarts}\n${enabled}`;
  const [state, setState] = useState<RunState<K> | undefined>(undefined);
  const controllerRef = useRef<AbortController | undefined>(undefined);
  // The latest callback, without restarting the stream when it changes.
  const onDoneRef = useRef(options.onDone);
  useEffect(() => {
    onDoneRef.current = options.onDone;
  });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    let buffer: StreamItem<K>[] = [];
    let frame: number | undefined;
    const update = (change: (previous: RunState<K>) => Partial<RunState<K>>) =>
      setState((previous) => {
        const base: RunState<K> =
          previous?.run === run ? previous : { run, ...initial<K>('running') };
        return { ...base, ...change(base) };
      });
    const flush = () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      const arrived = buffer;
      buffer = [];
      if (arrived.length > 0) {
        update((previous) => ({ items: [...previous.items, ...arrived].slice(-maxItems) }));
      }
    };
    client
      .stream(name, JSON.parse(inputKey) as StreamInput<K>, {
        signal: controller.signal,
        onItem: (item) => {
          buffer.push(item);
          frame ??= requestAnimationFrame(flush);
        },
      })
      .then(
        (result) => {
          flush();
          update(() => ({ status: 'done', result }));
          onDoneRef.current?.(result);
        },
        (error: unknown) => {
          flush();
          const failure =
            error instanceof StowageError ? error : new StowageError('INTERNAL', String(error));
          const cancelled = failure.code === 'CANCELLED';
          update(() => ({
            status: cancelled ? 'cancelled' : 'error',
            error: cancelled ? undefined : failure,
          }));
        },
      );
    return () => controller.abort();
  }, [client, name, inputKey, enabled, maxItems, run]);

  const cancel = useCallback(() => controllerRef.current?.abort(), []);
  const restart = useCallback(() => setRestarts((count) => count + 1), []);
  const current = state?.run === run ? state : initial<K>(enabled ? 'running' : 'idle');
  return {
    items: current.items,
    status: current.status,
    result: current.result,
    error: current.error,
    cancel,
    restart,
  };
}

function initial<K extends StreamName>(status: StreamStatus): Omit<RunState<K>, 'run'> {
  return { items: [], status, result: undefined, error: undefined };
}
