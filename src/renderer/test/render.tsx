import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi, type Mock } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../shared';
import type { StowageClient } from '../api';
import { StowageClientContext } from '../api/hooks';

/** Answers a call the test expects; any other call fails the test with its name. */
export type CallAnswers = {
  [K in CallName]?: (input: CallInput<K>) => CallOutput<K> | Promise<CallOutput<K>>;
};

export interface StowageHarness extends RenderResult {
  /** Every call the component made, in order: `[name, input]`. */
  call: Mock<(name: CallName, input: unknown) => Promise<unknown>>;
}

/** Renders `ui` with a client whose calls are answered by `answers`, and a fresh query cache. */
export function renderWithStowage(ui: ReactNode, answers: CallAnswers = {}): StowageHarness {
  const call = vi.fn(async (name: CallName, input: unknown): Promise<unknown> => {
    const answer = answers[name] as ((input: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`unexpected call ${name}`);
    return answer(input);
  });
  const client = {
    call,
    stream: () => Promise.reject(new Error('no streams in component tests')),
    subscribe: () => () => undefined,
  } as unknown as StowageClient;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <StowageClientContext value={client}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </StowageClientContext>,
  );
  return { ...result, call };
}
