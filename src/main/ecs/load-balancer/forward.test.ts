import { describe, expect, it } from 'vitest';
import { endToEndHeaders } from './forward';

describe('end-to-end headers', () => {
  it('keeps every header that is not hop-by-hop, values untouched', () => {
    expect(
      endToEndHeaders({
        host: 'app.example',
        accept: 'text/html',
        'set-cookie': ['a=1', 'b=2'],
        'x-forwarded-for': '10.0.0.1',
      }),
    ).toEqual({
      host: 'app.example',
      accept: 'text/html',
      'set-cookie': ['a=1', 'b=2'],
      'x-forwarded-for': '10.0.0.1',
    });
  });

  it('drops the hop-by-hop headers of RFC 9110', () => {
    expect(
      endToEndHeaders({
        host: 'app.example',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic eA==',
        'proxy-connection': 'keep-alive',
        te: 'trailers',
        trailer: 'x-checksum',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
      }),
    ).toEqual({ host: 'app.example' });
  });

  it('drops the headers the Connection header names, in any case and spacing', () => {
    expect(
      endToEndHeaders({
        connection: 'close, X-Session-Hint ,,  x-trace',
        'x-session-hint': '1',
        'x-trace': 'abc',
        'x-kept': 'yes',
      }),
    ).toEqual({ 'x-kept': 'yes' });
  });

  it('answers a fresh object each time, never the one it was given', () => {
    const headers = { host: 'app.example' };
    const kept = endToEndHeaders(headers);
    kept['x-added'] = '1';
    expect(headers).toEqual({ host: 'app.example' });
    expect(endToEndHeaders(headers)).toEqual({ host: 'app.example' });
  });
});
