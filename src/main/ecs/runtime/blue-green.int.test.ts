import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  httpdImage,
  httpdSite,
  openDockerEcs,
  plugInDataPlane,
  type DockerEcs,
} from '../../../../test/support/ecs-docker';
import { steadyTraffic } from '../../../../test/support/steady-traffic';
import { waitFor } from '../../../../test/support/wait-for';
import { defaultListenerRuleArn } from '../../../shared/domain/ecs';
import type { EcsControlPlane } from '../control-plane/core/control-plane';

// A service of two busybox httpd tasks on the real engine behind the load balancer's real
// proxy, deployed blue/green under steady traffic: green starts in the alternate target
// group, the production listener switches, blue drains and stops, and not one request fails.

const fixtures = inject('fixtureImages');
const cluster = `stowage-bg-${Date.now().toString(36)}`;

describe('a blue/green deployment on the Docker runtime behind the load balancer', () => {
  let ecs: DockerEcs;
  let plane: EcsControlPlane;
  let balancing: ReturnType<typeof plugInDataPlane>;
  let url: string;
  let groups: { blue: string; green: string };

  const latestDeployment = async () => {
    const { serviceDeployments = [] } = await plane.listServiceDeployments({
      cluster,
      service: 'site',
    });
    const { serviceDeployments: described = [] } = await plane.describeServiceDeployments({
      serviceDeploymentArns: [serviceDeployments[0]?.serviceDeploymentArn ?? ''],
    });
    return described[0];
  };
  const healthyIn = async (arn: string) =>
    (
      (await plane.describeTargetHealth({ TargetGroupArn: arn })).TargetHealthDescriptions ?? []
    ).filter((target) => target.TargetHealth?.State === 'healthy').length;

  beforeAll(async () => {
    expect(fixtures.layered.tags).toContain(httpdImage);
    ecs = await openDockerEcs({ cluster, reconcileIntervalMs: 100 });
    plane = ecs.plane;
    balancing = plugInDataPlane(plane);

    await plane.registerTaskDefinition(httpdSite('blue'));
    await plane.registerTaskDefinition(httpdSite('green'));
    const lb = (await plane.createLoadBalancer({ Name: cluster })).LoadBalancers![0]!;
    const group = async (Name: string) => {
      const arn = (
        await plane.createTargetGroup({
          Name,
          Protocol: 'HTTP',
          Port: 8080,
          TargetType: 'instance',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        })
      ).TargetGroups![0]!.TargetGroupArn!;
      await plane.modifyTargetGroupAttributes({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3' }],
      });
      return arn;
    };
    groups = { blue: await group(`${cluster}-a`), green: await group(`${cluster}-b`) };
    // A high port: served there when free, else on one the data plane picks.
    const listener = async () =>
      (
        await plane.createListener({
          LoadBalancerArn: lb.LoadBalancerArn,
          Port: 40_000 + Math.floor(Math.random() * 20_000),
          DefaultActions: [{ Type: 'forward', TargetGroupArn: groups.blue }],
        })
      ).Listeners![0]!.ListenerArn!;
    const production = await listener();
    const test = await listener();
    await plane.createService({
      cluster,
      serviceName: 'site',
      taskDefinition: 'site:1',
      desiredCount: 2,
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 },
      loadBalancers: [
        {
          targetGroupArn: groups.blue,
          containerName: 'httpd',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: groups.green,
            productionListenerRule: defaultListenerRuleArn(production),
            testListenerRule: defaultListenerRuleArn(test),
            roleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForLoadBalancers',
          },
        },
      ],
    });
    await waitFor(
      async () =>
        (await latestDeployment())?.status === 'SUCCESSFUL' && (await healthyIn(groups.blue)) === 2
          ? true
          : undefined,
      { what: 'the service steady on blue', timeoutMs: 90_000 },
    );
    const binding = balancing.dataPlane.bindings().find((b) => b.listenerArn === production);
    url = binding?.directUrl ?? binding?.fallbackUrl ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 150_000);

  afterAll(async () => {
    // Every container gone before the next suite: the image they run is a shared fixture.
    await ecs?.close(['site']);
    await balancing?.close();
  }, 90_000);

  it('switches production from blue to green under steady traffic with no failed request', async () => {
    const traffic = steadyTraffic(url);
    await waitFor(() => (traffic.samples.some((s) => s.body === 'blue') ? true : undefined), {
      what: 'traffic reaching blue',
      timeoutMs: 10_000,
    });
    await plane.updateService({ cluster, service: 'site', taskDefinition: 'site:2' });
    await waitFor(
      async () => {
        const deployment = await latestDeployment();
        const tasks = (await plane.listTasks({ cluster, serviceName: 'site' })).taskArns ?? [];
        return deployment?.status === 'SUCCESSFUL' && tasks.length === 2 ? true : undefined;
      },
      { what: 'the blue/green deployment to finish', timeoutMs: 120_000 },
    );
    const finishedAt = Date.now();
    await waitFor(
      () => (traffic.samples.filter((s) => s.sentAt > finishedAt).length > 50 ? true : undefined),
      { what: 'traffic after the switch', timeoutMs: 30_000 },
    );
    await traffic.stop();

    expect(traffic.samples.filter((s) => s.status !== 200)).toEqual([]);
    expect(traffic.samples.some((s) => s.body === 'green')).toBe(true);
    expect(traffic.samples.filter((s) => s.sentAt > finishedAt).map((s) => s.body)).toEqual(
      traffic.samples.filter((s) => s.sentAt > finishedAt).map(() => 'green'),
    );
    expect(await healthyIn(groups.green)).toBe(2);
    await waitFor(
      async () =>
        (
          (await plane.describeTargetHealth({ TargetGroupArn: groups.blue }))
            .TargetHealthDescriptions ?? []
        ).length === 0
          ? true
          : undefined,
      { what: 'blue’s targets gone', timeoutMs: 30_000 },
    );
  }, 180_000);
});
