import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/ids';
import { loadBalancerPlanOf } from '../load-balancers/plan';
import { tasksController } from '../tasks/controller';
import { apiError } from '../test-support';
import { serviceWorld } from './plane-support';

// Services behind a load balancer, step by step on the injected clock: targets registered while
// tasks are ACTIVATING, a task healthy for the rollout only once its target is, draining before a task's
// containers stop, and a task whose target turns unhealthy replaced after the grace period.
// The data plane's health verdicts are fed in as it reports them.

async function balancedWorld() {
  const world = await serviceWorld(1);
  const { plane } = world;
  const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers![0]!;
  const group = (
    await plane.createTargetGroup({
      Name: 'web',
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'instance',
    })
  ).TargetGroups![0]!;
  const groupArn = group.TargetGroupArn!;
  await plane.createListener({
    LoadBalancerArn: lb.LoadBalancerArn,
    Port: 8080,
    DefaultActions: [{ Type: 'forward', TargetGroupArn: groupArn }],
  });
  const loadBalancers = [{ targetGroupArn: groupArn, containerName: 'app', containerPort: 80 }];
  const targets = async () =>
    (await plane.describeTargetHealth({ TargetGroupArn: groupArn })).TargetHealthDescriptions ?? [];
  /** Reports every target still checking (or every one named) as the data plane would. */
  const verdict = async (state: 'healthy' | 'unhealthy', ids?: string[]) => {
    for (const target of await targets()) {
      const { Id = '', Port = 0 } = target.Target ?? {};
      const checking = target.TargetHealth?.State === 'initial';
      if (ids ? !ids.includes(`${Id}:${Port}`) : !checking) continue;
      plane.report({
        kind: 'target.health',
        targetGroupArn: groupArn,
        targetId: Id,
        port: Port,
        state,
        at: world.clock.now(),
      });
    }
  };
  /** One reconcile pass at a time, so that each status a task passes through is seen. */
  const pass = async () => {
    world.clock.advance(100);
    await plane.tick();
  };
  const lastStatus = async (taskArn: string) =>
    (await plane.describeTasks({ tasks: [taskArn] })).tasks?.[0]?.lastStatus;
  return { ...world, groupArn, loadBalancers, targets, verdict, pass, lastStatus };
}

