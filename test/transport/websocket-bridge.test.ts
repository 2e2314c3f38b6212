import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type StowageClient } from '../../src/renderer/api/client';
import { WebSocketBridge } from '../../src/renderer/api/websocket-bridge';
import { EventHub } from '../../src/main/rpc/event-hub';
import { createRouter } from '../../src/main/rpc/router';
import type { AppBackend } from '../../src/main/composition';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import type { StowageError } from '../../src/shared';
import { sampleDockerEvent, sampleImageSummary } from '../support/samples';
import { stubHandlers } from '../support/stub-handlers';

// The renderer's WebSocket bridge and client against the real browser-mode server, with
// stub handlers instead of Docker: this is about the transport, not the engine. Node 20 has
// no global WebSocket; the `ws` package offers the same browser API.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

const token = 'bridge-test-token-with & # and spaces-0123456789';
const image = sampleImageSummary();

/** `images.list` answers at once unless `hang` is set; then it waits for its abort. */
function stubBackend(observed: { started: number; aborted: number; hang: boolean }): AppBackend {
  const router = createRouter(
    stubHandlers({
      'images.list': (_input, { signal }) => {
        observed.started++;
        if (!observed.hang) return Promise.resolve([image]);
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            observed.aborted++;
            reject(new Error('aborted'));
          }),
        );
      },
    }),
  );
  return { router, events: new EventHub(), dataDir: tmpdir(), start: () => {}, stop: () => {} };
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
  const observed = { started: 0, aborted: 0, hang: false };
  const services = stubBackend(observed);
  let rendererDir: string;
  let server: WebServer;
  let bridge: WebSocketBridge;
  let client: StowageClient;

  const start = (port = 0) => startWebServer({ services, rendererDir, port, token });

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'stowage-bridge-'));
    await writeFile(join(rendererDir, 'index.html'), '<title>bridge</title>');
    server = await start();
    bridge = new WebSocketBridge(`ws://127.0.0.1:${server.port}/api/ws`, token);
    client = createClient(bridge);
    await nextConnectionChange(bridge);
  });

  afterAll(async () => {
    await server.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('carries typed calls and events, with the token in the handshake', async () => {
    expect(await client.call('images.list', {})).toEqual([image]);
    const received = new Promise((resolve) => client.subscribe('engine.event', resolve));
    const event = sampleDockerEvent();
    services.events.emit('engine.event', event);
    expect(await received).toEqual(event);
  });

  it('cancels a call on the server when its AbortSignal fires', async () => {
    observed.hang = true;
    const controller = new AbortController();
    const startedBefore = observed.started;
    const pending = client.call('images.list', {}, { signal: controller.signal });
    await expect.poll(() => observed.started).toBe(startedBefore + 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect.poll(() => observed.aborted).toBe(1);
    observed.hang = false;
  });

  it('fails in-flight calls when the service goes away and reconnects when it returns', async () => {
    observed.hang = true;
    const startedBefore = observed.started;
    const inFlight = client.call('images.list', {});
    await expect.poll(() => observed.started).toBe(startedBefore + 1);
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
