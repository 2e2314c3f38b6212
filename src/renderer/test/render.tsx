import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi, type Mock } from 'vitest';
import type {
  CallInput,
  CallName,
  CallOutput,
  StreamInput,
  StreamItem,
  StreamName,
  StreamResult,
} from '../../shared';
import type { StowageClient } from '../api';
import { StowageClientContext } from '../api/hooks';
import { ToastProvider } from '../common/toast';

/** Answers a call the test expects; any other call fails the test with its name. */
export type CallAnswers = {
  [K in CallName]?: (input: CallInput<K>) => CallOutput<K> | Promise<CallOutput<K>>;
};

/** Runs a stream the test expects: items go to `send`, the end is what it returns or throws. */
export type StreamAnswers = {
  [K in StreamName]?: (
    input: StreamInput<K>,
    send: (item: StreamItem<K>) => void,
  ) => StreamResult<K> | Promise<StreamResult<K>>;
};

export interface StowageHarness extends RenderResult {
  /** Every call the component made, in order: `[name, input]`. */
  call: Mock<(name: CallName, input: unknown) => Promise<unknown>>;
  /** Every stream the component started, in order: `[name, input, options]`. */
  stream: Mock<(name: StreamName, input: unknown, options: unknown) => Promise<unknown>>;
}

/**
 * Renders `ui` with a client whose calls are answered by `answers` and streams by `streams`,
 * a fresh query cache, and the app's toasts.
 */
export function renderWithStowage(
  ui: ReactNode,
  answers: CallAnswers = {},
  streams: StreamAnswers = {},
): StowageHarness {
  const call = vi.fn(async (name: CallName, input: unknown): Promise<unknown> => {
    const answer = answers[name] as ((input: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`unexpected call ${name}`);
    return answer(input);
  });
  const stream = vi.fn(
    async (name: StreamName, input: unknown, options: unknown): Promise<unknown> => {
      const answer = streams[name] as
        ((input: unknown, send: (item: unknown) => void) => unknown) | undefined;
      if (!answer) throw new Error(`unexpected stream ${name}`);
      const { onItem } = options as { onItem(item: unknown): void };
      return answer(input, onItem);
    },
  );
  const client = {
    call,
    stream,
    subscribe: () => () => undefined,
  } as unknown as StowageClient;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <StowageClientContext value={client}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{ui}</ToastProvider>
      </QueryClientProvider>
    </StowageClientContext>,
  );
  return { ...result, call, stream };
}