describe('services behind a load balancer', () => {
  it('refuses load balancers as ECS refuses them', async () => {
    const { create, groupArn, plane } = await balancedWorld();
    await apiError(
      create({
        loadBalancers: [{ targetGroupArn: groupArn, containerName: 'db', containerPort: 80 }],
      }),
      'InvalidParameterException',
      'The container db does not exist in the task definition.',
    );
    await apiError(
      create({
        loadBalancers: [{ targetGroupArn: groupArn, containerName: 'app', containerPort: 81 }],
      }),
      'InvalidParameterException',
      'The container app did not have a container port 81 defined.',
    );
    const ip = (
      await plane.createTargetGroup({ Name: 'ip', Protocol: 'HTTP', Port: 80, TargetType: 'ip' })
    ).TargetGroups![0]!.TargetGroupArn!;
    await apiError(
      create({ loadBalancers: [{ targetGroupArn: ip, containerName: 'app', containerPort: 80 }] }),
      'InvalidParameterException',
      `The target group with targetGroupArn ${ip} does not have an associated load balancer.`,
    );
    await apiError(
      create({
        loadBalancers: [
          { targetGroupArn: `${groupArn}0`, containerName: 'app', containerPort: 80 },
        ],
      }),
      'InvalidParameterException',
      `Unable to find the target group with targetGroupArn ${groupArn}0.`,
    );
  });

  it('registers its tasks and counts them healthy once their targets are', async () => {
    const world = await balancedWorld();
    await world.create({ desiredCount: 2, loadBalancers: world.loadBalancers });
    await world.runUntil(async () => (await world.targets()).length === 2, 'two targets');
    const targets = await world.targets();
    expect(targets.map((t) => t.TargetHealth?.State)).toEqual(['initial', 'initial']);
    expect(targets.every((t) => /^i-/.test(t.Target?.Id ?? ''))).toBe(true);
    expect(await world.messages()).toContain(
      `(service web) registered 2 targets in (target-group ${world.groupArn})`,
    );
    // Running, but not healthy for the deployment until the load balancer says so.
    await world.run(5_000);
    expect(await world.steady('web', 2)).toBe(false);
    await world.verdict('healthy');
    await world.runUntil(() => world.steady('web', 2), 'steady at 2');
  });

  it('registers a task while it is ACTIVATING and runs it once registered', async () => {
    const world = await balancedWorld();
    await world.create({ desiredCount: 1, loadBalancers: world.loadBalancers });
    const taskArn = async () => (await world.liveTasks())[0]?.taskArn;
    await world.runUntil(async () => (await taskArn()) !== undefined, 'a task', 10_000, 100);
    const arn = (await taskArn())!;
    for (let step = 0; step < 100 && (await world.lastStatus(arn)) !== 'ACTIVATING'; step++) {
      expect(await world.targets()).toEqual([]);
      await world.pass();
    }
    expect(await world.lastStatus(arn)).toBe('ACTIVATING');
    const [target] = await world.targets();
    expect(target?.TargetHealth).toMatchObject({
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
    });
    const activating = (await world.plane.describeTasks({ tasks: [arn] })).tasks![0]!;
    expect(activating.startedAt).toBeUndefined();
    // Its containers already answer the load balancer's health checks.
    const planned = loadBalancerPlanOf(world.plane.state, { runtime: 'simulated' });
    expect(planned.targetGroups[0]?.targets[0]?.endpoint).toMatchObject({ healthy: true });
    // Registered, so the next pass runs it; with its target deregistered it would wait.
    const ctx = () => ({
      state: world.plane.state,
      now: world.clock.now(),
      settings: world.plane.settings,
      random: seededRandom(1),
    });
    const stepOf = () =>
      tasksController(ctx(), []).flatMap((change) =>
        change.kind === 'task.put' && change.task.taskArn === arn ? [change.task.lastStatus] : [],
      );
    expect(stepOf()).toEqual(['RUNNING']);
    await world.plane.deregisterTargets({
      TargetGroupArn: world.groupArn,
      Targets: [{ Id: target!.Target!.Id!, Port: target!.Target!.Port! }],
    });
    expect(stepOf()).toEqual([]);
    // The scheduler registers it again, and only then does it run.
    await world.pass();
    expect(await world.lastStatus(arn)).toBe('ACTIVATING');
    expect((await world.targets()).map((t) => t.TargetHealth?.State)).toEqual(['initial']);
    await world.pass();
    expect(await world.lastStatus(arn)).toBe('RUNNING');
    // Running, but not healthy for the deployment until its target is.
    await world.run(5_000);
    expect(await world.steady('web', 1)).toBe(false);
    await world.verdict('healthy');
    await world.runUntil(() => world.steady('web', 1), 'steady at 1');
  });

  it('drains a task being replaced before its containers stop', async () => {
    const world = await balancedWorld();
    await world.create({ desiredCount: 1, loadBalancers: world.loadBalancers });
    await world.runUntil(async () => {
      await world.verdict('healthy');
      return world.steady('web', 1);
    }, 'steady at 1');
    const [old] = world.counts().tasks;
    await world.plane.updateService({ service: 'web', forceNewDeployment: true });
    await world.runUntil(async () => {
      await world.verdict('healthy');
      return world.plane.state.tasks[old!.taskArn]?.lastStatus === 'DEACTIVATING';
    }, 'the old task deactivating');
    const states = (await world.targets()).map((t) => t.TargetHealth?.State).sort();
    expect(states).toEqual(['draining', 'healthy']);
    const messages = await world.messages();
    expect(messages).toContain('(service web) has begun draining connections on 1 tasks.');
    expect(messages).toContain(
      `(service web) deregistered 1 targets in (target-group ${world.groupArn})`,
    );
    // Still deactivating, its containers running, until the 300 s delay is over.
    world.clock.advance(290_000);
    await world.plane.tick();
    expect(world.plane.state.tasks[old!.taskArn]?.lastStatus).toBe('DEACTIVATING');
    await world.runUntil(
      () =>
        ['STOPPING', 'STOPPED'].includes(world.plane.state.tasks[old!.taskArn]?.lastStatus ?? ''),
      'the old task stopping',
      20_000,
    );
    await world.runUntil(() => world.steady('web', 1), 'steady at 1 again');
    expect(await world.targets()).toHaveLength(1);
  });

  it('replaces a task whose target turns unhealthy, once the grace period is over', async () => {
    const world = await balancedWorld();
    await world.create({
      desiredCount: 1,
      loadBalancers: world.loadBalancers,
      healthCheckGracePeriodSeconds: 60,
    });
    await world.runUntil(async () => (await world.targets()).length === 1, 'a target');
    const [task] = world.counts().tasks;
    const [target] = await world.targets();
    const id = `${target?.Target?.Id}:${target?.Target?.Port}`;
    await world.verdict('unhealthy', [id]);
    await world.run(10_000);
    expect((await world.targets())[0]?.TargetHealth?.State).toBe('unhealthy');
    expect(world.plane.state.tasks[task!.taskArn]?.desiredStatus).toBe('RUNNING');
    await world.runUntil(
      () => world.plane.state.tasks[task!.taskArn]?.desiredStatus === 'STOPPED',
      'the unhealthy task told to stop',
      70_000,
    );
    const stopped = world.plane.state.tasks[task!.taskArn]!;
    expect(stopped.stoppedReason).toBe(
      `Task failed ELB health checks in (target-group ${world.groupArn})`,
    );
    expect(await world.messages()).toContain(
      `(service web) (instance ${target?.Target?.Id}) (port ${target?.Target?.Port}) is unhealthy in (target-group ${world.groupArn}) due to (reason Health checks failed).`,
    );
    await world.runUntil(
      () => world.counts().tasks.some((t) => t.taskArn !== task!.taskArn),
      'a replacement running',
    );
  });

  it('counts tasks replaced for failed ELB health checks toward the circuit breaker', async () => {
    const world = await balancedWorld();
    await world.create({
      desiredCount: 1,
      loadBalancers: world.loadBalancers,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    await world.runUntil(async () => {
      await world.verdict('healthy');
      return world.steady('web', 1);
    }, 'steady at 1');
    const completed = (await world.describe()).deployments?.[0];
    await world.plane.registerTaskDefinition({
      family: 'web',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx:2',
          memory: 512,
          cpu: 256,
          portMappings: [{ containerPort: 80 }],
        },
      ],
    });
    await world.plane.updateService({ service: 'web', taskDefinition: 'web:2' });
    const failing = (await world.describe()).deployments?.[0];
    // Replaced tasks need not drain for this test's purpose.
    await world.plane.modifyTargetGroupAttributes({
      TargetGroupArn: world.groupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
    });
    // Every new task runs, but its target never passes a health check.
    await world.runUntil(
      async () => {
        await world.verdict('unhealthy');
        return (await world.describe()).taskDefinition?.endsWith('web:1') === true;
      },
      'the rollback',
      60 * 60_000,
      5_000,
    );
    const messages = await world.messages();
    expect(messages).toContain(
      `(service web) (deployment ${failing?.id}) deployment failed: tasks failed to start.`,
    );
    expect(messages).toContain(`(service web) rolling back to deployment ${completed?.id}.`);
    const replaced = Object.values(world.plane.state.tasks).filter(
      (task) => task.startedBy === failing?.id && task.desiredStatus === 'STOPPED',
    );
    expect(replaced.length).toBeGreaterThanOrEqual(10);
    for (const task of replaced) {
      expect(task.startedAt).toBeDefined();
      expect(task.stoppedReason).toBe(
        `Task failed ELB health checks in (target-group ${world.groupArn})`,
      );
    }
    const history = await world.plane.listServiceDeployments({ service: 'web' });
    const [failed] =
      (
        await world.plane.describeServiceDeployments({
          serviceDeploymentArns: [history.serviceDeployments?.[0]?.serviceDeploymentArn ?? ''],
        })
      ).serviceDeployments ?? [];
    expect(failed?.deploymentCircuitBreaker).toMatchObject({
      status: 'TRIGGERED',
      failureCount: 10,
      threshold: 10,
    });
  });
});
