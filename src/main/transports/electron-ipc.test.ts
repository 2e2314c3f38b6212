import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, protocolVersion, type ServerMessage } from '../../shared';
import { sampleDockerEvent, sampleEngineStatus } from '../../../test/support/samples';
import { stubHandlers } from '../../../test/support/stub-handlers';
import { EventHub } from '../rpc/event-hub';
import { createRouter } from '../rpc/router';

// FAKE: the Electron binary cannot run here, so `ipcMain` is replaced by this stand-in that
// records the listener the transport registers and lets the test send as a renderer would.
// Everything else (router, client connection, event hub) is the real code.
const fakeIpcMain = vi.hoisted(() => ({
  listeners: new Map<string, (event: unknown, message: unknown) => void>(),
  on(channel: string, listener: (event: unknown, message: unknown) => void) {
    this.listeners.set(channel, listener);
  },
}));
vi.mock('electron', () => ({ ipcMain: fakeIpcMain }));

const { serveOverIpc } = await import('./electron-ipc');

/** FAKE: the parts of a WebContents the transport uses. */
class FakeWebContents extends EventEmitter {
  sent: ServerMessage[] = [];
  destroyed = false;
  readonly mainFrame = { url: appPage };
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, message: ServerMessage) {
    if (channel === ipcChannel) this.sent.push(message);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const appPage = 'app://stowage/index.html';
const status = sampleEngineStatus();

describe('the protocol over Electron IPC', () => {
  let events: EventHub;
  let aborted: number;
  let transport: ReturnType<typeof serveOverIpc>;

  beforeEach(() => {
    fakeIpcMain.listeners.clear();
    aborted = 0;
    events = new EventHub();
    events.emit('engine.status', status);
    const router = createRouter(
      stubHandlers({
        'engine.status': async () => status,
        'images.list': (_input, { signal }) =>
          new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => {
              aborted++;
              reject(new Error('aborted'));
            }),
          ),
      }),
    );
    transport = serveOverIpc({ router, events }, (url) => url === appPage);
  });

  const window = (id: number) => {
    const contents = new FakeWebContents(id);
    transport.attach(contents as never);
    return contents;
  };
  const send = (contents: FakeWebContents, message: unknown, frame: object = contents.mainFrame) =>
    fakeIpcMain.listeners.get(ipcChannel)?.({ sender: contents, senderFrame: frame }, message);
  const hello = { kind: 'hello', version: protocolVersion };
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('greets the app page, replays the engine status, and answers its calls', async () => {
    const contents = window(1);
    send(contents, hello);
    send(contents, { kind: 'call', id: 1, name: 'engine.status' });
    await flush();
    expect(contents.sent).toEqual([
      { kind: 'hello', version: protocolVersion },
      { kind: 'event', name: 'engine.status', payload: status },
      { kind: 'reply', id: 1, envelope: { result: status } },
    ]);
  });

  it('ignores other pages, subframes and windows it was not given', async () => {
    const contents = window(1);
    send(contents, hello, { url: 'https://evil.example/' });
    send(contents, hello, { url: appPage });
    const stranger = new FakeWebContents(2);
    send(stranger, hello);
    await flush();
    expect(contents.sent).toEqual([]);
    expect(stranger.sent).toEqual([]);
  });

  it('cancels by id, and everything of a page when it navigates away or the window goes', async () => {
    const contents = window(7);
    send(contents, hello);
    send(contents, { kind: 'call', id: 3, name: 'images.list' });
    send(contents, { kind: 'cancel', id: 3 });
    expect(aborted).toBe(1);

    send(contents, { kind: 'call', id: 4, name: 'images.list' });
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    expect(aborted).toBe(1);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(aborted).toBe(2);

    send(contents, hello);
    send(contents, { kind: 'call', id: 5, name: 'images.list' });
    contents.destroyed = true;
    contents.emit('destroyed');
    expect(aborted).toBe(3);
  });

  it('sends events to a greeted page until it reloads, then to the new page after its hello', () => {
    const contents = window(2);
    send(contents, hello);
    const event = sampleDockerEvent();
    events.emit('engine.event', event);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    events.emit('engine.event', event);
    expect(contents.sent.filter((m) => m.kind === 'event')).toHaveLength(2);
    send(contents, hello);
    events.emit('engine.event', event);
    expect(contents.sent.filter((m) => m.kind === 'event')).toHaveLength(4);
  });
});
