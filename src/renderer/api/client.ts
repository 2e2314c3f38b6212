import type {
  CallInput,
  CallName,
  CallOutput,
  Envelope,
  EventName,
  EventPayload,
  StowageBridge,
} from '../../shared';
import { errorPayloadSchema, StowageError } from '../../shared';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface StowageClient {
  call<K extends CallName>(
    name: K,
    input: CallInput<K>,
    options?: CallOptions,
  ): Promise<CallOutput<K>>;
  subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

function cancelledError(name: string): StowageError {
  return new StowageError('CANCELLED', `The call ${name} was cancelled.`);
}

function unwrap(envelope: Envelope<unknown>): unknown {
  if ('result' in envelope) return envelope.result;
  const parsed = errorPayloadSchema.safeParse(envelope.error);
  if (parsed.success) throw StowageError.fromPayload(parsed.data);
  throw new StowageError('INTERNAL', 'The Stowage service sent a malformed error.');
}

/**
 * The typed face of a bridge. Main validates every output against the contract before it
 * leaves, so the renderer trusts the shapes and only checks the error envelope.
 */
export function createClient(bridge: StowageBridge): StowageClient {
  let nextId = 1;

  function call<K extends CallName>(
    name: K,
    input: CallInput<K>,
    options: CallOptions = {},
  ): Promise<CallOutput<K>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelledError(name));
    const id = nextId++;

    return new Promise<CallOutput<K>>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        bridge.cancel(id);
        reject(cancelledError(name));
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      bridge.call({ id, name, input }).then(
        (envelope) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          try {
            resolve(unwrap(envelope) as CallOutput<K>);
          } catch (error) {
            reject(error);
          }
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          reject(
            error instanceof StowageError
              ? error
              : new StowageError('DISCONNECTED', 'Lost the connection to the Stowage service.'),
          );
        },
      );
    });
  }

  function subscribe<K extends EventName>(
    name: K,
    listener: (payload: EventPayload<K>) => void,
  ): () => void {
    return bridge.onEvent((event) => {
      if (event.name === name) listener(event.payload as EventPayload<K>);
    });
  }

  return { call, subscribe };
}
