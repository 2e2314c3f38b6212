import { describe, expect, it } from 'vitest';
import { protocolVersion, streamWindow, type ServerMessage } from '../../shared';
import { sampleDockerEvent, sampleEngineStatus } from '../../../test/support/samples';
import { stubHandlers } from '../../../test/support/stub-handlers';
import { createClientConnection } from './connection';
import { EventHub } from './event-hub';
import type { Handlers } from './handlers';
import { createRouter } from './router';

const event = sampleDockerEvent();

/** A connection to the real router and hub, with the client side recorded. */
function connect(overrides: Partial<Handlers> = {}, options: { hello?: boolean } = {}) {
  const events = new EventHub();
  const sent: ServerMessage[] = [];
  const disconnects: string[] = [];
  const connection = createClientConnection({
    router: createRouter(stubHandlers(overrides)),
    events,
    send: (message) => sent.push(message),
    disconnect: (reason) => disconnects.push(reason),
  });
  if (options.hello !== false) connection.receive({ kind: 'hello', version: protocolVersion });
  const of = <K extends ServerMessage['kind']>(kind: K) =>
    sent.filter((m): m is Extract<ServerMessage, { kind: K }> => m.kind === kind);
  return { connection, events, sent, disconnects, of };
}

/** Resolves once `check` holds, re-checking after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !check(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(check()).toBe(true);
}

/** A stream handler that emits whenever the test says, and records how far it got. */
function controlledProducer() {
  const state = { emitted: 0, stopped: undefined as unknown, release: () => undefined as void };
  const handler: Handlers['events.follow'] = async (_input, { emit }) => {
    try {
      for (;;) {
        await emit({ ...event, id: `e${state.emitted}` });
        state.emitted++;
      }
    } catch (error) {
      state.stopped = error;
      throw error;
    }
  };
  return { state, handler };
}

describe('client connection: hello and events', () => {
  it('answers hello, then replays sticky events, then live ones', () => {
    const { events, sent, connection } = connect({}, { hello: false });
    const status = sampleEngineStatus();
    events.emit('engine.status', status);
    events.emit('engine.event', event);
    expect(sent).toEqual([]);
    connection.receive({ kind: 'hello', version: protocolVersion });
    events.emit('engine.event', event);
    expect(sent).toEqual([
      { kind: 'hello', version: protocolVersion },
      { kind: 'event', name: 'engine.status', payload: status },
      { kind: 'event', name: 'engine.event', payload: event },
    ]);
  });

  it('refuses calls before hello and an unknown protocol version', () => {
    const { connection, of } = connect({}, { hello: false });
    connection.receive({ kind: 'call', id: 1, name: 'engine.status' });
    connection.receive({ kind: 'hello', version: 999 });
    expect(of('protocol-error').map((m) => m.error.message)).toEqual([
      'Say hello first.',
      `Protocol version 999 is not supported; this is ${protocolVersion}.`,
    ]);
    expect(of('protocol-error')[0]).toMatchObject({ id: 1 });
  });

  it('stops sending after close', () => {
    const { connection, events, sent } = connect();
    const before = sent.length;
    connection.close();
    events.emit('engine.event', event);
    expect(sent).toHaveLength(before);
  });
});

describe('client connection: calls', () => {
  it('replies to a call with its id, input optional', async () => {
    const status = sampleEngineStatus();
    const { connection, of } = connect({ 'engine.status': async () => status });
    connection.receive({ kind: 'call', id: 5, name: 'engine.status' });
    await until(() => of('reply').length === 1);
    expect(of('reply')[0]).toEqual({ kind: 'reply', id: 5, envelope: { result: status } });
  });

  it('cancels a call by id and everything when the client goes away', async () => {
    const aborted: number[] = [];
    let next = 0;
    const { connection } = connect({
      'images.list': (_input, { signal }) => {
        const mine = next++;
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted.push(mine);
            reject(new Error('aborted'));
          }),
        );
      },
    });
    connection.receive({ kind: 'call', id: 1, name: 'images.list' });
    connection.receive({ kind: 'call', id: 2, name: 'images.list' });
    connection.receive({ kind: 'cancel', id: 1 });
    expect(aborted).toEqual([0]);
    connection.close();
    expect(aborted).toEqual([0, 1]);
  });

  it('refuses a second use of a running id and too many calls at once', async () => {
    const { connection, of } = connect({ 'images.list': () => new Promise(() => undefined) });
    connection.receive({ kind: 'call', id: 1, name: 'images.list' });
    connection.receive({ kind: 'call', id: 1, name: 'images.list' });
    expect(of('protocol-error')).toMatchObject([{ id: 1 }]);
    for (let id = 2; id <= 300; id++) connection.receive({ kind: 'call', id, name: 'images.list' });
    const refused = of('reply').filter((m) => 'error' in m.envelope);
    expect(refused.length).toBe(300 - 256);
    expect(refused[0]?.envelope).toMatchObject({ error: { code: 'LIMIT_EXCEEDED' } });
  });

  it('answers malformed messages and disconnects a client that keeps sending them', () => {
    const { connection, of, disconnects } = connect();
    connection.receive({ kind: 'call', id: 3 });
    expect(of('protocol-error')[0]).toMatchObject({ id: 3, error: { code: 'INVALID_INPUT' } });
    connection.receive({ kind: 'call', id: 4, name: 'engine.status' });
    for (const garbage of [
      null,
      7,
      'x',
      [],
      { kind: 'nope' },
      { kind: 'call', id: -1, name: 'a' },
    ]) {
      connection.receive(garbage);
    }
    connection.receiveMalformed('not JSON');
    expect(disconnects).toEqual([]);
    for (let i = 0; i < 3; i++) connection.receiveMalformed('not JSON');
    expect(disconnects).toEqual(['Too many malformed messages.']);
  });
});

