import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from '../../../test/fuzz/raw-socket';
import { freshGet, idleFlood, silentConnectionLifetime } from '../../../test/support/idle-flood';
import { stubHandlers } from '../../../test/support/stub-handlers';
import { EventHub } from '../rpc/event-hub';
import { createRouter } from '../rpc/router';
import { startWebServer, type WebServer } from './server';

// Browser mode's listener under connection floods and ambiguous requests. No engine is
// needed: nothing here reaches the contract. The flood comes last, on a listener it fills.

const token = 'connections-test-token-0123456789abcdef';
const connections = { maxConnections: 128, maxConnectionsPerClient: 96 };

describe('browser mode under a connection flood', () => {
  let server: WebServer;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'stowage-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<title>Stowage test page</title>');
    const services = { router: createRouter(stubHandlers()), events: new EventHub() };
    server = await startWebServer({ services, rendererDir, token, connections });
  });

  afterAll(async () => {
    await server.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('closes a connection that sends nothing', async () => {
    const quick = await startWebServer({
      services: { router: createRouter(stubHandlers()), events: new EventHub() },
      rendererDir,
      token,
      connections: { firstRequestTimeoutMs: 200 },
    });
    try {
      // Node's own headers timeout (10 s) is far longer than the wait allowed here.
      expect(await silentConnectionLifetime(quick.port)).toBeLessThan(5000);
    } finally {
      await quick.close();
    }
  }, 30_000);

  it('answers a request with two Host headers with 400, page and WebSocket alike', async () => {
    const own = `127.0.0.1:${server.port}`;
    const twice = await exchange(
      server.port,
      `GET / HTTP/1.1\r\nHost: ${own}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    expect(twice).toMatch(/^HTTP\/1\.1 400/);
    const upgrade = await exchange(
      server.port,
      `GET /api/ws HTTP/1.1\r\nHost: ${own}\r\nHost: ${own}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: stowage.v1\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    expect(await freshGet(server.port, '/', { Host: own })).toBe(200);
  });

  it('serves a fresh client within a second while 2,000 idle sockets pile up, holding no more than its cap', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const flood = await idleFlood(server.port, async () => {
      expect(await freshGet(server.port, '/', host)).toBe(200);
    });
    try {
      expect(flood.probeMs).toHaveLength(20);
      expect(Math.max(...flood.probeMs)).toBeLessThan(1000);
      await expect
        .poll(() => flood.stillOpen(), { timeout: 10_000 })
        .toBeLessThanOrEqual(connections.maxConnectionsPerClient);
    } finally {
      flood.end();
    }
  }, 60_000);
});
