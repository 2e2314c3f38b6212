import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { tokenSubprotocol, webSocketPath, webSocketProtocol } from '../src/shared/channels';
import { tryWebSocket } from './net';
import { startWebProcess, type WebProcess } from './web-process';

// What the browser remembers: the URL `stowage web` printed stays in Chromium's History
// database (history.replaceState does not remove it there), so nothing in it may still open
// the socket. The tests run a stowage web of their own, with no engine: only the socket (and,
// in the last test, the page's own load) counts.

const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-sync'];

/** Every URL in a Chromium profile's History database, read after the browser closed. */
function historyUrls(profileDir: string): string[] {
  const output = execFileSync(
    'sqlite3',
    ['-readonly', join(profileDir, 'Default', 'History'), 'SELECT url FROM urls;'],
    { encoding: 'utf8' },
  );
  return output.split('\n').filter(Boolean);
}

/** Resolves once the page has a WebSocket to the app that has received a frame. */
function socketAnswered(page: Page): Promise<void> {
  return new Promise((resolve) =>
    page.on('websocket', (socket) => socket.once('framereceived', () => resolve())),
  );
}

test.describe('browser history', () => {
  let app: WebProcess;
  let profileDir: string;

  test.beforeAll(async () => {
    app = await startWebProcess();
    profileDir = await mkdtemp(join(tmpdir(), 'stowage-e2e-profile-'));
  });

  test.afterAll(async () => {
    await app?.stop();
    await rm(profileDir, { recursive: true, force: true });
  });

  test('holds only a spent ticket: no URL in it opens the socket again', async ({ browser }) => {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: browserArgs,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const answered = socketAnswered(page);
    await page.goto(app.printedUrl);
    await answered;
    expect(page.url()).not.toContain('ticket=');
    await context.close();

    const remembered = historyUrls(profileDir).filter((url) => url.startsWith(app.origin));
    // The printed URL itself is there, as the report found: what matters is what it opens.
    expect(remembered).toContain(app.printedUrl);

    const wsUrl = `ws://127.0.0.1:${app.port}${webSocketPath}`;
    for (const url of remembered) {
      // Whatever the URL carries, presented as the credential, is refused...
      for (const value of new URL(url).searchParams.values()) {
        const attempt = await tryWebSocket(wsUrl, { Origin: app.origin }, [
          webSocketProtocol,
          tokenSubprotocol(value),
        ]);
        expect(attempt, url).toMatchObject({ opened: false, status: 401 });
        const exchange = await fetch(`${app.origin}/api/session`, {
          method: 'POST',
          headers: { 'X-Stowage-Ticket': value },
        });
        expect(exchange.status, url).toBe(401);
      }
      // ...and a new tab opening it gets no token and no socket.
      const fresh = await browser.newContext();
      try {
        const tab = await fresh.newPage();
        // The page's first socket: it must end without one frame from the server.
        const socketEnded = new Promise<number>((resolve) =>
          tab.once('websocket', (socket) => {
            let frames = 0;
            socket.on('framereceived', () => frames++);
            socket.once('close', () => resolve(frames));
            socket.once('socketerror', () => resolve(frames));
          }),
        );
        const refused = new URL(url).searchParams.has('ticket')
          ? tab.waitForResponse((response) => response.url().endsWith('/api/session'))
          : undefined;
        await tab.goto(url);
        if (refused) expect((await refused).status(), url).toBe(401);
        expect(await socketEnded, url).toBe(0);
        expect(await tab.evaluate("sessionStorage.getItem('stowage.token')"), url).toBeNull();
      } finally {
        await fresh.close();
      }
    }
  });

  test('a page load reports no Content-Security-Policy violation', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript(
        `window.__cspViolations = [];
         document.addEventListener('securitypolicyviolation', (event) =>
           window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
      );
      const logged: string[] = [];
      page.on('console', (message) => {
        if (/content security policy/i.test(message.text())) logged.push(message.text());
      });
      await page.goto(`${app.origin}/`);
      await expect(page.getByTestId('engine-status')).toBeVisible();
      expect(await page.evaluate('window.__cspViolations')).toEqual([]);
      expect(logged).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
