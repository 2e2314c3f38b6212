import {
  errorPayloadSchema,
  protocolVersion,
  StowageError,
  streamWindow,
  type CallInput,
  type CallName,
  type CallOutput,
  type ClientMessage,
  type Envelope,
  type EventName,
  type EventPayload,
  type ServerMessage,
  type StreamInput,
  type StreamItem,
  type StreamName,
  type StreamResult,
} from '../../shared';
import { Emitter } from '../../shared/emitter';
import type { Transport } from './transport';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface StreamOptions<K extends StreamName> extends CallOptions {
  onItem(item: StreamItem<K>): void;
}

export interface StowageClient {
  call<K extends CallName>(
    name: K,
    input: CallInput<K>,
    options?: CallOptions,
  ): Promise<CallOutput<K>>;
  /** Runs a stream: items go to `onItem`, the promise settles with its end. */
  stream<K extends StreamName>(
    name: K,
    input: StreamInput<K>,
    options: StreamOptions<K>,
  ): Promise<StreamResult<K>>;
  subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export interface ClientOptions {
  /** How long a call made while the transport is down waits for it to come back. */
  waitForConnectionMs?: number;
}

interface Pending {
  message: Extract<ClientMessage, { kind: 'call' | 'stream' }>;
  sent: boolean;
  unacknowledged: number;
  onItem?: (item: unknown) => void;
  resolve(value: unknown): void;
  reject(error: StowageError): void;
  timer?: ReturnType<typeof setTimeout>;
}

const disconnected = () =>
  new StowageError('DISCONNECTED', 'Lost the connection to the Stowage service.');

/**
 * The renderer's side of the protocol, over any transport: hello on every (re)connection,
 * calls and streams by id, cancellation through AbortSignals, stream credit, and events fanned
 * out to subscribers. Main validates every output against the contract before it leaves, so
 * the client trusts the shapes and only checks the error envelope.
 */
export function createClient(transport: Transport, options: ClientOptions = {}): StowageClient {
  const waitMs = options.waitForConnectionMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const listeners = new Emitter<ServerMessage & { kind: 'event' }>();
  let nextId = 1;

  const send = (entry: Pending) => {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.sent = true;
    transport.bridge.send(entry.message);
  };

  const settle = (id: number, outcome: { value: unknown } | { error: StowageError }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    if ('error' in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.value);
  };

  const onConnected = () => {
    transport.bridge.send({ kind: 'hello', version: protocolVersion });
    for (const entry of pending.values()) if (!entry.sent) send(entry);
  };

  const onDisconnected = () => {
    for (const [id, entry] of pending) if (entry.sent) settle(id, { error: disconnected() });
  };

  const receive = (message: ServerMessage) => {
    switch (message.kind) {
      case 'reply':
      case 'end':
        settle(message.id, unwrap(message.envelope));
        return;
      case 'item': {
        const entry = pending.get(message.id);
        if (!entry?.onItem) return;
        entry.onItem(message.item);
        // Credit goes back once the item has been handled: a busy page slows its streams.
        if (++entry.unacknowledged >= streamWindow / 2) {
          transport.bridge.send({ kind: 'ack', id: message.id, count: entry.unacknowledged });
          entry.unacknowledged = 0;
        }
        return;
      }
      case 'protocol-error':
        if (message.id !== undefined) {
          settle(message.id, { error: StowageError.fromPayload(message.error) });
        }
        return;
      case 'event':
        listeners.emit(message);
        return;
      case 'hello':
        return;
    }
  };

  transport.bridge.onMessage(receive);
  transport.onConnectionChange((connected) => (connected ? onConnected() : onDisconnected()));
  if (transport.connected()) onConnected();

  function start<T>(
    message: Pending['message'],
    signal: AbortSignal | undefined,
    onItem?: (item: unknown) => void,
  ): Promise<T> {
    const cancelled = () =>
      new StowageError('CANCELLED', `The ${message.kind} ${message.name} was cancelled.`);
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const entry = pending.get(message.id);
        if (entry?.sent) transport.bridge.send({ kind: 'cancel', id: message.id });
        settle(message.id, { error: cancelled() });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const entry: Pending = {
        message,
        sent: false,
        unacknowledged: 0,
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as T);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        ...(onItem ? { onItem } : {}),
      };
      pending.set(message.id, entry);
      if (transport.connected()) {
        send(entry);
      } else {
        entry.timer = setTimeout(() => settle(message.id, { error: disconnected() }), waitMs);
      }
    });
  }

  return {
    call(name, input, { signal } = {}) {
      return start({ kind: 'call', id: nextId++, name, input }, signal);
    },
    stream(name, input, { signal, onItem }) {
      return start({ kind: 'stream', id: nextId++, name, input }, signal, (item) =>
        onItem(item as never),
      );
    },
    subscribe(name, listener) {
      return listeners.on((message) => {
        if (message.name === name) listener(message.payload as EventPayload<typeof name>);
      });
    },
  };
}

function unwrap(envelope: Envelope<unknown>): { value: unknown } | { error: StowageError } {
  if ('result' in envelope) return { value: envelope.result };
  const parsed = errorPayloadSchema.safeParse(envelope.error);
  return {
    error: parsed.success
      ? StowageError.fromPayload(parsed.data)
      : new StowageError('INTERNAL', 'The Stowage service sent a malformed error.'),
  };
}
