import WebSocket from 'ws';
import type { AnyEvent, CallName, Envelope, ServerMessage } from '../../src/shared';

/**
 * A raw client of the browser-mode WebSocket for integration tests: sends calls as the
 * renderer does and records every event, so tests can wait for one.
 */
export interface ContractSocket {
  call(name: CallName | string, input: unknown): Promise<Envelope<unknown>>;
  nextEvent(matches: (event: AnyEvent) => boolean, timeoutMs?: number): Promise<AnyEvent>;
  close(): void;
}

export async function openContractSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<ContractSocket> {
  const ws = new WebSocket(url, { headers });
  const replies = new Map<number, (envelope: Envelope<unknown>) => void>();
  const events: AnyEvent[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;

  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.kind === 'reply') {
      replies.get(message.id)?.(message.envelope);
      replies.delete(message.id);
    } else {
      events.push({ name: message.name, payload: message.payload } as AnyEvent);
      for (const wake of waiters) wake();
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`WebSocket refused with ${response.statusCode}`)),
    );
  });

  return {
    call(name, input) {
      const id = nextId++;
      ws.send(JSON.stringify({ kind: 'call', id, name, input }));
      return new Promise((resolve) => replies.set(id, resolve));
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
    close: () => ws.close(),
  };
}
