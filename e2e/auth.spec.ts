import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenSubprotocol, webSocketPath, webSocketProtocol } from '../src/shared/channels';
import { expect, test } from './fixtures';
import { getWithHost, tryWebSocket } from './net';
import { AppShell } from './pages/AppShell';

test.describe('browser-mode access control', () => {
  test('the page carries no secret; the socket needs the token, presented in the handshake', async ({
    stowage,
  }) => {
    const page = await fetch(`${stowage.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).not.toContain(stowage.token);

    const url = `ws://127.0.0.1:${stowage.port}${webSocketPath}`;
    const origin = { Origin: stowage.origin };
    expect(await tryWebSocket(url, origin, [webSocketProtocol])).toMatchObject({ status: 401 });
    const wrong = tokenSubprotocol('0'.repeat(stowage.token.length));
    expect(await tryWebSocket(url, origin, [webSocketProtocol, wrong])).toMatchObject({
      status: 401,
    });
    // The token in the URL, as the old cookie-era page sent it, opens nothing.
    expect(
      await tryWebSocket(`${url}?token=${stowage.token}`, origin, [webSocketProtocol]),
    ).toMatchObject({
      status: 401,
    });
    const right = [webSocketProtocol, tokenSubprotocol(stowage.token)];
    expect(await tryWebSocket(url, origin, right)).toEqual({ opened: true });
  });

  test('the printed URL carries a one-time ticket: the page trades it, drops it from the address bar, survives a reload, and a second tab gets nothing', async ({
    browser,
    stowage,
  }) => {
    expect(stowage.printedUrl).not.toContain(stowage.token);
    // A context of its own, without the token the other tests' contexts are given.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const shell = new AppShell(page);
      await shell.open(stowage.printedUrl);
      expect(page.url()).not.toContain('ticket=');
      expect(await context.cookies()).toEqual([]);
      await shell.expectEngineState('connected');
      expect(await page.evaluate("sessionStorage.getItem('stowage.token')")).toBe(stowage.token);
      await page.reload();
      await shell.expectEngineState('connected');

      const second = await context.newPage();
      const refused = second.waitForResponse((response) => response.url().endsWith('/api/session'));
      await second.goto(stowage.printedUrl);
      expect((await refused).status()).toBe(401);
      expect(await second.evaluate("sessionStorage.getItem('stowage.token')")).toBeNull();
    } finally {
      await context.close();
    }
  });

  test('a request naming a foreign Host is refused (DNS rebinding)', async ({ stowage }) => {
    const foreign = await getWithHost(stowage.port, '/', `evil.example:${stowage.port}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('<script');

    const right = [webSocketProtocol, tokenSubprotocol(stowage.token)];
    const rebound = await tryWebSocket(
      `ws://127.0.0.1:${stowage.port}${webSocketPath}`,
      { Host: `evil.example:${stowage.port}`, Origin: `http://evil.example:${stowage.port}` },
      right,
    );
    expect(rebound.opened).toBe(false);
    expect((await getWithHost(stowage.port, '/', `127.0.0.1:${stowage.port}`)).status).toBe(200);
  });

  test('a WebSocket from a foreign Origin is refused even with the token', async ({ stowage }) => {
    const url = `ws://127.0.0.1:${stowage.port}${webSocketPath}`;
    const right = [webSocketProtocol, tokenSubprotocol(stowage.token)];
    for (const origin of ['http://evil.example', `http://localhost:${stowage.port + 1}`, 'null']) {
      const attempt = await tryWebSocket(url, { Origin: origin }, right);
      expect(attempt.opened, `Origin ${origin}`).toBe(false);
    }
    expect(await tryWebSocket(url, { Origin: stowage.origin }, right)).toEqual({ opened: true });
  });

  test('a page on another local origin cannot open the socket, read the page, or get the credential', async ({
    page,
    stowage,
  }) => {
    // First the user opens Stowage in this browser, so any credential it left would be there.
    await new AppShell(page).open(stowage.appUrl);

    const seen: IncomingHttpHeaders[] = [];
    const other = await serveOtherOrigin(seen);
    try {
      const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      await page.goto(`${otherOrigin}/`);
      const probe = await page.evaluate(
        async ({ stowageOrigin, port }) => {
          const socketOpened = await new Promise<boolean>((resolve) => {
            const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, ['stowage.v1']);
            socket.onopen = () => resolve(true);
            socket.onerror = () => resolve(false);
          });
          let pageRead: string | null = null;
          try {
            pageRead = await (await fetch(`${stowageOrigin}/`)).text();
          } catch {
            pageRead = null;
          }
          return { socketOpened, pageRead };
        },
        { stowageOrigin: stowage.origin, port: stowage.port },
      );
      expect(probe).toEqual({ socketOpened: false, pageRead: null });
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
      expect(await page.evaluate('document.cookie')).toBe('');
      const leaked = seen.map((headers) => JSON.stringify(headers)).join('\n');
      expect(seen.length).toBeGreaterThan(0);
      expect(leaked).not.toContain(stowage.token);
      expect(leaked).not.toMatch(/cookie/i);
    } finally {
      await new Promise((done) => other.close(done));
    }
  });
});

/** Another program on this machine serving its own page: it records what browsers send it. */
function serveOtherOrigin(seen: IncomingHttpHeaders[]): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><title>another local app</title>');
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
