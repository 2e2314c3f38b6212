import type { CreateServiceRequest, DeploymentConfiguration } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { defaultListenerRuleArn } from '../../../../shared/domain/ecs';
import { listeners } from '../listeners/records';
import { apiError } from '../test-support';
import { serviceWorld } from './plane-support';
import { servedTargetGroupArns } from './target-group-roles';

// BLUE_GREEN, LINEAR and CANARY deployments through the control plane on the injected clock:
// green registers in the alternate target group, the listeners' forward weights move as the
// lifecycle stages pass, blue is cleaned up after the bake time, and the next deployment
// swaps the groups' roles. The data plane's health verdicts are fed in as it reports them.

const revision2 = {
  family: 'web',
  containerDefinitions: [
    { name: 'app', image: 'nginx:2', memory: 512, cpu: 256, portMappings: [{ containerPort: 80 }] },
  ],
};

async function strategyWorld() {
  const world = await serviceWorld(1);
  const { plane } = world;
  const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers![0]!;
  const group = async (Name: string) =>
    (await plane.createTargetGroup({ Name, Protocol: 'HTTP', Port: 80, TargetType: 'instance' }))
      .TargetGroups![0]!.TargetGroupArn!;
  const blueArn = await group('blue');
  const greenArn = await group('green');
  for (const name of ['blue', 'green']) {
    const arn = name === 'blue' ? blueArn : greenArn;
    await plane.modifyTargetGroupAttributes({
      TargetGroupArn: arn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
    });
  }
  const listener = async (Port: number) =>
    (
      await plane.createListener({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: blueArn }],
      })
    ).Listeners![0]!.ListenerArn!;
  const productionArn = await listener(8080);
  const testArn = await listener(9090);
  const loadBalancers = [
    {
      targetGroupArn: blueArn,
      containerName: 'app',
      containerPort: 80,
      advancedConfiguration: {
        alternateTargetGroupArn: greenArn,
        productionListenerRule: defaultListenerRuleArn(productionArn),
        testListenerRule: defaultListenerRuleArn(testArn),
        roleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForLoadBalancers',
      },
    },
  ];
  const targets = async (arn: string) =>
    (await plane.describeTargetHealth({ TargetGroupArn: arn })).TargetHealthDescriptions ?? [];
  /** Reports every target still checking, in both groups, healthy. */
  const passChecks = async () => {
    for (const arn of [blueArn, greenArn]) {
      for (const target of await targets(arn)) {
        if (target.TargetHealth?.State !== 'initial') continue;
        plane.report({
          kind: 'target.health',
          targetGroupArn: arn,
          targetId: target.Target?.Id ?? '',
          port: target.Target?.Port ?? 0,
          state: 'healthy',
          at: world.clock.now(),
        });
      }
    }
  };
  /** The forward weights of a listener, by group name. */
  const weights = async (arn: string) => {
    const [found] = (await plane.describeListeners({ ListenerArns: [arn] })).Listeners ?? [];
    const forward = found?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups ?? [];
    return Object.fromEntries(
      forward.map((f) => [f.TargetGroupArn === blueArn ? 'blue' : 'green', f.Weight]),
    );
  };
  const create = (
    deploymentConfiguration: DeploymentConfiguration,
    request: Partial<CreateServiceRequest> = {},
  ) => world.create({ desiredCount: 2, loadBalancers, deploymentConfiguration, ...request });
  const latest = async () => {
    const [brief] =
      (await plane.listServiceDeployments({ service: 'web' })).serviceDeployments ?? [];
    const [deployment] =
      (
        await plane.describeServiceDeployments({
          serviceDeploymentArns: [brief?.serviceDeploymentArn ?? ''],
        })
      ).serviceDeployments ?? [];
    return deployment!;
  };
  /** Runs pass by pass, passing health checks, recording each new lifecycle stage. */
  const follow = async (until: () => Promise<boolean>, stepMs = 500, withinMs = 30 * 60_000) => {
    const stages: string[] = [];
    const shares: string[] = [];
    for (let elapsed = 0; !(await until()); elapsed += stepMs) {
      if (elapsed > withinMs) throw new Error(`not done within ${withinMs} ms: ${stages.join()}`);
      await passChecks();
      await world.run(stepMs);
      const stage = (await latest()).lifecycleStage;
      if (stage !== undefined && stages.at(-1) !== stage) stages.push(stage);
      const share = JSON.stringify(await weights(productionArn));
      if (shares.at(-1) !== share) shares.push(share);
    }
    return { stages, shares };
  };
  const steady = async () => {
    await passChecks();
    return world.steady('web', 2);
  };
  return {
    ...world,
    blueArn,
    greenArn,
    productionArn,
    testArn,
    loadBalancers,
    targets,
    weights,
    create,
    latest,
    follow,
    steadyAt2: steady,
  };
}

