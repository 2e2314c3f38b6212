import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../../../../test/support/docker';
import {
  httpdImage,
  httpdSite,
  openDockerEcs,
  plugInDataPlane,
  type DockerEcs,
} from '../../../../test/support/ecs-docker';
import { steadyTraffic } from '../../../../test/support/steady-traffic';
import { waitFor } from '../../../../test/support/wait-for';
import type { EcsControlPlane } from '../control-plane/core/control-plane';
import type { TargetTraffic } from '../control-plane/core/load-balancer-port';
import { get } from '../load-balancer/test-support';

// A service of three busybox httpd tasks on the real engine behind the load balancer, wired
// as the app wires it (the control plane's plan to the data plane, its health verdicts back).
// Each task answers with its revision and its hostname. A rolling deployment to a new
// revision under steady traffic loses no request (old tasks drain before their containers
// stop, new ones take traffic only once healthy) and ends with all traffic on the new tasks.
// A request held in flight at an old task while its target drains still ends with 200.

const fixtures = inject('fixtureImages');
const cluster = `stowage-svc-lb-${Date.now().toString(36)}`;
/**
 * A CGI script that answers only once /tmp/release exists in its container: a request to it
 * is surely still in flight when its target starts draining, however loaded the machine.
 */
const heldCgi = [
  '#!/bin/sh',
  'while [ ! -e /tmp/release ]; do sleep 0.1; done',
  // CRLF: Node's parser, like the proxy's, takes no bare LF in a head (busybox passes it on).
  'printf "Content-Type: text/plain\\\\r\\\\n\\\\r\\\\n"',
  'echo held $(hostname)',
].join('\\n');

const site = (revision: number) =>
  httpdSite(
    `"${revision} $(hostname)"`,
    `mkdir -p /srv/cgi-bin /tmp && printf '${heldCgi}\\n' > /srv/cgi-bin/held && chmod +x /srv/cgi-bin/held && `,
  );

