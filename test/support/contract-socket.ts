import WebSocket from 'ws';
import {
  protocolVersion,
  tokenSubprotocol,
  webSocketProtocol,
  type AnyEvent,
  type CallName,
  type ClientMessage,
  type Envelope,
  type ServerMessage,
  type StreamName,
} from '../../src/shared';

/**
 * A raw client of the browser-mode WebSocket for integration tests: says hello, makes calls
 * and opens streams as the renderer does, and records every event so tests can wait for one.
 */
export interface ContractSocket {
  call(name: CallName | string, input?: unknown): Promise<Envelope<unknown>>;
  /** Opens a stream; items are collected, acknowledged as they come, until the end. */
  stream(name: StreamName | string, input?: unknown): OpenStream;
  nextEvent(matches: (event: AnyEvent) => boolean, timeoutMs?: number): Promise<AnyEvent>;
  /** Sends anything, as a hostile client would. */
  sendRaw(data: string | Buffer): void;
  close(): void;
  readonly socket: WebSocket;
}

export interface OpenStream {
  readonly items: unknown[];
  readonly end: Promise<Envelope<unknown>>;
  cancel(): void;
}

export interface ContractSocketOptions {
  token?: string;
  headers?: Record<string, string>;
}

export async function openContractSocket(
  url: string,
  options: ContractSocketOptions = {},
): Promise<ContractSocket> {
  const protocols = [webSocketProtocol];
  if (options.token !== undefined) protocols.push(tokenSubprotocol(options.token));
  const ws = new WebSocket(url, protocols, { headers: options.headers ?? {} });
  const replies = new Map<number, (envelope: Envelope<unknown>) => void>();
  const streams = new Map<number, { items: unknown[]; onItem: () => void }>();
  const events: AnyEvent[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;
  const send = (message: ClientMessage) => ws.send(JSON.stringify(message));

  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.kind === 'reply' || message.kind === 'end') {
      replies.get(message.id)?.(message.envelope);
      replies.delete(message.id);
    } else if (message.kind === 'item') {
      const stream = streams.get(message.id);
      stream?.items.push(message.item);
      stream?.onItem();
    } else if (message.kind === 'event') {
      events.push({ name: message.name, payload: message.payload } as AnyEvent);
      for (const wake of waiters) wake();
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('open', () => send({ kind: 'hello', version: protocolVersion }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`WebSocket refused with ${response.statusCode}`)),
    );
  });

  return {
    socket: ws,
    call(name, input) {
      const id = nextId++;
      send({ kind: 'call', id, name, input });
      return new Promise((resolve) => replies.set(id, resolve));
    },
    stream(name, input) {
      const id = nextId++;
      const items: unknown[] = [];
      streams.set(id, { items, onItem: () => send({ kind: 'ack', id, count: 1 }) });
      send({ kind: 'stream', id, name, input });
      const end = new Promise<Envelope<unknown>>((resolve) => replies.set(id, resolve));
      return { items, end, cancel: () => send({ kind: 'cancel', id }) };
    },
    nextEvent(matches, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = events.findIndex(matches);
          if (index < 0) return;
          const [event] = events.splice(index, 1);
          cleanup();
          resolve(event as AnyEvent);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`No matching event within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    sendRaw: (data) => ws.send(data),
    close: () => ws.close(),
  };
}
