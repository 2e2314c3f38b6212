import { describe, expect, it } from 'vitest';
import { streamWindow, type ClientMessage, type ServerMessage } from '../../src/shared';
import { createClientConnection, type ClientConnection } from '../../src/main/rpc/connection';
import { EventHub } from '../../src/main/rpc/event-hub';
import type { Handlers } from '../../src/main/rpc/handlers';
import { createRouter } from '../../src/main/rpc/router';
import { sampleDockerEvent, sampleEngineStatus } from '../support/samples';
import { stubHandlers } from '../support/stub-handlers';
import { createClient } from '../../src/renderer/api/client';
import type { ConnectionListener, Transport } from '../../src/renderer/api/transport';

/**
 * The renderer's client wired to main's real client connection in one process: messages
 * cross as they would over a transport (structured clone), and the link can be cut.
 */
function link(overrides: Partial<Handlers> = {}) {
  const events = new EventHub();
  const messageListeners = new Set<(message: ServerMessage) => void>();
  const connectionListeners = new Set<ConnectionListener>();
  const fromClient: ClientMessage[] = [];
  let up = true;
  let connection: ClientConnection;
  const open = () =>
    createClientConnection({
      router: createRouter(stubHandlers(overrides)),
      events,
      send: (message) => {
        const copy = structuredClone(message);
        queueMicrotask(() => messageListeners.forEach((listener) => listener(copy)));
      },
      disconnect: () => undefined,
    });
  connection = open();
  const transport: Transport = {
    bridge: {
      send: (message) => {
        fromClient.push(message);
        if (up) connection.receive(structuredClone(message));
      },
      onMessage: (listener) => {
        messageListeners.add(listener);
        return () => messageListeners.delete(listener);
      },
    },
    connected: () => up,
    onConnectionChange: (listener) => {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
  const setUp = (value: boolean) => {
    up = value;
    if (!value) connection.close();
    else connection = open();
    connectionListeners.forEach((listener) => listener(value));
  };
  return {
    client: createClient(transport, { waitForConnectionMs: 1000 }),
    events,
    fromClient,
    setUp,
  };
}

const event = sampleDockerEvent();

describe('client over a live connection', () => {
  it('says hello first, then calls with typed results', async () => {
    const status = sampleEngineStatus();
    const { client, fromClient } = link({ 'engine.status': async () => status });
    expect(await client.call('engine.status', {})).toEqual(status);
    expect(fromClient.map((m) => m.kind)).toEqual(['hello', 'call']);
  });

  it('rejects with the error envelope as a StowageError', async () => {
    const { client } = link();
    await expect(client.call('engine.info', {})).rejects.toMatchObject({
      name: 'StowageError',
      code: 'INTERNAL',
      message: 'engine.info is not stubbed in this test.',
    });
  });

  it('receives sticky and live events', async () => {
    const { client, events } = link();
    const received: string[] = [];
    client.subscribe('engine.event', (payload) => received.push(payload.id));
    events.emit('engine.event', event);
    await Promise.resolve();
    await Promise.resolve();
    expect(received).toEqual([event.id]);
  });

  it('streams items, grants credit as it reads, and settles with the result', async () => {
    const total = streamWindow * 5;
    const { client, fromClient } = link({
      'events.follow': async (_input, { emit }) => {
        for (let i = 0; i < total; i++) await emit({ ...event, id: String(i) });
        return { delivered: total };
      },
    });
    const ids: string[] = [];
    const result = await client.stream(
      'events.follow',
      {},
      { onItem: (item) => ids.push(item.id) },
    );
    expect(result).toEqual({ delivered: total });
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => String(i)));
    expect(fromClient.filter((m) => m.kind === 'ack').length).toBeGreaterThanOrEqual(8);
  });

  it('cancels a stream in main through the AbortSignal', async () => {
    let stoppedWith: unknown;
    const { client } = link({
      'events.follow': async (_input, { emit, signal }) => {
        try {
          for (;;) await emit(event);
        } catch (error) {
          stoppedWith = signal.aborted ? 'aborted' : error;
          throw error;
        }
      },
    });
    const controller = new AbortController();
    let seen = 0;
    const run = client.stream(
      'events.follow',
      {},
      {
        signal: controller.signal,
        onItem: () => {
          if (++seen === 10) controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    for (let i = 0; i < 10 && stoppedWith === undefined; i++) await Promise.resolve();
    expect(stoppedWith).toBe('aborted');
  });

  it('fails what was in flight with DISCONNECTED, and sends queued calls after reconnecting', async () => {
    const status = sampleEngineStatus();
    const { client, setUp, fromClient } = link({
      'engine.status': async () => status,
      'images.list': () => new Promise(() => undefined),
    });
    const inFlight = client.call('images.list', {});
    await Promise.resolve();
    setUp(false);
    await expect(inFlight).rejects.toMatchObject({ code: 'DISCONNECTED' });
    const queued = client.call('engine.status', {});
    setUp(true);
    expect(await queued).toEqual(status);
    expect(fromClient.filter((m) => m.kind === 'hello')).toHaveLength(2);
  });
});
