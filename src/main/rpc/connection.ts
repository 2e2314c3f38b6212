import {
  clientMessageSchema,
  isStreamName,
  protocolVersion,
  StowageError,
  streams,
  type ClientMessage,
  type ServerMessage,
} from '../../shared';
import type { EventHub } from './event-hub';
import { failure, type Router } from './router';
import { StreamFlow } from './stream-flow';

export interface ConnectionLimits {
  /** Calls and streams running at once; one more is refused with LIMIT_EXCEEDED. */
  maxInFlight: number;
  /** Malformed messages in a row before the connection is closed. */
  maxMalformedInARow: number;
  /** Items of a coalescing stream waiting for the client, by distinct key. */
  maxCoalescedKeys: number;
}

export const defaultLimits: ConnectionLimits = {
  maxInFlight: 256,
  maxMalformedInARow: 10,
  maxCoalescedKeys: 1024,
};

export interface ClientConnectionOptions {
  router: Router;
  events: EventHub;
  /** Delivers one message to the client; the transport frames it. */
  send(message: ServerMessage): void;
  /** Asks the transport to drop the client, which then calls `close()`. */
  disconnect(reason: string): void;
  limits?: Partial<ConnectionLimits>;
}

/** One client (a window, a WebSocket): everything it started lives and dies with it. */
export interface ClientConnection {
  /** A message from the client, already decoded from its frame but not yet validated. */
  receive(raw: unknown): void;
  /** A frame that could not even be decoded (not JSON, say). */
  receiveMalformed(reason: string): void;
  /** The client is gone: cancel everything it started and stop sending. */
  close(): void;
}

interface Running {
  controller: AbortController;
  stream?: StreamFlow;
}

/**
 * The client-connection lifecycle, written once for both transports: hello, event
 * subscription (sticky events first), calls, streams with credit-based flow control,
 * cancellation, and cleanup. Transports only frame messages and decide whom to trust.
 */
export function createClientConnection(options: ClientConnectionOptions): ClientConnection {
  const limits = { ...defaultLimits, ...options.limits };
  const running = new Map<number, Running>();
  let unsubscribe: (() => void) | undefined;
  let malformedInARow = 0;
  let closed = false;

  const send = (message: ServerMessage) => {
    if (!closed) options.send(message);
  };

  const protocolError = (message: string, id?: number) => {
    const error = new StowageError('INVALID_INPUT', message).toPayload();
    send(
      id === undefined ? { kind: 'protocol-error', error } : { kind: 'protocol-error', id, error },
    );
    malformedInARow++;
    if (malformedInARow >= limits.maxMalformedInARow) {
      options.disconnect('Too many malformed messages.');
    }
  };

  const cancelAll = () => {
    for (const entry of running.values()) {
      entry.controller.abort();
      entry.stream?.cancel();
    }
    running.clear();
  };

  const hello = (version: number) => {
    if (version !== protocolVersion) {
      protocolError(`Protocol version ${version} is not supported; this is ${protocolVersion}.`);
      return;
    }
    // A second hello is a client that started over (a reload): begin afresh.
    cancelAll();
    unsubscribe?.();
    send({ kind: 'hello', version: protocolVersion });
    unsubscribe = options.events.subscribe((event) => send({ kind: 'event', ...event }));
  };

  const start = (id: number): Running | undefined => {
    if (running.has(id)) {
      protocolError(`Id ${id} is already in use by a running call or stream.`, id);
      return undefined;
    }
    if (running.size >= limits.maxInFlight) {
      const error = new StowageError(
        'LIMIT_EXCEEDED',
        `Too many calls and streams at once (at most ${limits.maxInFlight}).`,
      );
      send({ kind: 'reply', id, envelope: failure(error) });
      return undefined;
    }
    const entry: Running = { controller: new AbortController() };
    running.set(id, entry);
    return entry;
  };

  const finish = (id: number, entry: Running) => {
    if (running.get(id) === entry) running.delete(id);
  };

  const handle = (message: ClientMessage) => {
    if (message.kind === 'hello') return hello(message.version);
    if (!unsubscribe)
      return protocolError('Say hello first.', 'id' in message ? message.id : undefined);
    switch (message.kind) {
      case 'call': {
        const { id } = message;
        const entry = start(id);
        if (!entry) return;
        void options.router
          .call(message.name, message.input, entry.controller.signal)
          .then((envelope) => {
            if (running.get(id) === entry) send({ kind: 'reply', id, envelope });
            finish(id, entry);
          });
        return;
      }
      case 'stream': {
        const { id } = message;
        const entry = start(id);
        if (!entry) return;
        const flow = new StreamFlow(
          (item) => send({ kind: 'item', id, item }),
          isStreamName(message.name) ? streams[message.name].coalesceBy : undefined,
          limits.maxCoalescedKeys,
        );
        entry.stream = flow;
        void options.router
          .stream(message.name, message.input, {
            signal: entry.controller.signal,
            emit: (item) => flow.emit(item),
          })
          .then((envelope) =>
            flow.end(() => {
              if (running.get(id) === entry) send({ kind: 'end', id, envelope });
              finish(id, entry);
            }, envelope),
          );
        return;
      }
      case 'cancel': {
        const entry = running.get(message.id);
        entry?.controller.abort();
        entry?.stream?.cancel();
        return;
      }
      case 'ack':
        running.get(message.id)?.stream?.grant(message.count);
        return;
    }
  };

  return {
    receive(raw) {
      if (closed) return;
      const parsed = clientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        protocolError(`Malformed message: ${describeIssue(parsed.error.issues)}`, safeId(raw));
        return;
      }
      malformedInARow = 0;
      handle(parsed.data);
    },
    receiveMalformed(reason) {
      if (!closed) protocolError(`Malformed message: ${reason}`);
    },
    close() {
      if (closed) return;
      closed = true;
      cancelAll();
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}

function safeId(raw: unknown): number | undefined {
  const id = (raw as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

function describeIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const first = issues[0];
  if (!first) return 'not a message of the protocol';
  const path = first.path.map(String).join('.').slice(0, 64);
  return path ? `${path}: ${first.message}` : first.message;
}
