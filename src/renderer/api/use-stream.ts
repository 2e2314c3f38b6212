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

export interface StreamHookOptions {
  enabled?: boolean;
  /** Keep only the newest items; a long log does not grow without bound. */
  maxItems?: number;
}

const defaultMaxItems = 10_000;

/**
 * Runs a contract stream while the component is mounted (and `enabled`). Items are batched
 * into one render per animation frame, so thousands a second do not freeze the page.
 * Unmounting, `cancel()` or a change of name or input cancels the stream in main.
 */
export function useStowageStream<K extends StreamName>(
  name: K,
  input: StreamInput<K>,
  options: StreamHookOptions = {},
): StowageStream<K> {
  const client = useStowageClient();
  const { enabled = true, maxItems = defaultMaxItems } = options;
  const inputKey = JSON.stringify(input);
  const [run, setRun] = useState(0);
  const [state, setState] = useState<Omit<StowageStream<K>, 'cancel' | 'restart'>>({
    items: [],
    status: 'idle',
    result: undefined,
    error: undefined,
  });
  const controllerRef = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    let buffer: StreamItem<K>[] = [];
    let frame: number | undefined;
    const flush = () => {
      frame = undefined;
      const arrived = buffer;
      buffer = [];
      setState((previous) => ({
        ...previous,
        items: [...previous.items, ...arrived].slice(-maxItems),
      }));
    };
    setState({ items: [], status: 'running', result: undefined, error: undefined });
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
          if (frame !== undefined) cancelAnimationFrame(frame);
          flush();
          setState((previous) => ({ ...previous, status: 'done', result }));
        },
        (error: unknown) => {
          if (frame !== undefined) cancelAnimationFrame(frame);
          flush();
          const failure =
            error instanceof StowageError ? error : new StowageError('INTERNAL', String(error));
          setState((previous) => ({
            ...previous,
            status: failure.code === 'CANCELLED' ? 'cancelled' : 'error',
            error: failure.code === 'CANCELLED' ? undefined : failure,
          }));
        },
      );
    return () => controller.abort();
  }, [client, name, inputKey, enabled, maxItems, run]);

  const cancel = useCallback(() => controllerRef.current?.abort(), []);
  const restart = useCallback(() => setRun((count) => count + 1), []);
  return { ...state, cancel, restart };
}
