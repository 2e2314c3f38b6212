import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBackend } from '../../../test/support/calls';
import { openContractSocket } from '../../../test/support/contract-socket';
import type { ImageSummary } from '../../shared';
import type { AppBackend } from '../composition';
import { startWebServer, type WebServer } from './server';

const fixtures = inject('fixtureImages');
const token = 'integration-token-0123456789abcdef';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends raw bytes and resolves with whatever comes back before the server closes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

describe('browser-mode server', () => {
  let services: AppBackend;
  let server: WebServer;
  let rendererDir: string;
  let wsUrl: string;
  const ownOrigin = () => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'stowage-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<title>Stowage test page</title>');
    await writeFile(join(rendererDir, 'app.js'), 'console.log(1)');
    services = testBackend();
    services.start();
    server = await startWebServer({ services, rendererDir, port: 0, token });
    wsUrl = `ws://127.0.0.1:${server.port}/api/ws`;
  });

  afterAll(async () => {
    await server.close();
    services.stop();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('prints a loopback URL that carries a one-time ticket, not the token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?ticket=[0-9a-f]{64}$`),
    );
  });

  it('refuses a token shorter than 32 characters', async () => {
    await expect(startWebServer({ services, rendererDir, token: 'short' })).rejects.toThrow(
      /at least 32 characters/,
    );
  });

  it('serves the page, which holds no secret, with the security headers and no cookie', async () => {
    for (const path of ['/', `/${new URL(server.url).search}`, '/images', '//']) {
      const reply = await send(server.port, path);
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('Stowage test page');
      expect(reply.body).not.toContain(token);
      expect(reply.headers['set-cookie']).toBeUndefined();
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
    const head = await send(server.port, '/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers only GET and HEAD, and 404 for a missing file', async () => {
    const post = await send(server.port, '/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const favicon = await send(server.port, '/favicon.ico');
    expect(favicon.status).toBe(404);
    expect(favicon.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a foreign Host or Origin with 403 and the security headers (DNS rebinding)', async () => {
    const rebound = await send(server.port, '/', { host: `rebound.example:${server.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.headers['content-security-policy']).toBeDefined();
    expect((await send(server.port, '/', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('answers unparsable requests with 400 and stays up', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/a%00b']) {
      const reply = await send(server.port, path);
      expect(reply.status).toBe(400);
      expect(reply.body).not.toMatch(/\n\s+at /);
    }
    expect(await raw(server.port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect((await send(server.port, '/')).status).toBe(200);
  });

  it('never serves files outside the renderer directory', async () => {
    const reply = await send(server.port, '/..%2f..%2f..%2fetc%2fpasswd');
    expect(reply.body).not.toContain('root:');
  });

  it('refuses WebSockets without the token, with a wrong one, or from elsewhere', async () => {
    await expect(openContractSocket(wsUrl)).rejects.toThrow(/401/);
    await expect(openContractSocket(wsUrl, { token: 'wrong' })).rejects.toThrow(/401/);
    await expect(
      openContractSocket(wsUrl, { token, headers: { origin: 'http://evil.example' } }),
    ).rejects.toThrow(/403/);
    await expect(
      openContractSocket(`ws://127.0.0.1:${server.port}//`, {
        token,
        headers: { host: 'evil.example', origin: 'http://evil.example' },
      }),
    ).rejects.toThrow(/403/);
    await expect(openContractSocket(`ws://127.0.0.1:${server.port}//`, { token })).rejects.toThrow(
      /404/,
    );
  });

  it('speaks the contract over the WebSocket', async () => {
    const socket = await openContractSocket(wsUrl, { token, headers: { origin: ownOrigin() } });
    try {
      expect(socket.socket.protocol).toBe('stowage.v1');
      const status = await socket.nextEvent((event) => event.name === 'engine.status');
      expect(status.payload).toHaveProperty('endpoint');

      const images = await socket.call('images.list', {});
      const ids = (images as { result: ImageSummary[] }).result.map((image) => image.id);
      expect(ids).toContain(fixtures.fixture.id);

      expect(await socket.call('images.list', { filter: 42 })).toMatchObject({
        error: { code: 'INVALID_INPUT' },
      });
      expect(await socket.call('images.list', null)).toMatchObject({
        error: { code: 'INVALID_INPUT' },
      });
      expect(await socket.call('images.list')).toHaveProperty('result');
      expect(await socket.call('containers.destroyEverything', {})).toMatchObject({
        error: { code: 'UNKNOWN_CALL' },
      });
    } finally {
      socket.close();
    }
  });
});
