import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { tokenSubprotocol, webSocketProtocol } from '../../shared';
import {
  checkPageRequest,
  checkSocketRequest,
  offeredProtocols,
  sameToken,
  type AccessPolicy,
} from './access';
import { allowedHosts } from '../lib/host-names';

const token = 'a-token-that-is-long-enough-0123456789';
const policy: AccessPolicy = {
  token,
  hosts: allowedHosts('127.0.0.1', 4000, { addresses: [], hostName: 'box' }),
};
const withToken = (value: string): IncomingHttpHeaders => ({
  host: '127.0.0.1:4000',
  'sec-websocket-protocol': `${webSocketProtocol}, ${tokenSubprotocol(value)}`,
});

describe('access to the page', () => {
  it('needs this server in Host, whatever else the request has (DNS rebinding)', () => {
    for (const host of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000', 'LOCALHOST:4000']) {
      expect(checkPageRequest({ host }, policy)).toBe('ok');
    }
    for (const host of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', '', 'box:4000']) {
      expect(checkPageRequest({ host }, policy)).toBe('bad-host');
    }
    expect(checkPageRequest({}, policy)).toBe('bad-host');
  });

  it('refuses a foreign Origin and accepts its own', () => {
    const own = { host: '[::1]:4000', origin: 'http://[::1]:4000' };
    expect(checkPageRequest(own, policy)).toBe('ok');
    for (const origin of ['http://evil.example', 'null', 'https://127.0.0.1:4000', '']) {
      expect(checkPageRequest({ host: '[::1]:4000', origin }, policy)).toBe('bad-origin');
    }
  });
});

describe('access to the socket', () => {
  it('lets the token through as a subprotocol beside stowage.v1', () => {
    expect(checkSocketRequest(withToken(token), policy)).toBe('ok');
  });

  it('refuses a missing, wrong, prefixed or truncated token', () => {
    expect(
      checkSocketRequest(
        { host: '127.0.0.1:4000', 'sec-websocket-protocol': webSocketProtocol },
        policy,
      ),
    ).toBe('no-token');
    for (const wrong of ['nope', token.slice(1), `${token}x`, `x${token}`]) {
      expect(checkSocketRequest(withToken(wrong), policy)).toBe('no-token');
    }
  });

  it('needs the stowage.v1 subprotocol offered', () => {
    const headers = { host: '127.0.0.1:4000', 'sec-websocket-protocol': tokenSubprotocol(token) };
    expect(checkSocketRequest(headers, policy)).toBe('no-protocol');
  });

  it('checks Host and Origin before the token', () => {
    expect(checkSocketRequest({ ...withToken(token), host: 'evil.example:4000' }, policy)).toBe(
      'bad-host',
    );
    expect(checkSocketRequest({ ...withToken(token), origin: 'http://evil.example' }, policy)).toBe(
      'bad-origin',
    );
  });

  it('reads the protocol header defensively', () => {
    expect(offeredProtocols(undefined)).toEqual([]);
    expect(offeredProtocols(' a , ,b,')).toEqual(['a', 'b']);
    expect(offeredProtocols(['a', 'b'])).toEqual(['a', 'b']);
    expect(offeredProtocols('x'.repeat(10_000))).toEqual([]);
    expect(offeredProtocols(Array(100).fill('p').join(','))).toHaveLength(8);
  });

  it('compares tokens of any length without throwing', () => {
    expect(sameToken(token, token)).toBe(true);
    expect(sameToken('', token)).toBe(false);
    expect(sameToken('é'.repeat(1000), token)).toBe(false);
  });
});

describe('token subprotocol', () => {
  it('round-trips tokens with characters a header cannot carry', async () => {
    const { tokenFromSubprotocol } = await import('../../shared');
    for (const value of [token, 'a & b # c (d) "e" ü 🚢 ,;']) {
      const protocol = tokenSubprotocol(value);
      expect(protocol).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
      expect(tokenFromSubprotocol(protocol)).toBe(value);
    }
    expect(tokenFromSubprotocol('stowage.token.%E0%A4%A')).toBeUndefined();
    expect(tokenFromSubprotocol('stowage.token.')).toBeUndefined();
    expect(tokenFromSubprotocol('other')).toBeUndefined();
  });
});
