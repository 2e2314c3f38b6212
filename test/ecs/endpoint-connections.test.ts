import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcsControlPlaneApi } from '../../src/main/ecs/endpoint/operations';
import { startEcsEndpoint, type EcsEndpoint } from '../../src/main/ecs/endpoint/server';
import { exchange } from '../fuzz/raw-socket';
import { freshGet, idleFlood, silentConnectionLifetime } from '../support/idle-flood';

// The ECS endpoint under connection floods and ambiguous requests, with its default limits.
// The flood comes last: the other tests must see a listener nobody has filled.

const plane = {
  listClusters: async () => ({ clusterArns: [] }),
} as Partial<EcsControlPlaneApi> as EcsControlPlaneApi;

describe('the ECS endpoint under a connection flood', () => {
  let endpoint: EcsEndpoint;

  beforeAll(async () => {
    endpoint = await startEcsEndpoint({ controlPlane: plane });
  });

  afterAll(() => endpoint.close());

  it('closes a connection that sends nothing within a few seconds', async () => {
    expect(await silentConnectionLifetime(endpoint.port)).toBeLessThan(8000);
  }, 30_000);

  it('answers a request with two Host headers with 400', async () => {
    const own = `127.0.0.1:${endpoint.port}`;
    const twice = await exchange(
      endpoint.port,
      `GET / HTTP/1.1\r\nHost: ${own}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    expect(twice).toMatch(/^HTTP\/1\.1 400/);
    expect(twice).toContain('SerializationException');
    expect(await freshGet(endpoint.port, '/', { Host: own })).toBe(200);
  });

  it('serves a fresh client within a second while 2,000 idle sockets pile up', async () => {
    const host = { Host: `127.0.0.1:${endpoint.port}` };
    const flood = await idleFlood(endpoint.port, async () => {
      expect(await freshGet(endpoint.port, '/', host)).toBe(200);
    });
    try {
      expect(flood.probeMs).toHaveLength(20);
      expect(Math.max(...flood.probeMs)).toBeLessThan(1000);
      await expect.poll(() => flood.stillOpen(), { timeout: 10_000 }).toBeLessThanOrEqual(64);
    } finally {
      flood.end();
    }
  }, 60_000);
});
