import { connect, createServer } from 'node:net';
import { Agent, createServer as createHttpServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test/support/wait-for';
import { systemClock } from '../../lib/clock';
import type { EcsControlPlaneApi } from '../endpoint/operations';
import { startEcsEndpoint } from '../endpoint/server';
import type {
  TargetDrainedEvent,
  TargetHealthEvent,
} from '../control-plane/core/load-balancer-port';
import { createLoadBalancerDataPlane, type LoadBalancerProxy } from './data-plane';
import { targetHeader } from './forward';
import {
  addressTarget,
  dnsName,
  get,
  healthCheck,
  listenerArn,
  plan,
  startTarget,
  targetGroup,
  tgArn,
  type TestTarget,
} from './test-support';

/** A port that was free a moment ago (the listener's own port must be ≥ 1024). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

let proxy: LoadBalancerProxy | undefined;
const targets: TestTarget[] = [];

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

async function started(...names: string[]): Promise<TestTarget[]> {
  const made = await Promise.all(names.map((name) => startTarget(name)));
  targets.push(...made);
  return made;
}

/** Sends `text`, shuts the sending side, and reads everything until the socket closes. */
function rawExchange(url: URL, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The URL the listener is served on (its own port, or the fallback). */
async function served(
  given: Parameters<LoadBalancerProxy['apply']>[0],
  limits = {},
): Promise<string> {
  proxy ??= createLoadBalancerDataPlane({ clock: systemClock, limits });
  proxy.apply(given);
  await proxy.settled();
  const binding = proxy.bindings().find((candidate) => candidate.listenerArn === listenerArn);
  const url = binding?.directUrl ?? binding?.fallbackUrl;
  if (!url) throw new Error(`listener not served: ${binding?.directProblem ?? 'no binding'}`);
  return url;
}

describe('the load balancer data plane', () => {
  it('serves a listener on its own loopback port and spreads requests round-robin', async () => {
    const three = await started('a', 'b', 'c');
    const port = await freePort();
    const url = await served(
      plan(port, [
        targetGroup(
          'web',
          three.map((target) => addressTarget(target.port)),
        ),
      ]),
    );
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const bodies: string[] = [];
    for (let i = 0; i < 9; i++) bodies.push((await get(`${url}/`)).body);
    expect(bodies.join('')).toBe('abcabcabc');
    const answer = await get(`${url}/`);
    expect(answer.headers[targetHeader]).toBe(`127.0.0.1:${three[0]?.port}`);
    expect(proxy?.traffic().map((row) => [row.port, row.requests, row.errors])).toEqual(
      three.map((target, index) => [target.port, index === 0 ? 4 : 3, 0]),
    );
  });

  it('says why a port below 1024 or one in use is not served, and serves it on a free one', async () => {
    const [target] = await started('a');
    const group = targetGroup('web', [addressTarget(target!.port)]);
    proxy = createLoadBalancerDataPlane({ clock: systemClock });
    proxy.apply(plan(80, [group]));
    await proxy.settled();
    const [low] = proxy.bindings();
    expect(low?.directUrl).toBeUndefined();
    expect(low?.directProblem).toMatch(/below 1024/);
    expect((await get(`${low?.fallbackUrl}/`)).body).toBe('a');

    proxy.apply(plan(target!.port, [group]));
    await proxy.settled();
    const [taken] = proxy.bindings();
    expect(taken?.directProblem).toBe(`Port ${target!.port} is in use by another program.`);
    expect((await get(`${taken?.fallbackUrl}/`)).body).toBe('a');
  });

  it('answers 503 with no target, 502 when the target refuses, 504 when it is too slow, as ALB does', async () => {
    const url = await served(plan(80, [targetGroup('web', [])]), { targetTimeoutMs: 300 });
    const none = await get(`${url}/`);
    expect(none.status).toBe(503);
    expect(none.headers.server).toBe('awselb/2.0');
    expect(none.body).toContain('<title>503 Service Temporarily Unavailable</title>');

    const [gone] = await started('gone');
    const deadPort = gone!.port;
    await gone!.close();
    targets.length = 0;
    await served(plan(80, [targetGroup('web', [addressTarget(deadPort)])]));
    const refused = await get(`${url}/`);
    expect(refused.status).toBe(502);
    expect(refused.body).toContain('502 Bad Gateway');

    const [slow] = await started('slow');
    await served(plan(80, [targetGroup('web', [addressTarget(slow!.port)])]));
    const timedOut = await get(`${url}/hang`);
    expect(timedOut.status).toBe(504);
    expect(timedOut.body).toContain('504 Gateway Time-out');
    const counts = proxy?.traffic().find((row) => row.port === slow!.port);
    expect(counts).toMatchObject({ requests: 1, errors: 1, elbErrors: 1 });
  });

  it('counts 5xx answers of a target as its errors and passes them on', async () => {
    const [target] = await started('a');
    const url = await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])]));
    expect((await get(`${url}/status/500`)).status).toBe(500);
    expect((await get(`${url}/status/404`)).status).toBe(404);
    expect(proxy?.traffic()[0]).toMatchObject({ requests: 2, errors: 1, elbErrors: 0 });
  });

  it('drops hop-by-hop headers both ways and adds X-Forwarded-For, -Proto and -Port', async () => {
    const [target] = await started('a');
    const url = await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])]));
    const answer = await get(`${url}/`, {
      headers: {
        Host: 'shop.localhost',
        Connection: 'keep-alive, x-secret',
        'X-Secret': 'hop',
        'Proxy-Authorization': 'Basic eA==',
        'X-Forwarded-For': '203.0.113.7',
        'X-Kept': 'yes',
      },
    });
    // Health checks reach the target too: the forwarded request is the one with X-Kept.
    const seen = target!.seen.find((headers) => headers['x-kept'] !== undefined) ?? {};
    expect(seen.host).toBe('shop.localhost');
    expect(seen['x-secret']).toBeUndefined();
    expect(seen['proxy-authorization']).toBeUndefined();
    expect(seen['x-kept']).toBe('yes');
    expect(seen['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-port']).toBe('80');
    expect(answer.headers['x-hop']).toBeUndefined();
    // The load balancer's own Keep-Alive (its timeout), not the target's.
    expect(answer.headers['keep-alive']).toBe('timeout=60');
  });

  it('streams request and response bodies, and refuses a body over the cap with 413', async () => {
    const [target] = await started('echo');
    const url = await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])]), {
      maxBodyBytes: 2 * 1024 * 1024,
    });
    const body = Buffer.alloc(1024 * 1024, 'x');
    const echoed = await get(`${url}/`, { method: 'POST', body });
    expect(echoed.status).toBe(200);
    expect(echoed.body.length).toBe(body.length);
    const chunked = await get(`${url}/`, {
      method: 'POST',
      headers: { 'Transfer-Encoding': 'chunked' },
      body: 'streamed',
    });
    expect(chunked.body).toBe('streamed');
    const declared = await get(`${url}/`, {
      method: 'POST',
      body: Buffer.alloc(3 * 1024 * 1024, 'y'),
    }).catch((error: unknown) => error);
    // Refused before it is read: the client may see the 413 or, still writing, a reset.
    expect([413, 'cut']).toContain(
      declared instanceof Error ? 'cut' : (declared as { status: number }).status,
    );
  });

  it('keeps client connections alive across requests', async () => {
    const [target] = await started('a');
    const url = await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])]));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const outgoing = request(`${url}/`, { agent }, (answer) => {
          sockets.add(answer.socket);
          answer.resume();
          answer.on('end', resolve);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    }
    agent.destroy();
    expect(sockets.size).toBe(1);
  });

  it('weights the listener across two target groups', async () => {
    const [blue, green] = await started('blue', 'green');
    const url = await served(
      plan(
        80,
        [
          targetGroup('blue', [addressTarget(blue!.port)]),
          targetGroup('green', [addressTarget(green!.port)]),
        ],
        [3, 1],
      ),
    );
    const bodies: string[] = [];
    for (let i = 0; i < 8; i++) bodies.push((await get(`${url}/`)).body);
    expect(bodies.filter((body) => body === 'blue')).toHaveLength(6);
    expect(bodies.filter((body) => body === 'green')).toHaveLength(2);
  });

  it('counts the 503s answered for a group with no routable target, per listener and group', async () => {
    const [blue] = await started('blue');
    const both = [targetGroup('blue', [addressTarget(blue!.port)]), targetGroup('green', [])];
    const url = await served(plan(80, both));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`${url}/`)).status);
    expect(statuses.sort()).toEqual([200, 200, 503, 503]);
    expect(proxy?.unroutable()).toEqual([
      { listenerArn, targetGroupArn: tgArn('green'), responses: 2 },
    ]);
    // Every weight 0: no group is picked, and the listener's count says so.
    await served(plan(80, both, [0, 0]));
    expect((await get(`${url}/`)).status).toBe(503);
    expect(proxy?.unroutable()).toContainEqual({ listenerArn, responses: 1 });
    // The group no longer served, its count goes.
    await served(plan(80, [both[0]!], [0]));
    expect(proxy?.unroutable()).toEqual([{ listenerArn, responses: 1 }]);
  });

  it('ends a drain as soon as the last request in flight to the target is answered', async () => {
    const held: ServerResponse[] = [];
    // Requests to /wait are held until the test answers them; health checks are answered.
    const target = createHttpServer((request, response) => {
      if (request.url === '/wait') held.push(response);
      else response.end('ok');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as AddressInfo).port;
    try {
      const url = await served(plan(80, [targetGroup('web', [addressTarget(port)])]));
      const drained: TargetDrainedEvent[] = [];
      proxy!.onDrained((event) => drained.push(event));
      const answer = get(`${url}/wait`);
      await waitFor(() => held.length === 1, {
        what: 'the request at the target',
        timeoutMs: 4_000,
      });
      const drainUntil = Date.now() + 600_000;
      await served(
        plan(80, [targetGroup('web', [addressTarget(port, { state: 'draining', drainUntil })])]),
      );
      // Draining: no new request reaches it, the one in flight goes on.
      expect((await get(`${url}/`)).status).toBe(503);
      expect(drained).toEqual([]);
      held[0]!.end('late');
      expect((await answer).body).toBe('late');
      await waitFor(() => drained.length > 0, { what: 'the drain to end', timeoutMs: 4_000 });
      expect(drained).toEqual([
        {
          kind: 'target.drained',
          targetGroupArn: tgArn('web'),
          targetId: '127.0.0.1',
          port,
          drainUntil,
          at: expect.any(Number),
        },
      ]);
    } finally {
      target.closeAllConnections();
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it('routes only to healthy targets, and fails open when none is', async () => {
    const [up, down] = await started('up', 'down');
    const group = (downState: 'unhealthy' | 'initial', upState: 'healthy' | 'unhealthy') =>
      targetGroup('web', [
        addressTarget(up!.port, { state: upState }),
        addressTarget(down!.port, { state: downState }),
      ]);
    const url = await served(plan(80, [group('unhealthy', 'healthy')]));
    const bodies = new Set<string>();
    for (let i = 0; i < 4; i++) bodies.add((await get(`${url}/`)).body);
    expect([...bodies]).toEqual(['up']);
  });

  it('answers for a simulated target itself', async () => {
    const url = await served(
      plan(80, [
        targetGroup('web', [
          {
            id: '10.0.1.5',
            port: 80,
            state: 'healthy',
            endpoint: {
              kind: 'simulated',
              taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/default/abc123',
              containerName: 'web',
              healthy: true,
            },
          },
        ]),
      ]),
    );
    const answer = await get(`${url}/`);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('Hello from task abc123, container web (simulated).\n');
    expect(answer.headers[targetHeader]).toBe('abc123:80');
  });

  it('answers a Host that no rebinding page sends, and refuses others with 403 and why', async () => {
    const [target] = await started('a');
    proxy = createLoadBalancerDataPlane({ clock: systemClock, hostNames: ['Shop.Test'] });
    const url = await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])]));
    const port = new URL(url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, dnsName, `shop.test:${port}`]) {
      expect((await get(`${url}/`, { headers: { Host: host } })).body, host).toBe('a');
    }
    const seenBefore = target!.seen.length;
    const refused = await get(`${url}/`, { headers: { Host: `rebound.example:${port}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.connection).toBe('close');
    expect(refused.body).toContain(`"rebound.example:${port}" is none of them`);
    expect(target!.seen).toHaveLength(seenBefore);

    const handshake = await rawExchange(
      new URL(url),
      `GET / HTTP/1.1\r\nHost: rebound.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
    );
    expect(handshake).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(handshake).toContain('"rebound.example" is none of them');
  });

  it('answers a client that shuts its side after sending the request', async () => {
    const [target] = await started('a');
    const url = new URL(
      await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])])),
    );
    const answer = await rawExchange(url, `GET / HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\n\r\n1\r\na\r\n0\r\n\r\n$/);
  });

  it('serves a load balancer through the ECS endpoint when Host is its DNSName', async () => {
    const [target] = await started('via-endpoint');
    await served(plan(80, [targetGroup('web', [addressTarget(target!.port)])]));
    const plane = {} as Partial<EcsControlPlaneApi> as EcsControlPlaneApi;
    const endpoint = await startEcsEndpoint({ controlPlane: plane, loadBalancers: proxy });
    try {
      const answer = await get(`${endpoint.url}/`, { headers: { Host: dnsName } });
      expect(answer.body).toBe('via-endpoint');
      const mixedCase = await get(`${endpoint.url}/`, {
        headers: { Host: `${dnsName.toUpperCase()}:80` },
      });
      expect(mixedCase.body).toBe('via-endpoint');
      const other = await get(`${endpoint.url}/`, { headers: { Host: 'other.elb.localhost' } });
      expect(other.status).toBe(403);
    } finally {
      await endpoint.close();
    }
  });

  it('checks health, reports each transition once, and stops routing to an unhealthy target', async () => {
    const [good, bad] = await started('good', 'bad');
    const check = healthCheck({
      path: '/',
      intervalSeconds: 0.05,
      timeoutSeconds: 1,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
    });
    proxy = createLoadBalancerDataPlane({ clock: systemClock });
    const events: TargetHealthEvent[] = [];
    proxy.onHealth((event) => events.push(event));
    const url = await served(
      plan(80, [
        targetGroup(
          'web',
          [
            addressTarget(good!.port, { state: 'initial' }),
            addressTarget(bad!.port, { state: 'initial' }),
          ],
          { healthCheck: check },
        ),
      ]),
    );
    await waitFor(() => events.length >= 2, { what: 'both targets checked', timeoutMs: 10_000 });
    expect(events.map((event) => [event.port, event.state])).toContainEqual([
      good!.port,
      'healthy',
    ]);
    // The bad one turns unhealthy once its server is gone.
    await bad!.close();
    await waitFor(
      () => events.some((event) => event.port === bad!.port && event.state === 'unhealthy'),
      { what: 'the closed target unhealthy', timeoutMs: 10_000 },
    );
    const unhealthy = events.find((event) => event.state === 'unhealthy');
    expect(unhealthy).toMatchObject({
      kind: 'target.health',
      targetGroupArn: tgArn('web'),
      reason: 'Target.FailedHealthChecks',
    });
    expect(events.filter((event) => event.port === good!.port)).toHaveLength(1);
    for (let i = 0; i < 4; i++) expect((await get(`${url}/`)).body).toBe('good');
  });
});

describe('simulated targets', () => {
  it('take their health from the plan through the same thresholds', async () => {
    const simulated = (task: string, healthy: boolean) => ({
      id: `10.0.0.${task.length}`,
      port: 80,
      state: 'initial' as const,
      endpoint: {
        kind: 'simulated' as const,
        taskArn: `arn:aws:ecs:us-east-1:000000000000:task/default/${task}`,
        containerName: 'web',
        healthy,
      },
    });
    proxy = createLoadBalancerDataPlane({ clock: systemClock });
    const events: TargetHealthEvent[] = [];
    proxy.onHealth((event) => events.push(event));
    proxy.apply(
      plan(80, [
        targetGroup('web', [simulated('up', true), simulated('down', false)], {
          healthCheck: healthCheck({ intervalSeconds: 0.02 }),
        }),
      ]),
    );
    await waitFor(() => events.length === 2, { what: 'both verdicts', timeoutMs: 10_000 });
    expect(events.map((event) => [event.targetId, event.state, event.reason])).toEqual(
      expect.arrayContaining([
        ['10.0.0.2', 'healthy', undefined],
        ['10.0.0.4', 'unhealthy', 'Target.FailedHealthChecks'],
      ]),
    );
  });
});