const taskArnsIn = async (
  world: Awaited<ReturnType<typeof strategyWorld>>,
  arn: string,
): Promise<string[]> =>
  (await world.targets(arn))
    .filter((t) => t.TargetHealth?.State === 'healthy')
    .map((t) => `${t.Target?.Id}:${t.Target?.Port}`);

describe('BLUE_GREEN, LINEAR and CANARY deployments behind a load balancer', () => {
  it('refuses a strategy without what it needs, in ECS words', async () => {
    const world = await strategyWorld();
    await apiError(
      world.create({ strategy: 'BLUE_GREEN' }, { loadBalancers: [] }),
      'InvalidParameterException',
      'The BLUE_GREEN deployment strategy requires a load balancer with an advancedConfiguration (alternateTargetGroupArn, productionListenerRule and roleArn).',
    );
    const advanced = world.loadBalancers[0]!.advancedConfiguration;
    const withAdvanced = (patch: Record<string, string | undefined>) => ({
      loadBalancers: [
        { ...world.loadBalancers[0]!, advancedConfiguration: { ...advanced, ...patch } },
      ],
    });
    await apiError(
      world.create(
        { strategy: 'BLUE_GREEN' },
        withAdvanced({ alternateTargetGroupArn: world.blueArn }),
      ),
      'InvalidParameterException',
      'The alternateTargetGroupArn in advancedConfiguration must be different from the targetGroupArn.',
    );
    await apiError(
      world.create(
        { strategy: 'CANARY' },
        withAdvanced({ productionListenerRule: `${world.productionArn}0` }),
      ),
      'InvalidParameterException',
      `Unable to find the listener rule ${world.productionArn}0.`,
    );
    await apiError(
      world.create({ strategy: 'LINEAR' }, withAdvanced({ roleArn: undefined })),
      'InvalidParameterException',
      'advancedConfiguration.roleArn must be the ARN of an IAM role that allows Amazon ECS to manage the load balancer; got null.',
    );
    await apiError(
      world.create({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2 } }),
      'InvalidParameterException',
      'deploymentConfiguration.linearConfiguration.stepPercent must be a multiple of 0.1 from 3.0 to 100.0.',
    );
    await apiError(
      world.create({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 5.05 } }),
      'InvalidParameterException',
      'deploymentConfiguration.canaryConfiguration.canaryPercent must be a multiple of 0.1 from 0.1 to 100.0.',
    );
    await apiError(
      world.create({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1441 }),
      'InvalidParameterException',
      'deploymentConfiguration.bakeTimeInMinutes must be between 0 and 1440.',
    );
    // A listener's own ARN is taken for a rule, as for a Network Load Balancer.
    const created = await world.create(
      { strategy: 'LINEAR' },
      withAdvanced({ productionListenerRule: world.productionArn }),
    );
    expect(created.service?.deploymentConfiguration).toMatchObject({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 6 },
    });
  });

  it('BLUE_GREEN: green in the alternate group, test traffic, switch, bake, blue cleaned up; roles swap next time', async () => {
    const world = await strategyWorld();
    await world.create({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 });
    await world.runUntil(() => world.steadyAt2(), 'steady at 2');
    // The plane owns the production listener: all on the primary group.
    expect(await world.weights(world.productionArn)).toEqual({ blue: 999, green: 0 });
    const blueTargets = await taskArnsIn(world, world.blueArn);
    expect(blueTargets).toHaveLength(2);

    await world.plane.registerTaskDefinition(revision2);
    const served = async () =>
      servedTargetGroupArns(world.plane.state, (await world.latest()).serviceDeploymentArn ?? '');
    expect(await served()).toEqual([world.blueArn]);
    await world.plane.updateService({ service: 'web', taskDefinition: 'web:2' });
    expect((await world.latest()).lifecycleStage).toBe('RECONCILE_SERVICE');
    expect(await served()).toEqual([world.greenArn]);
    let testSawGreen = false;
    const { stages, shares } = await world.follow(async () => {
      if ((await world.weights(world.testArn)).green !== undefined) testSawGreen = true;
      return world.steady('web', 2);
    }, 100);
    // Passes may run several stages between two looks; those seen come in ECS's order, and
    // the ones that wait (for green, for the bake) are always seen.
    const order = [
      'RECONCILE_SERVICE',
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ];
    const positions = stages.map((stage) => order.indexOf(stage));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(stages).toEqual(expect.arrayContaining(['SCALE_UP', 'BAKE_TIME', 'CLEAN_UP']));
    expect(testSawGreen).toBe(true);
    expect(shares).toEqual([
      JSON.stringify({ blue: 999, green: 0 }),
      JSON.stringify({ blue: 0, green: 999 }),
    ]);
    expect(await taskArnsIn(world, world.greenArn)).toHaveLength(2);
    expect(await world.targets(world.blueArn)).toHaveLength(0);
    expect(world.counts().tasks.every((task) => task.taskDefinitionArn.endsWith('web:2'))).toBe(
      true,
    );
    const done = await world.latest();
    expect(done.status).toBe('SUCCESSFUL');
    expect(done.lifecycleStage).toBeUndefined();
    expect(done.deploymentConfiguration?.strategy).toBe('BLUE_GREEN');

    // The next deployment goes to the group production is not on: the primary one again.
    expect(await served()).toEqual([world.greenArn]);
    await world.plane.updateService({ service: 'web', forceNewDeployment: true });
    // The new deployment serves in the primary group, so blue's role is the alternate's now.
    expect(await served()).toEqual([world.blueArn]);
    await world.follow(() => world.steady('web', 2));
    expect(await served()).toEqual([world.blueArn]);
    expect(await world.weights(world.productionArn)).toEqual({ blue: 999, green: 0 });
    expect(await taskArnsIn(world, world.blueArn)).toHaveLength(2);
    expect(await world.targets(world.greenArn)).toHaveLength(0);
  }, 60_000);

  it('bakes bakeTimeInMinutes on the clock with both revisions running', async () => {
    const world = await strategyWorld();
    await world.create({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 });
    await world.runUntil(() => world.steadyAt2(), 'steady at 2');
    await world.plane.updateService({ service: 'web', forceNewDeployment: true });
    await world.follow(async () => (await world.latest()).lifecycleStage === 'BAKE_TIME');
    const bakingFrom = world.clock.now();
    expect(world.counts().running).toBe(4);
    await world.follow(async () => (await world.latest()).lifecycleStage === 'CLEAN_UP', 5_000);
    expect(world.clock.now() - bakingFrom).toBeGreaterThanOrEqual(10 * 60_000);
    expect(world.clock.now() - bakingFrom).toBeLessThan(11 * 60_000);
  }, 60_000);

  it.each([
    {
      name: 'LINEAR in stepPercent steps',
      config: {
        strategy: 'LINEAR',
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
      },
      shares: [
        { blue: 999, green: 0 },
        { blue: 750, green: 250 },
        { blue: 500, green: 500 },
        { blue: 250, green: 750 },
        { blue: 0, green: 999 },
      ],
    },
    {
      name: 'CANARY in canaryPercent then the rest',
      config: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
      },
      shares: [
        { blue: 999, green: 0 },
        { blue: 900, green: 100 },
        { blue: 0, green: 999 },
      ],
    },
  ] satisfies { name: string; config: DeploymentConfiguration; shares: object[] }[])(
    '$name moves production',
    async ({ config, shares }) => {
      const world = await strategyWorld();
      await world.create(config);
      await world.runUntil(() => world.steadyAt2(), 'steady at 2');
      await world.plane.updateService({ service: 'web', forceNewDeployment: true });
      const steps = await world.follow(() => world.steady('web', 2), 5_000);
      expect(steps.shares.map((share) => JSON.parse(share) as unknown)).toEqual(shares);
    },
    60_000,
  );

  it('leaves a ModifyListener standing until the strategy next moves traffic', async () => {
    const world = await strategyWorld();
    await world.create({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 },
    });
    await world.runUntil(() => world.steadyAt2(), 'steady at 2');
    const listenerRecord = () => listeners.get(world.plane.state, world.productionArn);
    const setTo = (weights: Record<'blue' | 'green', number>) =>
      world.plane.modifyListener({
        ListenerArn: world.productionArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: world.blueArn, Weight: weights.blue },
                { TargetGroupArn: world.greenArn, Weight: weights.green },
              ],
            },
          },
        ],
      });

    // Between deployments the listener is the user's: no pass writes it back.
    await setTo({ blue: 600, green: 400 });
    const modified = listenerRecord();
    await world.run(5 * 60_000);
    expect(listenerRecord()).toBe(modified);
    expect(await world.weights(world.productionArn)).toEqual({ blue: 600, green: 400 });

    // A deployment's first move sets the weights; a change between its steps stands until
    // the next step sets them again.
    await world.plane.updateService({ service: 'web', forceNewDeployment: true });
    await world.follow(
      async () =>
        JSON.stringify(await world.weights(world.productionArn)) !== '{"blue":600,"green":400}',
    );
    expect(await world.weights(world.productionArn)).toEqual({ blue: 500, green: 500 });
    await setTo({ blue: 999, green: 0 });
    const betweenSteps = listenerRecord();
    await world.run(30_000);
    expect(listenerRecord()).toBe(betweenSteps);
    await world.follow(() => world.steady('web', 2), 5_000);
    expect(await world.weights(world.productionArn)).toEqual({ blue: 0, green: 999 });
  }, 60_000);

  it('rolls back to blue when green fails: traffic stays on blue, blue keeps its tasks', async () => {
    const world = await strategyWorld();
    await world.create({
      strategy: 'BLUE_GREEN',
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    await world.runUntil(() => world.steadyAt2(), 'steady at 2');
    const blueTasks = world
      .counts()
      .tasks.map((task) => task.taskArn)
      .sort();
    world.runtime.failPullsOf('nginx:2');
    await world.plane.registerTaskDefinition(revision2);
    await world.plane.updateService({ service: 'web', taskDefinition: 'web:2' });
    await world.follow(
      async () => (await world.latest()).status === 'ROLLBACK_SUCCESSFUL',
      5_000,
      60 * 60_000,
    );
    expect(await world.weights(world.productionArn)).toEqual({ blue: 999, green: 0 });
    expect(await world.weights(world.testArn)).toEqual({ blue: 1 });
    // The rollback took blue's tasks over rather than starting new ones.
    expect(
      world
        .counts()
        .tasks.map((task) => task.taskArn)
        .sort(),
    ).toEqual(blueTasks);
    const described = await world.describe();
    expect(described.taskDefinition).toMatch(/web:1$/);
    expect(described.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([
      ['PRIMARY', 'COMPLETED', 2],
    ]);
  }, 60_000);

  it('StopServiceDeployment rolls back during the bake: traffic back on blue, green drained', async () => {
    const world = await strategyWorld();
    await world.create({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 30 });
    await world.runUntil(() => world.steadyAt2(), 'steady at 2');
    const blueTasks = world
      .counts()
      .tasks.map((task) => task.taskArn)
      .sort();
    await world.plane.registerTaskDefinition(revision2);
    await world.plane.updateService({ service: 'web', taskDefinition: 'web:2' });
    await world.follow(async () => (await world.latest()).lifecycleStage === 'BAKE_TIME');
    expect(await world.weights(world.productionArn)).toEqual({ blue: 0, green: 999 });
    const arn = (await world.latest()).serviceDeploymentArn!;

    await apiError(
      world.plane.stopServiceDeployment({ serviceDeploymentArn: `${arn}x` }),
      'ServiceDeploymentNotFoundException',
      `The service deployment ${arn}x was not found.`,
    );
    expect(await world.plane.stopServiceDeployment({ serviceDeploymentArn: arn })).toEqual({
      serviceDeploymentArn: arn,
    });
    expect((await world.latest()).status).toBe('ROLLBACK_IN_PROGRESS');
    await world.follow(async () => (await world.latest()).status === 'ROLLBACK_SUCCESSFUL', 500);
    expect(await world.weights(world.productionArn)).toEqual({ blue: 999, green: 0 });
    expect(await world.weights(world.testArn)).toEqual({ blue: 1 });
    expect(
      world
        .counts()
        .tasks.map((task) => task.taskArn)
        .sort(),
    ).toEqual(blueTasks);
    expect(await world.targets(world.greenArn)).toHaveLength(0);
    const done = await world.latest();
    expect(done.statusReason).toBe('Service deployment rolled back because of a stop request.');
    await apiError(
      world.plane.stopServiceDeployment({ serviceDeploymentArn: arn }),
      'ConflictException',
      `The service deployment ${arn} is not in progress and cannot be stopped.`,
    );
  }, 60_000);
});
