import { describe, expect, it } from 'vitest';
import { httpTicketExchange, takeSessionToken, type TicketExchange } from './session-token';

function browser(href: string) {
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  return {
    location: { href },
    history: {
      state: { keep: 1 },
      replaceState: (_state: unknown, _title: string, url: string) => void replaced.push(url),
    },
    storage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    },
    replaced,
    stored,
  };
}

/** A server that knows one ticket, good once. */
function server(ticket: string, token: string): TicketExchange & { asked: string[] } {
  const asked: string[] = [];
  let spent = false;
  const exchange = async (presented: string) => {
    asked.push(presented);
    if (presented !== ticket || spent) return undefined;
    spent = true;
    return token;
  };
  return Object.assign(exchange, { asked });
}

describe('the session token', () => {
  it('trades the ticket in the URL for the token, keeps it for this tab and cleans the address bar', async () => {
    const page = browser('http://127.0.0.1:5850/?ticket=t1&view=1#/images');
    const exchange = server('t1', 'the token');
    expect(await takeSessionToken(page.location, page.history, page.storage, exchange)).toBe(
      'the token',
    );
    expect(exchange.asked).toEqual(['t1']);
    expect(page.replaced).toEqual(['/?view=1#/images']);
    expect([...page.stored.values()]).toEqual(['the token']);
  });

  it('uses the kept token after a reload, without asking the server', async () => {
    const page = browser('http://127.0.0.1:5850/?ticket=t1');
    const exchange = server('t1', 'tok');
    await takeSessionToken(page.location, page.history, page.storage, exchange);
    page.location.href = 'http://127.0.0.1:5850/#/engine';
    expect(await takeSessionToken(page.location, page.history, page.storage, exchange)).toBe('tok');
    expect(exchange.asked).toEqual(['t1']);
    expect(page.replaced).toHaveLength(1);
  });

  it('gets nothing from a spent ticket in a new tab, and keeps the token of a tab that has one', async () => {
    const exchange = server('t1', 'tok');
    const first = browser('http://127.0.0.1:5850/?ticket=t1');
    await takeSessionToken(first.location, first.history, first.storage, exchange);
    const fresh = browser('http://127.0.0.1:5850/?ticket=t1');
    expect(
      await takeSessionToken(fresh.location, fresh.history, fresh.storage, exchange),
    ).toBeUndefined();
    expect(fresh.replaced).toEqual(['/']);
    // The same spent URL again in the first tab (from its history): the tab keeps its token.
    expect(await takeSessionToken(first.location, first.history, first.storage, exchange)).toBe(
      'tok',
    );
  });

  it('never takes a token from the URL', async () => {
    const page = browser('http://127.0.0.1:5850/?token=abc');
    const exchange = server('t1', 'tok');
    expect(
      await takeSessionToken(page.location, page.history, page.storage, exchange),
    ).toBeUndefined();
    expect(exchange.asked).toEqual([]);
  });

  it('copes with a failing exchange and blocked storage', async () => {
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    const page = browser('http://h/?ticket=t1');
    const failing = async () => Promise.reject(new Error('offline'));
    expect(await takeSessionToken(page.location, page.history, blocked, failing)).toBeUndefined();
    const working = server('t2', 'tok');
    expect(
      await takeSessionToken({ href: 'http://h/?ticket=t2' }, page.history, blocked, working),
    ).toBe('tok');
  });

  it('posts the ticket in a header and reads only a well-formed answer', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const answering =
      (status: number, body: unknown): typeof fetch =>
      async (url, init) => {
        calls.push({ url: String(url), init });
        return new Response(JSON.stringify(body), { status });
      };
    expect(await httpTicketExchange(answering(200, { token: 'tok' }))('t1')).toBe('tok');
    expect(calls[0]?.url).toBe('/api/session');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      headers: { 'X-Stowage-Ticket': 't1' },
      credentials: 'omit',
    });
    expect(await httpTicketExchange(answering(401, 'spent'))('t1')).toBeUndefined();
    expect(await httpTicketExchange(answering(200, { token: 42 }))('t1')).toBeUndefined();
  });
});