describe('an ECS service behind the load balancer on the Docker runtime', () => {
  let ecs: DockerEcs;
  let plane: EcsControlPlane;
  let balancing: ReturnType<typeof plugInDataPlane>;
  let groupArn: string;
  let url: string;

  const liveTasks = async () => {
    const { taskArns = [] } = await plane.listTasks({ cluster, serviceName: 'site' });
    return taskArns.length === 0
      ? []
      : ((await plane.describeTasks({ cluster, tasks: taskArns })).tasks ?? []);
  };
  const targetStates = async () =>
    (
      (await plane.describeTargetHealth({ TargetGroupArn: groupArn })).TargetHealthDescriptions ??
      []
    ).map((description) => description.TargetHealth?.State);
  /**
   * Steady on `revision`: one COMPLETED deployment, three tasks of it running, their three
   * targets healthy and no other, and only their containers left.
   */
  const steadyOn = (revision: number) =>
    waitFor(
      async () => {
        const service = (await plane.describeServices({ cluster, services: ['site'] }))
          .services?.[0];
        const [deployment, ...others] = service?.deployments ?? [];
        const tasks = await liveTasks();
        const states = await targetStates();
        const containers = await ecs.runningContainers();
        return (
          others.length === 0 &&
          deployment?.rolloutState === 'COMPLETED' &&
          deployment.taskDefinition?.endsWith(`:${revision}`) === true &&
          tasks.length === 3 &&
          tasks.every(
            (task) =>
              task.lastStatus === 'RUNNING' && task.taskDefinitionArn?.endsWith(`:${revision}`),
          ) &&
          states.length === 3 &&
          states.every((state) => state === 'healthy') &&
          containers.size === 3 &&
          tasks.every((task) => containers.has(task.taskArn ?? ''))
        );
      },
      { what: `the service steady on revision ${revision}`, timeoutMs: 120_000, pollMs: 250 },
    );
  /** What each running task answers, by task ARN: `<revision> <hostname>`. */
  const answers = async () => {
    const byTask = new Map<string, string>();
    for (const [taskArn, id] of await ecs.runningContainers()) {
      byTask.set(taskArn, await docker(['exec', id, 'cat', '/srv/index.html']));
    }
    return byTask;
  };

  beforeAll(async () => {
    expect(fixtures.layered.tags).toContain(httpdImage);
    ecs = await openDockerEcs({ cluster, reconcileIntervalMs: 100 });
    plane = ecs.plane;
    balancing = plugInDataPlane(plane);
    const loadBalancer = (await plane.createLoadBalancer({ Name: 'site' })).LoadBalancers![0]!;
    groupArn = (
      await plane.createTargetGroup({
        Name: 'site',
        Protocol: 'HTTP',
        Port: 8080,
        TargetType: 'instance',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
      })
    ).TargetGroups![0]!.TargetGroupArn!;
    await plane.modifyTargetGroupAttributes({
      TargetGroupArn: groupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3' }],
    });
    await plane.createListener({
      LoadBalancerArn: loadBalancer.LoadBalancerArn,
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: groupArn }],
    });
    await plane.registerTaskDefinition(site(1));
    await plane.createService({
      cluster,
      serviceName: 'site',
      taskDefinition: 'site:1',
      desiredCount: 3,
      loadBalancers: [{ targetGroupArn: groupArn, containerName: 'httpd', containerPort: 8080 }],
    });
    url = await waitFor(() => balancing.dataPlane.bindings()[0]?.fallbackUrl, {
      what: 'the listener served',
      timeoutMs: 30_000,
    });
    await steadyOn(1);
  }, 180_000);

  afterAll(async () => {
    await ecs.close(['site']);
    await balancing?.close();
  });

  it('rolls out a new revision under steady traffic with no failed request', async () => {
    const before = await answers();
    const traffic = steadyTraffic(url);
    await waitFor(
      () => [...before.values()].every((answer) => traffic.samples.some((s) => s.body === answer)),
      { what: 'traffic reaching all three tasks', timeoutMs: 30_000 },
    );
    await plane.registerTaskDefinition(site(2));
    await plane.updateService({ cluster, service: 'site', taskDefinition: 'site:2' });
    await steadyOn(2);
    const after = await answers();
    expect([...after.keys()].some((taskArn) => before.has(taskArn))).toBe(false);
    const rolledOutAt = traffic.samples.length;
    await waitFor(() => traffic.samples.length > rolledOutAt + 60, {
      what: 'traffic after the rollout',
      timeoutMs: 30_000,
    });
    await traffic.stop();

    expect(traffic.samples.filter((s) => s.status !== 200)).toEqual([]);
    const lastAnswers = new Set(traffic.samples.slice(rolledOutAt).map((s) => s.body));
    expect(lastAnswers).toEqual(new Set(after.values()));
    const events = (
      (await plane.describeServices({ cluster, services: ['site'] })).services?.[0]?.events ?? []
    ).map((event) => event.message ?? '');
    const counted = (verb: string) =>
      events
        .map((message) =>
          new RegExp(`^\\(service site\\) ${verb} (\\d+) targets in \\(target-group `).exec(
            message,
          ),
        )
        .reduce((sum, match) => sum + Number(match?.[1] ?? 0), 0);
    // Three registered for each revision; the old three deregistered (drained) before stopping.
    expect(counted('registered')).toBe(6);
    expect(counted('deregistered')).toBe(3);
  }, 240_000);

  it('lets a slow request in flight finish while its target drains', async () => {
    const service = (await plane.describeServices({ cluster, services: ['site'] })).services?.[0];
    const revision = Number(service?.taskDefinition?.split(':').pop());
    await steadyOn(revision);
    // Far beyond the test's own pace: the drain must end because the request finished.
    await plane.modifyTargetGroupAttributes({
      TargetGroupArn: groupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '120' }],
    });
    const oldContainers = [...(await ecs.runningContainers()).values()];
    const sentTo = (traffic: TargetTraffic) => `${traffic.targetId}:${traffic.port}`;
    const sentBefore = new Map(balancing.dataPlane.traffic().map((t) => [sentTo(t), t.requests]));
    const held = get(`${url}/cgi-bin/held`);
    const target = await waitFor(
      () =>
        balancing.dataPlane
          .traffic()
          .find(
            (t) => t.targetGroupArn === groupArn && t.requests > (sentBefore.get(sentTo(t)) ?? 0),
          ),
      { what: 'the held request sent to a target', timeoutMs: 30_000 },
    );

    await plane.registerTaskDefinition(site(revision + 1));
    await plane.updateService({
      cluster,
      service: 'site',
      taskDefinition: `site:${revision + 1}`,
    });
    let seen: unknown[] = [];
    const draining = waitFor(
      async () => {
        const descriptions =
          (await plane.describeTargetHealth({ TargetGroupArn: groupArn }))
            .TargetHealthDescriptions ?? [];
        seen = descriptions.map((d) => [d.Target?.Id, d.Target?.Port, d.TargetHealth?.State]);
        return descriptions.some(
          (description) =>
            description.Target?.Id === target.targetId &&
            description.Target?.Port === target.port &&
            description.TargetHealth?.State === 'draining',
        );
      },
      {
        what: () =>
          `the held request's target ${sentTo(target)} draining (targets: ${JSON.stringify(seen)})`,
        timeoutMs: 120_000,
        pollMs: 250,
      },
    );
    // The request is still held when its target is seen draining.
    await Promise.race([
      draining,
      held.then((early) => {
        throw new Error(`answered ${early.status} "${early.body}" before its target drained`);
      }),
    ]);
    for (const id of oldContainers) await docker(['exec', id, 'touch', '/tmp/release']);

    const answer = await held;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^held /);
    await steadyOn(revision + 1);
  }, 240_000);
});
