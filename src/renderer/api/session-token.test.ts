import { describe, expect, it } from 'vitest';
import { takeSessionToken } from './session-token';

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

describe('the session token', () => {
  it('takes the token from the URL, keeps it for this tab and cleans the address bar', () => {
    const page = browser('http://127.0.0.1:5850/?token=a%20b%26c&view=1#/images');
    expect(takeSessionToken(page.location, page.history, page.storage)).toBe('a b&c');
    expect(page.replaced).toEqual(['/?view=1#/images']);
    expect([...page.stored.values()]).toEqual(['a b&c']);
  });

  it('uses the kept token after a reload, without touching the address bar', () => {
    const page = browser('http://127.0.0.1:5850/?token=t');
    takeSessionToken(page.location, page.history, page.storage);
    page.location.href = 'http://127.0.0.1:5850/#/engine';
    expect(takeSessionToken(page.location, page.history, page.storage)).toBe('t');
    expect(page.replaced).toHaveLength(1);
  });

  it('has no token when neither the URL nor the tab has one, or storage is blocked', () => {
    const page = browser('http://127.0.0.1:5850/');
    expect(takeSessionToken(page.location, page.history, page.storage)).toBeUndefined();
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(takeSessionToken({ href: 'http://h/?token=x' }, page.history, blocked)).toBe('x');
    expect(takeSessionToken({ href: 'http://h/' }, page.history, blocked)).toBeUndefined();
  });
});
