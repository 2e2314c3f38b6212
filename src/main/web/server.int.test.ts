import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openContractSocket } from '../../../test/support/contract-socket';
import type { ImageSummary } from '../../shared';
import { createServices, type Services } from '../services';
import { startWebServer, type WebServer } from './server';

const fixtures = inject('fixtureImages');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server', () => {
  let services: Services;
  let server: WebServer;
  let rendererDir: string;
  let wsUrl: string;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'stowage-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<title>Stowage test page</title>');
    services = createServices();
    services.start();
    server = await startWebServer({ services, rendererDir, port: 0, token: 'integration-token' });
    wsUrl = `ws://127.0.0.1:${server.port}/api/ws`;
  });

  afterAll(async () => {
    await server.close();
    services.stop();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=integration-token`);
  });

  it('serves the page with the token and sets a cookie for this port only', async () => {
    const reply = await get(server.port, '/?token=integration-token');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Stowage test page');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(String(reply.headers['set-cookie'])).toContain(
      `stowage-token-${server.port}=integration-token`,
    );
    const deepLink = await get(server.port, '/images', {
      cookie: `stowage-token-${server.port}=integration-token`,
    });
    expect(deepLink.body).toContain('Stowage test page');
  });

  it('tells a request without the token nothing but 401', async () => {
    const reply = await get(server.port, '/');
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('Unauthorized');
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
  });

  it('refuses a foreign Host even with the token', async () => {
    const reply = await get(server.port, '/?token=integration-token', {
      host: `rebound.example:${server.port}`,
    });
    expect(reply.status).toBe(403);
  });

  it('never serves files outside the renderer directory', async () => {
    const reply = await get(server.port, '/..%2f..%2f..%2fetc%2fpasswd?token=integration-token');
    // Dot segments are clamped at the root, so this is an unknown page: the app's index.
    expect(reply.body).toContain('Stowage test page');
    expect(reply.body).not.toContain('root:');
  });

  it('refuses WebSockets without the token or from a foreign origin', async () => {
    await expect(openContractSocket(wsUrl)).rejects.toThrow(/401/);
    await expect(
      openContractSocket(`${wsUrl}?token=integration-token`, { origin: 'http://evil.example' }),
    ).rejects.toThrow(/403/);
  });

  it('speaks the contract over the WebSocket', async () => {
    const socket = await openContractSocket(`${wsUrl}?token=integration-token`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    try {
      const hello = await socket.nextEvent((event) => event.name === 'engine.status');
      expect(hello.payload).toHaveProperty('endpoint');

      const images = await socket.call('images.list', {});
      expect('result' in images).toBe(true);
      const ids = (images as { result: ImageSummary[] }).result.map((image) => image.id);
      expect(ids).toContain(fixtures.fixture.id);

      expect(await socket.call('images.list', { filter: 42 })).toMatchObject({
        error: { code: 'INVALID_INPUT' },
      });
      expect(await socket.call('containers.destroyEverything', {})).toMatchObject({
        error: { code: 'UNKNOWN_CALL' },
      });
    } finally {
      socket.close();
    }
  });
});