describe('client connection: streams', () => {
  it('sends items then one end, and the handler result', async () => {
    const { connection, of } = connect({
      'events.follow': async (_input, { emit }) => {
        await emit(event);
        await emit(event);
        return { delivered: 2 };
      },
    });
    connection.receive({ kind: 'stream', id: 9, name: 'events.follow', input: {} });
    await until(() => of('end').length === 1);
    expect(of('item')).toEqual([
      { kind: 'item', id: 9, item: event },
      { kind: 'item', id: 9, item: event },
    ]);
    expect(of('end')[0]).toEqual({ kind: 'end', id: 9, envelope: { result: { delivered: 2 } } });
  });

  it('pauses a producer at the window until the client acknowledges (slow reader)', async () => {
    const { state, handler } = controlledProducer();
    const { connection, of } = connect({ 'events.follow': handler });
    connection.receive({ kind: 'stream', id: 1, name: 'events.follow' });
    await until(() => of('item').length === streamWindow);
    // Many turns later the producer is still waiting on the item after the window.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(of('item')).toHaveLength(streamWindow);
    expect(state.emitted).toBe(streamWindow);
    connection.receive({ kind: 'ack', id: 1, count: 10 });
    await until(() => of('item').length === streamWindow + 10);
    expect(
      of('item')
        .map((m) => (m.item as { id: string }).id)
        .slice(-2),
    ).toEqual([`e${streamWindow + 8}`, `e${streamWindow + 9}`]);
  });

  it('cancel stops the producer and ends the stream CANCELLED', async () => {
    const { state, handler } = controlledProducer();
    const { connection, of } = connect({ 'events.follow': handler });
    connection.receive({ kind: 'stream', id: 2, name: 'events.follow' });
    await until(() => of('item').length === streamWindow);
    connection.receive({ kind: 'cancel', id: 2 });
    await until(() => of('end').length === 1);
    expect(of('end')[0]?.envelope).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(state.stopped).toMatchObject({ code: 'CANCELLED' });
  });

  it('stops every producer when the client goes away, and sends nothing more', async () => {
    const { state, handler } = controlledProducer();
    const { connection, sent } = connect({ 'events.follow': handler });
    connection.receive({ kind: 'stream', id: 3, name: 'events.follow' });
    await until(() => state.emitted === streamWindow);
    const before = sent.length;
    connection.close();
    await until(() => state.stopped !== undefined);
    expect(sent).toHaveLength(before);
  });

  it('starts afresh on a second hello (a reload): old streams stop, sticky events come again', async () => {
    const { state, handler } = controlledProducer();
    const { connection, events, of } = connect({ 'events.follow': handler });
    events.emit('engine.status', sampleEngineStatus());
    connection.receive({ kind: 'stream', id: 4, name: 'events.follow' });
    await until(() => state.emitted === streamWindow);
    connection.receive({ kind: 'hello', version: protocolVersion });
    await until(() => state.stopped !== undefined);
    expect(of('hello')).toHaveLength(2);
    expect(of('event').filter((m) => m.name === 'engine.status')).toHaveLength(2);
    events.emit('engine.event', event);
    // One subscription only: the event arrives once.
    expect(of('event').filter((m) => m.name === 'engine.event')).toHaveLength(1);
  });

  it('ends an unknown stream with an error and ignores acks for it', async () => {
    const { connection, of } = connect();
    connection.receive({ kind: 'stream', id: 6, name: 'nope.stream' });
    connection.receive({ kind: 'ack', id: 6, count: 1 });
    await until(() => of('end').length === 1);
    expect(of('end')[0]?.envelope).toMatchObject({ error: { code: 'UNKNOWN_CALL' } });
  });
});
