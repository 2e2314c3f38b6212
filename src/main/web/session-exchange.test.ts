import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContractSocket } from '../../../test/support/contract-socket';
import { stubHandlers } from '../../../test/support/stub-handlers';
import { EventHub } from '../rpc/event-hub';
import { createRouter } from '../rpc/router';
import { startWebServer, type WebServer } from './server';

// The printed URL's one-time ticket and its exchange for the session token. No engine is
// needed: the socket is only opened.

const token = 'exchange-test-token-0123456789abcdef';

describe('browser mode tickets', () => {
  let server: WebServer;
  let rendererDir: string;
  const origin = () => `http://127.0.0.1:${server.port}`;
  const exchange = (ticket: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${origin()}/api/session`, {
      method: 'POST',
      headers: { ...(ticket === undefined ? {} : { 'X-Stowage-Ticket': ticket }), ...headers },
    });
  const ticketOf = (url: string) => new URL(url).searchParams.get('ticket') ?? '';

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'stowage-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<title>Stowage test page</title>');
    const services = { router: createRouter(stubHandlers()), events: new EventHub() };
    server = await startWebServer({ services, rendererDir, token });
  });

  afterAll(async () => {
    await server.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('prints a URL with a one-time ticket and never the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?ticket=[0-9a-f]{64}$/);
    expect(server.url).not.toContain(token);
    expect(server.freshUrl()).not.toBe(server.freshUrl());
  });

  it('trades a ticket once for the token, which then opens the socket; the ticket itself opens nothing', async () => {
    const ticket = ticketOf(server.freshUrl());
    const wsUrl = `ws://127.0.0.1:${server.port}/api/ws`;
    await expect(openContractSocket(wsUrl, { token: ticket })).rejects.toThrow(/401/);

    const first = await exchange(ticket, { Origin: origin() });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('set-cookie')).toBeNull();
    const { token: traded } = (await first.json()) as { token: string };
    expect(traded).toBe(token);
    const socket = await openContractSocket(wsUrl, { token: traded });
    socket.close();

    const again = await exchange(ticket, { Origin: origin() });
    expect(again.status).toBe(401);
    expect(await again.text()).not.toContain(token);
  });

  it('refuses a missing, made-up or oversized ticket, and the token itself', async () => {
    for (const ticket of [undefined, '', '0'.repeat(64), 'x'.repeat(10_000), token]) {
      expect((await exchange(ticket)).status).toBe(401);
    }
  });

  it('refuses the exchange from another origin or with another method, and keeps the ticket', async () => {
    const ticket = ticketOf(server.freshUrl());
    expect((await exchange(ticket, { Origin: 'http://evil.example' })).status).toBe(403);
    const get = await fetch(`${origin()}/api/session`, { headers: { 'X-Stowage-Ticket': ticket } });
    expect(get.status).toBe(405);
    expect((await exchange(ticket)).status).toBe(200);
  });
});
