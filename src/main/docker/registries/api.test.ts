import { describe, expect, it } from 'vitest';
import { RegistryClient, registryBaseUrl } from './api';

/** A registry that hands out Bearer tokens, as Docker Hub and most hosted registries do. */
function tokenRegistry(seen: string[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    seen.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (url.pathname === '/token') {
      const ok = headers.get('authorization') === `Basic ${btoa('ann:pw')}`;
      return ok
        ? Response.json({ token: `t-${url.searchParams.get('scope')}` })
        : new Response('{}', { status: 401 });
    }
    const scope = url.pathname.startsWith('/v2/_catalog')
      ? 'registry:catalog:*'
      : 'repository:team/app:pull';
    if (headers.get('authorization') === `Bearer t-${scope}`) {
      return Response.json({ repositories: ['team/app'] });
    }
    return new Response('{}', {
      status: 401,
      headers: {
        'www-authenticate': `Bearer realm="https://auth.example/token",service="reg.example",scope="${scope}"`,
      },
    });
  }) as typeof fetch;
}

describe('registry client', () => {
  it('uses http for loopback registries and https for every other', () => {
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('localhost.example.com')).toBe('https://localhost.example.com');
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
  });

  it('answers a Bearer challenge with a token for the scope, and reuses it', async () => {
    const seen: string[] = [];
    const client = new RegistryClient({
      registry: 'reg.example',
      login: { username: 'ann', password: 'pw' },
      signal: new AbortController().signal,
      fetch: tokenRegistry(seen),
    });
    const answer = await client.request('/v2/_catalog?n=10');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ repositories: ['team/app'] });
    expect(seen).toEqual([
      'GET /v2/_catalog?n=10',
      'GET /token?service=reg.example&scope=registry%3Acatalog%3A*',
      'GET /v2/_catalog?n=10',
    ]);
    await client.request('/v2/_catalog?n=10');
    expect(seen).toHaveLength(4);
  });

  it('says UNAUTHORIZED when the token service refuses the login', async () => {
    const client = new RegistryClient({
      registry: 'reg.example',
      login: { username: 'ann', password: 'wrong' },
      signal: new AbortController().signal,
      fetch: tokenRegistry([]),
    });
    await expect(client.request('/v2/team/app/tags/list')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'reg.example refused the user name or password.',
    });
  });

  it('refuses answers larger than the cap, and times out as UNREACHABLE', async () => {
    const big = (async () => new Response('x'.repeat(2048))) as typeof fetch;
    const client = new RegistryClient({
      registry: 'reg.example',
      login: undefined,
      signal: new AbortController().signal,
      fetch: big,
    });
    await expect(client.request('/v2/', { maxBytes: 1024 })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });

    const silent = ((_input: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as typeof fetch;
    const slow = new RegistryClient({
      registry: 'reg.example',
      login: undefined,
      signal: new AbortController().signal,
      fetch: silent,
      timeoutMs: 50,
    });
    await expect(slow.request('/v2/')).rejects.toMatchObject({ code: 'UNREACHABLE' });

    const controller = new AbortController();
    const cancelled = new RegistryClient({
      registry: 'reg.example',
      login: undefined,
      signal: controller.signal,
      fetch: silent,
    });
    const request = cancelled.request('/v2/');
    controller.abort();
    await expect(request).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
