import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type AnyEvent, type EngineStatus } from '../../shared';
import type { Services } from '../services';
import { EventHub } from './event-hub';
import { createRouter } from './router';

// FAKE: the Electron binary cannot run here, so `ipcMain` is replaced by this stand-in that
// records the handlers the transport registers and lets the test invoke them as a renderer
// would. Everything else (router, sessions, event hub) is the real code.
const fakeIpcMain = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, handler);
  },
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, listener);
  },
}));
vi.mock('electron', () => ({ ipcMain: fakeIpcMain }));

const { serveOverIpc } = await import('./electron-transport');

/** FAKE: the parts of a WebContents the transport uses. */
class FakeWebContents extends EventEmitter {
  sent: AnyEvent[] = [];
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, event: AnyEvent) {
    if (channel === ipcChannels.event) this.sent.push(event);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const appPage = 'file:///app/out/renderer/index.html';
const status: EngineStatus = {
  state: 'connected',
  endpoint: { address: 'unix:///var/run/docker.sock', source: 'default' },
  since: 1,
};

describe('the contract over Electron IPC', () => {
  let services: Services;
  let aborted: boolean;

  beforeEach(() => {
    fakeIpcMain.handlers.clear();
    fakeIpcMain.listeners.clear();
    aborted = false;
    const router = createRouter({
      'engine.status': async () => status,
      'engine.info': async () => {
        throw new Error('not used');
      },
      'images.list': (_input, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        ),
    });
    services = {
      router,
      events: new EventHub(),
      engineStatus: () => status,
      start: () => undefined,
      stop: () => undefined,
    };
  });

  const invoke = (contents: FakeWebContents, url: string, request: unknown) =>
    fakeIpcMain.handlers.get(ipcChannels.call)?.(
      { sender: contents, senderFrame: { url } },
      request,
    );

  it('answers calls from the app page through the router', async () => {
    serveOverIpc(services, (url) => url === appPage);
    const reply = await invoke(new FakeWebContents(1), appPage, {
      id: 1,
      name: 'engine.status',
      input: {},
    });
    expect(reply).toEqual({ result: status });
  });

  it('refuses any other sender and malformed requests', async () => {
    serveOverIpc(services, (url) => url === appPage);
    const contents = new FakeWebContents(1);
    const request = { id: 1, name: 'engine.status', input: {} };
    expect(await invoke(contents, 'https://evil.example/', request)).toMatchObject({
      error: { code: 'INTERNAL', message: 'Untrusted sender.' },
    });
    expect(await invoke(contents, appPage, { name: 'engine.status' })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('cancels a call by id, and everything of a window when it closes', async () => {
    const transport = serveOverIpc(services, (url) => url === appPage);
    const contents = new FakeWebContents(7);
    transport.attach(contents as never);
    const pending = invoke(contents, appPage, { id: 3, name: 'images.list', input: {} });
    fakeIpcMain.listeners.get(ipcChannels.cancel)?.(
      { sender: contents, senderFrame: { url: appPage } },
      3,
    );
    expect(await pending).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(aborted).toBe(true);

    aborted = false;
    const orphan = invoke(contents, appPage, { id: 4, name: 'images.list', input: {} });
    contents.emit('destroyed');
    expect(await orphan).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(aborted).toBe(true);
  });

  it('sends events to an attached window, the status on load, and stops when it is gone', () => {
    const transport = serveOverIpc(services, (url) => url === appPage);
    const contents = new FakeWebContents(2);
    transport.attach(contents as never);
    contents.emit('did-finish-load');
    const event = { type: 'image', action: 'tag', id: 'x', time: 1, attributes: {} };
    services.events.emit('docker.event', event);
    expect(contents.sent).toEqual([
      { name: 'engine.status', payload: status },
      { name: 'docker.event', payload: event },
    ]);
    contents.destroyed = true;
    contents.emit('destroyed');
    services.events.emit('docker.event', event);
    expect(contents.sent).toHaveLength(2);
  });
});
