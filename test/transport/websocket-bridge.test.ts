import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type StowageClient } from '../../src/renderer/api/client';
import { WebSocketBridge } from '../../src/renderer/api/websocket-bridge';
import { EventHub } from '../../src/main/ipc/event-hub';
import { createRouter } from '../../src/main/ipc/router';
import type { Services } from '../../src/main/services';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import type { EngineStatus, ImageSummary, StowageError } from '../../src/shared';

// The renderer's WebSocket bridge against the real browser-mode server, with handlers of our
// own instead of Docker: this is about the transport, not the engine. Node 20 has no global
// WebSocket; the `ws` package offers the same browser API.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

const token = 'bridge-test-token';
const status: EngineStatus = {
  state: 'connected',
  endpoint: { address: 'unix:///var/run/docker.sock', source: 'default' },
  since: 1,
};
const image: ImageSummary = {
  id: 'sha256:1',
  repoTags: ['a:1'],
  repoDigests: [],
  size: 1,
  created: 1,
  containers: 0,
  labels: {},
};

/** Handlers that answer at once, except `images.list` while `hang` is set. */
function stubServices(observed: { aborted: boolean; hang: boolean }): Services {
  const events = new EventHub();
  const router = createRouter({
    'engine.status': async () => status,
    'engine.info': async () => {
      throw new Error('not used');
    },
    'images.list': (_input, { signal }) =>
      observed.hang
        ? new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => {
              observed.aborted = true;
              reject(new Error('aborted'));
            }),
          )
        : Promise.resolve([image]),
  });
  return { router, events, engineStatus: () => status, start: () => {}, stop: () => {} };
}

function nextConnectionChange(bridge: WebSocketBridge): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = bridge.onConnectionChange((connected) => {
      stop();
      resolve(connected);
    });
  });
}

describe('WebSocket bridge against the browser-mode server', () => {
  const observed = { aborted: false, hang: false };
  const services = stubServices(observed);
  let rendererDir: string;
  let server: WebServer;
  let bridge: WebSocketBridge;
  let client: StowageClient;

  const start = (port = 0) => startWebServer({ services, rendererDir, port, token });

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'stowage-bridge-'));
    await writeFile(join(rendererDir, 'index.html'), '<title>bridge</title>');
    server = await start();
    bridge = new WebSocketBridge(`ws://127.0.0.1:${server.port}/api/ws?token=${token}`);
    client = createClient(bridge);
    await nextConnectionChange(bridge);
  });

  afterAll(async () => {
    await server.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('carries typed calls and events', async () => {
    expect(await client.call('images.list', {})).toEqual([image]);
    const received = new Promise((resolve) => client.subscribe('docker.event', resolve));
    const event = { type: 'image', action: 'tag', id: 'sha256:1', time: 2, attributes: {} };
    services.events.emit('docker.event', event);
    expect(await received).toEqual(event);
  });

  it('cancels a call on the server when its AbortSignal fires', async () => {
    observed.hang = true;
    const controller = new AbortController();
    const pending = client.call('images.list', {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect.poll(() => observed.aborted).toBe(true);
    observed.hang = false;
  });

  it('fails in-flight calls when the service goes away and reconnects when it returns', async () => {
    observed.hang = true;
    const inFlight = client.call('images.list', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lost = nextConnectionChange(bridge);
    const port = server.port;
    await server.close();
    expect(await lost).toBe(false);
    const error = (await inFlight.catch((e: unknown) => e)) as StowageError;
    expect(error.code).toBe('DISCONNECTED');
    observed.hang = false;

    // A call made while the service is down waits for it instead of failing at once.
    const whileDown = client.call('images.list', {});
    const back = nextConnectionChange(bridge);
    server = await start(port);
    expect(await back).toBe(true);
    expect(await whileDown).toEqual([image]);
  });
});
