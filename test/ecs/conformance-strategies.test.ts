import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  ServiceDeploymentLifecycleStage,
  UpdateServiceCommand,
  type LoadBalancer,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultListenerRuleArn } from '../../src/shared/domain/ecs';
import { rejection, startHarness, type Harness } from './harness';

// Blue/green, linear and canary deployments through the real SDK clients: a service created
// with a strategy and advancedConfiguration, its refusals, a blue/green deployment followed
// through DescribeServiceDeployments' lifecycle stages and the production listener's
// weights, and the history API agreeing with DescribeServices at the end.

describe('ECS conformance: deployment strategies', () => {
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;
  let groups: { blue: string; green: string };
  let listeners: { production: string; test: string };
  let loadBalancers: LoadBalancer[];

  beforeAll(async () => {
    h = await startHarness();
    elb = new ElasticLoadBalancingV2Client({
      endpoint: h.endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await h.client.send(new CreateClusterCommand({ clusterName: 'apps' }));
    for (let i = 0; i < 2; i++) {
      await h.client.send(
        new RegisterContainerInstanceCommand({
          cluster: 'apps',
          totalResources: [
            { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
            { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
          ],
        }),
      );
    }
    for (const image of ['busybox:1', 'busybox:2']) {
      await h.client.send(
        new RegisterTaskDefinitionCommand({
          family: 'site',
          containerDefinitions: [
            { name: 'httpd', image, memory: 128, cpu: 128, portMappings: [{ containerPort: 80 }] },
          ],
        }),
      );
    }
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'site' }))).LoadBalancers![0]!;
    const group = async (Name: string) => {
      const arn = (
        await elb.send(
          new CreateTargetGroupCommand({
            Name,
            Protocol: 'HTTP',
            Port: 80,
            TargetType: 'instance',
          }),
        )
      ).TargetGroups![0]!.TargetGroupArn!;
      await elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
        }),
      );
      return arn;
    };
    groups = { blue: await group('site-blue'), green: await group('site-green') };
    const listener = async (Port: number) =>
      (
        await elb.send(
          new CreateListenerCommand({
            LoadBalancerArn: lb.LoadBalancerArn,
            Protocol: 'HTTP',
            Port,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: groups.blue }],
          }),
        )
      ).Listeners![0]!.ListenerArn!;
    listeners = { production: await listener(8080), test: await listener(9090) };
    loadBalancers = [
      {
        targetGroupArn: groups.blue,
        containerName: 'httpd',
        containerPort: 80,
        advancedConfiguration: {
          alternateTargetGroupArn: groups.green,
          productionListenerRule: defaultListenerRuleArn(listeners.production),
          testListenerRule: defaultListenerRuleArn(listeners.test),
          roleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForLoadBalancers',
        },
      },
    ];
  });
  afterAll(async () => {
    elb.destroy();
    await h.close();
  });

  /** Reports every target still checking healthy, as the data plane would. */
  const passChecks = async () => {
    for (const arn of [groups.blue, groups.green]) {
      const { TargetHealthDescriptions = [] } = await elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: arn }),
      );
      for (const target of TargetHealthDescriptions) {
        if (target.TargetHealth?.State !== 'initial') continue;
        h.controlPlane.report({
          kind: 'target.health',
          targetGroupArn: arn,
          targetId: target.Target?.Id ?? '',
          port: target.Target?.Port ?? 0,
          state: 'healthy',
          at: h.clock.now(),
        });
      }
    }
  };
  const productionWeights = async () => {
    const { Listeners = [] } = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [listeners.production] }),
    );
    return (Listeners[0]?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups ?? []).map((g) => [
      g.TargetGroupArn === groups.blue ? 'blue' : 'green',
      g.Weight,
    ]);
  };
  const latestDeployment = async () => {
    const { serviceDeployments = [] } = await h.client.send(
      new ListServiceDeploymentsCommand({ cluster: 'apps', service: 'site' }),
    );
    const { serviceDeployments: described = [] } = await h.client.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [serviceDeployments[0]?.serviceDeploymentArn ?? ''],
      }),
    );
    return described[0]!;
  };

  it('refuses a strategy other than ROLLING without advancedConfiguration', async () => {
    await rejection(
      h.client.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'bare',
          taskDefinition: 'site:1',
          desiredCount: 1,
          deploymentConfiguration: { strategy: 'CANARY' },
          loadBalancers: [
            { targetGroupArn: groups.blue, containerName: 'httpd', containerPort: 80 },
          ],
        }),
      ),
      InvalidParameterException,
      'The CANARY deployment strategy requires a load balancer with an advancedConfiguration (alternateTargetGroupArn, productionListenerRule and roleArn).',
    );
    await rejection(
      h.client.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'bare',
          taskDefinition: 'site:1',
          desiredCount: 1,
          deploymentConfiguration: {
            strategy: 'LINEAR',
            linearConfiguration: { stepPercent: 101 },
          },
          loadBalancers,
        }),
      ),
      InvalidParameterException,
      'deploymentConfiguration.linearConfiguration.stepPercent must be a multiple of 0.1 from 3.0 to 100.0.',
    );
  });

  it('runs a blue/green deployment through its lifecycle stages and switches production', async () => {
    const { service } = await h.client.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName: 'site',
        taskDefinition: 'site:1',
        desiredCount: 2,
        deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
        loadBalancers,
      }),
    );
    expect(service?.deploymentConfiguration).toMatchObject({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
    });
    expect(service?.loadBalancers?.[0]?.advancedConfiguration).toEqual(
      loadBalancers[0]!.advancedConfiguration,
    );
    await h.advanceUntil(
      async () => {
        await passChecks();
        return (await latestDeployment()).status === 'SUCCESSFUL';
      },
      { what: 'the first deployment', withinMs: 120_000 },
    );
    expect(await productionWeights()).toEqual([
      ['blue', 999],
      ['green', 0],
    ]);

    await h.client.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'site', taskDefinition: 'site:2' }),
    );
    const started = await latestDeployment();
    expect(started.status).toBe('IN_PROGRESS');
    expect(started.lifecycleStage).toBe(ServiceDeploymentLifecycleStage.RECONCILE_SERVICE);
    expect(started.deploymentConfiguration?.strategy).toBe('BLUE_GREEN');
    const stages = new Set<string>();
    await h.advanceUntil(
      async () => {
        await passChecks();
        const deployment = await latestDeployment();
        if (deployment.lifecycleStage) stages.add(deployment.lifecycleStage);
        return deployment.status === 'SUCCESSFUL';
      },
      { what: 'the blue/green deployment', withinMs: 10 * 60_000 },
    );
    for (const stage of stages) {
      expect(Object.values(ServiceDeploymentLifecycleStage)).toContain(stage);
    }
    expect([...stages]).toEqual(expect.arrayContaining(['SCALE_UP', 'BAKE_TIME']));
    expect(await productionWeights()).toEqual([
      ['blue', 0],
      ['green', 999],
    ]);

    const done = await latestDeployment();
    expect(done.lifecycleStage).toBeUndefined();
    const { services = [] } = await h.client.send(
      new DescribeServicesCommand({ cluster: 'apps', services: ['site'] }),
    );
    expect(services[0]?.taskDefinition).toMatch(/site:2$/);
    expect(services[0]?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'COMPLETED'],
    ]);
    expect(services[0]?.runningCount).toBe(2);
    const { serviceRevisions = [] } = await h.client.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [done.targetServiceRevision?.arn ?? ''],
      }),
    );
    expect(serviceRevisions[0]?.taskDefinition).toMatch(/site:2$/);
    expect(
      serviceRevisions[0]?.loadBalancers?.[0]?.advancedConfiguration?.alternateTargetGroupArn,
    ).toBe(groups.green);
    expect(done.targetServiceRevision?.runningTaskCount).toBe(2);
  }, 60_000);

  it('stops a deployment with StopServiceDeployment: traffic back on blue', async () => {
    await h.client.send(
      new UpdateServiceCommand({
        cluster: 'apps',
        service: 'site',
        taskDefinition: 'site:1',
        deploymentConfiguration: { bakeTimeInMinutes: 30 },
      }),
    );
    await h.advanceUntil(
      async () => {
        await passChecks();
        return (await latestDeployment()).lifecycleStage === 'BAKE_TIME';
      },
      { what: 'the bake', withinMs: 10 * 60_000 },
    );
    // The roles swapped: this deployment's green is the primary group, all production on it.
    expect(await productionWeights()).toEqual([
      ['blue', 999],
      ['green', 0],
    ]);
    const arn = (await latestDeployment()).serviceDeploymentArn!;
    await rejection(
      h.client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: `${arn}x` })),
      ServiceDeploymentNotFoundException,
      `The service deployment ${arn}x was not found.`,
    );
    const stopped = await h.client.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
    );
    expect(stopped.serviceDeploymentArn).toBe(arn);
    await h.advanceUntil(
      async () => {
        await passChecks();
        return (await latestDeployment()).status === 'ROLLBACK_SUCCESSFUL';
      },
      { what: 'the rollback', withinMs: 5 * 60_000 },
    );
    expect(await productionWeights()).toEqual([
      ['blue', 0],
      ['green', 999],
    ]);
    const { services = [] } = await h.client.send(
      new DescribeServicesCommand({ cluster: 'apps', services: ['site'] }),
    );
    expect(services[0]?.taskDefinition).toMatch(/site:2$/);
    expect(services[0]?.runningCount).toBe(2);
  }, 60_000);
});
