import { expect, test } from './fixtures';
import { getWithHost, tryWebSocket } from './net';

const webSocketPath = '/api/ws';

test.describe('browser-mode access control', () => {
  test('the page needs the token: 401 without it or with a wrong one', async ({
    playwright,
    stowage,
  }) => {
    // A fresh context per request: no cookie from an earlier answer can leak into the next.
    const fetchStatus = async (url: string): Promise<number> => {
      const context = await playwright.request.newContext();
      try {
        return (await context.get(url)).status();
      } finally {
        await context.dispose();
      }
    };
    expect(await fetchStatus(`${stowage.origin}/`)).toBe(401);
    expect(await fetchStatus(`${stowage.origin}/index.html`)).toBe(401);
    expect(await fetchStatus(`${stowage.origin}/?token=${'0'.repeat(stowage.token.length)}`)).toBe(
      401,
    );
    expect(await fetchStatus(stowage.appUrl)).toBe(200);
  });

  test('a WebSocket without token or cookie is refused; the page’s own one opens', async ({
    page,
    stowage,
  }) => {
    const url = `ws://127.0.0.1:${stowage.port}${webSocketPath}`;
    const refused = await tryWebSocket(url, { Origin: stowage.origin });
    expect(refused.opened).toBe(false);
    expect(refused.opened === false && refused.status).toBe(401);

    const wrongCookie = await tryWebSocket(url, {
      Origin: stowage.origin,
      Cookie: `stowage-token-${stowage.port}=${'0'.repeat(stowage.token.length)}`,
    });
    expect(wrongCookie.opened).toBe(false);

    // Control: the page, with what the server gave it, gets its WebSocket.
    await page.goto(stowage.appUrl);
    const pageSocketOpened = await page.evaluate(
      (socketUrl) =>
        new Promise<boolean>((resolve) => {
          const socket = new WebSocket(socketUrl);
          socket.onopen = () => {
            socket.close();
            resolve(true);
          };
          socket.onerror = () => resolve(false);
        }),
      url,
    );
    expect(pageSocketOpened).toBe(true);
  });

  test('a request naming a foreign Host is refused even with the token', async ({ stowage }) => {
    const path = `/?token=${stowage.token}`;
    const foreign = await getWithHost(stowage.port, path, `evil.example:${stowage.port}`);
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.status).toBeLessThan(500);
    expect(foreign.body).not.toContain('<script');

    const rebound = await tryWebSocket(
      `ws://127.0.0.1:${stowage.port}${webSocketPath}?token=${stowage.token}`,
      { Host: `evil.example:${stowage.port}`, Origin: `http://evil.example:${stowage.port}` },
    );
    expect(rebound.opened).toBe(false);

    // Control: the same request naming the server itself is served.
    const own = await getWithHost(stowage.port, path, `127.0.0.1:${stowage.port}`);
    expect(own.status).toBe(200);
  });

  test('a WebSocket from a foreign Origin is refused even with the token', async ({ stowage }) => {
    const url = `ws://127.0.0.1:${stowage.port}${webSocketPath}?token=${stowage.token}`;
    for (const origin of ['http://evil.example', `http://evil.example:${stowage.port}`, 'null']) {
      const attempt = await tryWebSocket(url, { Origin: origin });
      expect(attempt.opened, `Origin ${origin}`).toBe(false);
    }

    // Control: the same handshake from the server's own origin opens.
    expect(await tryWebSocket(url, { Origin: stowage.origin })).toEqual({ opened: true });
  });
});
