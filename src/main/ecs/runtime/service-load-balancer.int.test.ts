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

// A service of three busybox httpd tasks on the real engine behind the load balancer, wired
// as the app wires it (the control plane's plan to the data plane, its health verdicts back).
// Each task answers with its revision and its hostname. A rolling deployment to a new
// revision under steady traffic loses no request (old tasks drain before their containers
// stop, new ones take traffic only once healthy) and ends with all traffic on the new tasks.

const fixtures = inject('fixtureImages');
const cluster = `stowage-svc-lb-${Date.now().toString(36)}`;
const site = (revision: number) => httpdSite(`"${revision} $(hostname)"`);

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
});
