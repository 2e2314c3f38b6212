import { tmpdir } from 'node:os';
import {
  StowageError,
  type AnyEvent,
  type CallInput,
  type CallName,
  type CallOutput,
  type Envelope,
  type StreamInput,
  type StreamItem,
  type StreamName,
  type StreamResult,
} from '../../src/shared';
import { createAppBackend, type AppBackend } from '../../src/main/composition';
import { systemEndpointSources } from '../../src/main/docker/connection/engine';

/** Typed calls through the real router, for integration tests: results, or thrown errors. */
export async function call<K extends CallName>(
  services: AppBackend,
  name: K,
  input: CallInput<K>,
  signal = new AbortController().signal,
): Promise<CallOutput<K>> {
  return unwrap(await services.router.call(name, input, signal)) as CallOutput<K>;
}

/** The envelope itself, for tests about errors. */
export function callEnvelope<K extends CallName>(
  services: AppBackend,
  name: K,
  input: CallInput<K>,
  signal = new AbortController().signal,
): Promise<Envelope<unknown>> {
  return services.router.call(name, input, signal);
}

export interface RunningStream<K extends StreamName> {
  readonly items: StreamItem<K>[];
  /** Resolves with the result, or rejects with the StowageError it ended with. */
  readonly end: Promise<StreamResult<K>>;
  /** Resolves once `count` items have arrived. */
  itemsArrived(count: number, timeoutMs?: number): Promise<StreamItem<K>[]>;
  cancel(): void;
}

/** Opens a stream through the real router, collecting its items as a fast client would. */
export function openStream<K extends StreamName>(
  services: AppBackend,
  name: K,
  input: StreamInput<K>,
): RunningStream<K> {
  const controller = new AbortController();
  const items: StreamItem<K>[] = [];
  const waiters = new Set<() => void>();
  const end = services.router
    .stream(name, input, {
      signal: controller.signal,
      emit: async (item) => {
        items.push(item as StreamItem<K>);
        for (const wake of waiters) wake();
      },
    })
    .then((envelope) => unwrap(envelope) as StreamResult<K>);
  end.catch(() => undefined);
  return {
    items,
    end,
    cancel: () => controller.abort(),
    itemsArrived: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (items.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(items.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Only ${items.length} of ${count} items within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** Resolves with the first event from the services that matches. */
export function nextEvent(
  services: AppBackend,
  matches: (event: AnyEvent) => boolean,
  timeoutMs = 15_000,
): Promise<AnyEvent> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`No matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    unsubscribe = services.events.subscribe((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(event);
    });
  });
}

/** An app backend for a test, pointed at `dockerHost` (a socket proxy, say) when given. */
export function testBackend(dockerHost?: string): AppBackend {
  const sources = systemEndpointSources();
  return createAppBackend({
    dataDir: tmpdir(),
    ecsRuntime: 'simulated',
    endpointSources: dockerHost
      ? { ...sources, env: { ...sources.env, DOCKER_HOST: dockerHost } }
      : sources,
  });
}

function unwrap(envelope: Envelope<unknown>): unknown {
  if ('error' in envelope) throw StowageError.fromPayload(envelope.error);
  return envelope.result;
}
