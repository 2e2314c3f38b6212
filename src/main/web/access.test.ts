import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkAccess, cookieName, loopbackHostNames, type AccessPolicy } from './access';

const policy: AccessPolicy = {
  token: 'secret-token',
  port: 4000,
  hostNames: [...loopbackHostNames],
};

function request(url: string, headers: Record<string, string>): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage;
}

describe('checkAccess', () => {
  it('lets the token through in the URL or in the cookie of this port', () => {
    expect(checkAccess(request('/?token=secret-token', { host: '127.0.0.1:4000' }), policy)).toBe(
      'ok',
    );
    const cookie = `other=1; ${cookieName(4000)}=secret-token`;
    expect(checkAccess(request('/', { host: 'localhost:4000', cookie }), policy)).toBe('ok');
  });

  it('refuses a missing, wrong or other-port token', () => {
    expect(checkAccess(request('/', { host: '127.0.0.1:4000' }), policy)).toBe('no-token');
    expect(checkAccess(request('/?token=secret', { host: '127.0.0.1:4000' }), policy)).toBe(
      'no-token',
    );
    const cookie = `${cookieName(4001)}=secret-token`;
    expect(checkAccess(request('/', { host: '127.0.0.1:4000', cookie }), policy)).toBe('no-token');
  });

  it('refuses a Host that is not this server, even with the token (DNS rebinding)', () => {
    for (const host of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', '']) {
      expect(checkAccess(request('/?token=secret-token', { host }), policy)).toBe('bad-host');
    }
  });

  it('refuses a foreign Origin and accepts its own', () => {
    const headers = { host: '[::1]:4000', origin: 'http://evil.example' };
    expect(checkAccess(request('/?token=secret-token', headers), policy)).toBe('bad-origin');
    const own = { host: '[::1]:4000', origin: 'http://[::1]:4000' };
    expect(checkAccess(request('/?token=secret-token', own), policy)).toBe('ok');
  });
});
