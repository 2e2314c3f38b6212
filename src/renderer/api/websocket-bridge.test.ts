import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../shared';
import { largeMessageChars, WebSocketBridge } from './websocket-bridge';

/** Just enough of a WebSocket for the bridge: the test delivers messages by hand. */
class FakeSocket {
  static last: FakeSocket | undefined;
  private readonly listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  constructor() {
    FakeSocket.last = this;
  }
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  deliver(message: ServerMessage): void {
    for (const listener of this.listeners.get('message') ?? []) {
      listener({ data: JSON.stringify(message) });
    }
  }
}

const event = (since: number): ServerMessage => ({
  kind: 'event',
  name: 'engine.status',
  payload: { state: 'connected', endpoint: { address: 'unix:///x', source: 'default' }, since },
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('WebSocketBridge', () => {
  it('hands small messages on at once, a large one in a later task, and keeps the order', async () => {
    const bridge = new WebSocketBridge('ws://127.0.0.1/x', undefined);
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last as FakeSocket;
    const heard: unknown[] = [];
    bridge.onMessage((message) =>
      heard.push(
        message.kind === 'reply' ? 'large reply' : message.kind === 'event' && message.payload,
      ),
    );

    socket.deliver(event(1));
    expect(heard).toHaveLength(1);

    const large: ServerMessage = {
      kind: 'reply',
      id: 7,
      envelope: { result: 'x'.repeat(largeMessageChars) },
    };
    socket.deliver(large);
    socket.deliver(event(2));
    expect(heard).toHaveLength(1);

    await vi.runAllTimersAsync();
    expect(heard).toEqual([
      expect.objectContaining({ since: 1 }),
      'large reply',
      expect.objectContaining({ since: 2 }),
    ]);
    socket.deliver(event(3));
    expect(heard).toHaveLength(4);
  });
});
