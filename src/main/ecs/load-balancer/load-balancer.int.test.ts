import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { steadyTraffic } from '../../../../test/support/steady-traffic';
import { waitFor } from '../../../../test/support/wait-for';
import { systemClock } from '../../lib/clock';
import type { PlannedTarget, TargetHealthEvent } from '../control-plane/core/load-balancer-port';
import { createLoadBalancerDataPlane, type LoadBalancerProxy } from './data-plane';
import { addressTarget, healthCheck, plan, targetGroup } from './test-support';

// Three busybox httpd containers on the real engine, each serving its own hostname, behind a
// plan applied by hand: requests spread over all three; a target deregistered under steady
// traffic drains with no failed request; a killed one fails requests only until the health
// checks find it.

const fixtures = inject('fixtureImages');
const httpdImage = 'stowage-test/layered:1.0';
const check = healthCheck({
  intervalSeconds: 1,
  timeoutSeconds: 1,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
});
/** How long the checks may take to call a dead target unhealthy: two failed checks, each up to its timeout. */
const detectionMs =
  check.intervalSeconds * 1000 * check.unhealthyThresholdCount + check.timeoutSeconds * 1000;

interface Container {
  id: string;
  hostname: string;
  port: number;
}

async function startHttpd(): Promise<Container> {
  const id = await docker([
    'run',
    '-d',
    '--label',
    `${TEST_LABEL}=${TEST_LABEL_VALUE}`,
    '-p',
    '127.0.0.1::8080',
    httpdImage,
    'sh',
    '-c',
    'hostname > /srv/index.html && exec httpd -f -p 8080 -h /srv',
  ]);
  const hostname = (await docker(['inspect', '--format', '{{.Config.Hostname}}', id])).trim();
  const published = await docker(['port', id, '8080/tcp']);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(published)?.[1]);
  return { id, hostname, port };
}

describe('the load balancer in front of real containers', () => {
  let proxy: LoadBalancerProxy;
  let containers: Container[];
  let url: string;
  const events: TargetHealthEvent[] = [];

  const targetsOf = (containers: Container[], extra: (c: Container) => Partial<PlannedTarget>) =>
    containers.map((container) => addressTarget(container.port, extra(container)));
  const servePlan = (targets: PlannedTarget[]) =>
    proxy.apply(plan(80, [targetGroup('web', targets, { healthCheck: check })]));

  beforeAll(async () => {
    expect(fixtures.layered.tags).toContain(httpdImage);
    containers = await Promise.all([startHttpd(), startHttpd(), startHttpd()]);
    proxy = createLoadBalancerDataPlane({ clock: systemClock });
    proxy.onHealth((event) => events.push(event));
    servePlan(targetsOf(containers, () => ({ state: 'initial' })));
    await proxy.settled();
    url = proxy.bindings()[0]?.fallbackUrl ?? '';
    await waitFor(
      () => containers.every((c) => events.some((e) => e.port === c.port && e.state === 'healthy')),
      { what: 'all three targets healthy', timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await proxy?.close();
    const ids = (containers ?? []).map((container) => container.id);
    if (ids.length > 0) await docker(['rm', '-f', ...ids]);
  });

  it('spreads 30 requests over all three containers', async () => {
    const bodies: string[] = [];
    const agent = new Agent({ keepAlive: true });
    for (let i = 0; i < 30; i++) {
      bodies.push(
        await new Promise<string>((resolve, reject) => {
          const outgoing = request(`${url}/`, { agent }, (answer) => {
            let body = '';
            answer.setEncoding('utf8');
            answer.on('data', (chunk: string) => (body += chunk));
            answer.on('end', () => resolve(body.trim()));
          });
          outgoing.on('error', reject);
          outgoing.end();
        }),
      );
    }
    agent.destroy();
    for (const container of containers) {
      expect(bodies.filter((body) => body === container.hostname)).toHaveLength(10);
    }
  });

  it('drains a deregistered target under steady traffic with no failed request', async () => {
    const traffic = steadyTraffic(url);
    const [kept1, kept2, leaving] = containers as [Container, Container, Container];
    await waitFor(() => traffic.samples.some((s) => s.body === leaving.hostname), {
      what: 'traffic reaching the target about to leave',
      timeoutMs: 10_000,
    });
    const drainedAt = Date.now();
    servePlan([
      addressTarget(kept1.port),
      addressTarget(kept2.port),
      addressTarget(leaving.port, { state: 'draining', drainUntil: drainedAt + 2000 }),
    ]);
    await waitFor(() => Date.now() > drainedAt + 2000 && traffic.samples.length > 100, {
      what: 'the drain to pass under traffic',
      timeoutMs: 30_000,
    });
    servePlan([addressTarget(kept1.port), addressTarget(kept2.port)]);
    const countAfterRemoval = traffic.samples.length;
    await waitFor(() => traffic.samples.length > countAfterRemoval + 50, {
      what: 'traffic after the target is gone',
      timeoutMs: 30_000,
    });
    await traffic.stop();
    expect(traffic.samples.filter((s) => s.status !== 200)).toEqual([]);
    expect(
      traffic.samples.filter((s) => s.sentAt > drainedAt && s.body === leaving.hostname),
    ).toEqual([]);
    servePlan(targetsOf(containers, () => ({})));
  });

  it('fails requests to a killed container only until the health checks find it', async () => {
    const victim = containers[0] as Container;
    const traffic = steadyTraffic(url);
    await waitFor(() => traffic.samples.some((s) => s.body === victim.hostname), {
      what: 'traffic reaching the victim',
      timeoutMs: 10_000,
    });
    const killedAt = Date.now();
    await docker(['kill', victim.id]);
    await waitFor(
      () =>
        events.some((e) => e.port === victim.port && e.state === 'unhealthy' && e.at > killedAt),
      { what: 'the killed target unhealthy', timeoutMs: 30_000 },
    );
    const countAtDetection = traffic.samples.length;
    await waitFor(() => traffic.samples.length > countAtDetection + 50, {
      what: 'traffic after detection',
      timeoutMs: 30_000,
    });
    await traffic.stop();
    const failed = traffic.samples.filter((s) => s.status !== 200);
    const lastFailure = Math.max(killedAt, ...failed.map((s) => s.sentAt));
    // A request sent just before the verdict may fail too: one interval of slack on a loaded machine.
    expect(lastFailure - killedAt).toBeLessThanOrEqual(detectionMs + check.intervalSeconds * 1000);
    expect(failed.every((s) => s.status === 502 || s.status === 'error')).toBe(true);
    const unhealthy = events.find((e) => e.port === victim.port && e.state === 'unhealthy');
    expect(unhealthy?.reason).toBe('Target.FailedHealthChecks');
    const afterDetection = traffic.samples.filter((s) => s.sentAt > (unhealthy?.at ?? 0));
    expect(afterDetection.length).toBeGreaterThan(0);
    expect(afterDetection.every((s) => s.status === 200)).toBe(true);
  });
});
