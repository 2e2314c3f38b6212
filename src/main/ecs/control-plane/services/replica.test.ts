import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/ids';
import { serviceDefaultStrategy } from '../placement';
import { instance } from '../placement/test-support';
import { chooseFargateZones, decideReplica, type ReplicaInput } from './replica';
import { oldId, primaryId, service, task } from './test-support';
import { World } from './test-world';

function input(overrides: Partial<ReplicaInput> = {}): ReplicaInput {
  return {
    service: service(),
    primaryDeploymentId: primaryId,
    tasks: [],
    instances: [],
    availableZones: [],
    placementStrategy: serviceDefaultStrategy,
    now: 1_000,
    random: seededRandom(1),
    ...overrides,
  };
}

describe('decideReplica: keeping the count', () => {
  it('scales up from nothing, spread over the zones by placement', () => {
    const world = new World(service({ desiredCount: 6 }));
    world.addInstances('us-east-1a', 2);
    world.addInstances('us-east-1b', 2);
    world.addInstances('us-east-1c', 2);
    expect(world.decide().startCount).toBe(6);
    world.runToSteady();
    expect(world.zoneCounts()).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
  });

  it('scales in from the most crowded zone and instance first', () => {
    const a1 = instance('a1', { zone: 'us-east-1a' });
    const a2 = instance('a2', { zone: 'us-east-1a' });
    const b1 = instance('b1', { zone: 'us-east-1b' });
    const on = (host: typeof a1, count: number) =>
      Array.from({ length: count }, () =>
        task({
          containerInstanceArn: host.arn,
          availabilityZone: host.attributes['ecs.availability-zone']!,
        }),
      );
    const tasks = [...on(a1, 3), ...on(a2, 1), ...on(b1, 2)];
    const decision = decideReplica(
      input({
        service: service({ desiredCount: 3 }),
        tasks,
        instances: [a1, a2, b1],
        availableZones: ['us-east-1a', 'us-east-1b'],
      }),
    );
    expect(decision.startCount).toBe(0);
    const stopped = new Set(decision.stop.map((stop) => stop.taskArn));
    const left = tasks.filter((one) => !stopped.has(one.taskArn));
    expect(decision.stop).toHaveLength(3);
    expect(left.filter((one) => one.availabilityZone === 'us-east-1a')).toHaveLength(2);
    expect(left.filter((one) => one.containerInstanceArn === a1.arn)).toHaveLength(1);
  });

  it('stops tasks that are not running yet before running ones when scaling in', () => {
    const pending = task({ lastStatus: 'PENDING' });
    const running = [task(), task()];
    const decision = decideReplica(
      input({ service: service({ desiredCount: 2 }), tasks: [...running, pending] }),
    );
    expect(decision.stop).toEqual([{ taskArn: pending.taskArn, cause: 'scheduler' }]);
  });

  it('replaces a task that stopped, whatever stopped it', () => {
    const world = new World(service({ desiredCount: 3 }));
    world.addInstances('us-east-1a', 1);
    world.addInstances('us-east-1b', 1);
    world.runToSteady();
    for (const reason of ['exited', 'StopTask', 'agent']) {
      const victim = world.tasks[0]!;
      world.tasks = world.tasks.filter((one) => one !== victim);
      expect(world.decide().startCount, reason).toBe(1);
      world.runToSteady();
      expect(world.count(primaryId), reason).toBe(3);
    }
  });

  it('stops an unhealthy task and replaces it', () => {
    const sick = task({ healthChecked: true, healthStatus: 'UNHEALTHY' });
    const tasks = [task({ healthChecked: true, healthStatus: 'HEALTHY' }), sick];
    const decision = decideReplica(input({ service: service({ desiredCount: 2 }), tasks }));
    expect(decision.stop).toEqual([{ taskArn: sick.taskArn, cause: 'unhealthy' }]);
    // The stopping task still holds its resources: 1 + 1 of at most 4.
    expect(decision.startCount).toBe(1);
  });

  it('lets an unhealthy task be for the grace period after it started', () => {
    const sick = task({ healthChecked: true, healthStatus: 'UNHEALTHY', startedAt: 0 });
    const tasks = [task({ healthChecked: true, healthStatus: 'HEALTHY' }), sick];
    const graced = service({ desiredCount: 2, healthCheckGracePeriodSeconds: 30 });
    const within = decideReplica(input({ service: graced, tasks, now: 29_999 }));
    expect(within.stop).toEqual([]);
    expect(within.startCount).toBe(0);
    const after = decideReplica(input({ service: graced, tasks, now: 30_000 }));
    expect(after.stop).toEqual([{ taskArn: sick.taskArn, cause: 'unhealthy' }]);
  });

  it('starts nothing while the service backs off', () => {
    const decision = decideReplica(
      input({ service: service({ desiredCount: 2 }), now: 1_000, startsNotBefore: 5_000 }),
    );
    expect(decision.startCount).toBe(0);
    expect(decision.blocked).toBe(false);
    expect(
      decideReplica(
        input({ service: service({ desiredCount: 2 }), now: 5_000, startsNotBefore: 5_000 }),
      ).startCount,
    ).toBe(2);
  });
});

describe('decideReplica: zones', () => {
  it('recovers in the other zones after losing one, and rebalances when it comes back', () => {
    const world = new World(service({ desiredCount: 6 }));
    world.addInstances('us-east-1a', 2);
    world.addInstances('us-east-1b', 2);
    world.addInstances('us-east-1c', 2);
    world.runToSteady();
    const lostZone = world.instancesIn('us-east-1c');
    world.loseZone('us-east-1c');
    expect(world.decide().startCount).toBe(2);
    world.runToSteady();
    expect(world.zoneCounts()).toEqual({ 'us-east-1a': 3, 'us-east-1b': 3 });

    world.instances.push(...lostZone);
    const first = world.decide();
    expect(first.rebalancing).toBe(true);
    expect(first.startCount).toBe(1);
    world.runToSteady();
    expect(world.zoneCounts()).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
    expect(world.count(primaryId)).toBe(6);
  });

  it('lets the task started to rebalance run, then stops one from the fullest zone', () => {
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    const inZone = (zone: string, overrides = {}) =>
      task({ availabilityZone: zone, containerInstanceArn: zone, ...overrides });
    const healthy = [inZone('us-east-1b'), inZone('us-east-1b'), inZone('us-east-1c')];
    const starting = inZone('us-east-1a', { lastStatus: 'PENDING' });
    const instances = zones.map((zone) => instance(zone, { zone }));
    const waiting = decideReplica(
      input({ tasks: [...healthy, starting], availableZones: zones, instances }),
    );
    expect(waiting.stop).toEqual([]);
    expect(waiting.startCount).toBe(0);
    const settled = decideReplica(
      input({
        tasks: [...healthy, { ...starting, lastStatus: 'RUNNING' }],
        availableZones: zones,
        instances,
      }),
    );
    expect(settled.stop).toHaveLength(1);
    const stopped = healthy.find((one) => one.taskArn === settled.stop[0]?.taskArn);
    expect(stopped?.availabilityZone).toBe('us-east-1b');
  });

  it('leaves the zones as they are when rebalancing is disabled', () => {
    const world = new World(service({ desiredCount: 4, availabilityZoneRebalancing: 'DISABLED' }));
    world.addInstances('us-east-1a', 1);
    world.runToSteady();
    world.addInstances('us-east-1b', 1);
    expect(world.decide().startCount).toBe(0);
    expect(world.zoneCounts()).toEqual({ 'us-east-1a': 4, 'us-east-1b': 0 });
  });

  it('spreads Fargate tasks over the subnets zones and scales them in by zone', () => {
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    const existing = [task({ availabilityZone: 'us-east-1a' })];
    const chosen = chooseFargateZones(zones, existing, 5, seededRandom(2));
    const all = [...existing.map((one) => one.availabilityZone), ...chosen];
    expect(zones.map((zone) => all.filter((one) => one === zone).length)).toEqual([2, 2, 2]);

    const fargate = [
      ...['us-east-1a', 'us-east-1a', 'us-east-1a', 'us-east-1b'].map((zone) =>
        task({ availabilityZone: zone }),
      ),
    ];
    const decision = decideReplica(
      input({
        service: service({ desiredCount: 2, launchType: 'FARGATE' }),
        tasks: fargate,
        availableZones: zones,
      }),
    );
    const stopped = new Set(decision.stop.map((stop) => stop.taskArn));
    expect(
      fargate.filter((one) => stopped.has(one.taskArn)).map((one) => one.availabilityZone),
    ).toEqual(['us-east-1a', 'us-east-1a']);
  });
});

describe('decideReplica: rolling deployments', () => {
  /** A world of 4 RUNNING tasks of the old deployment, then a new PRIMARY deployment. */
  function rollout(minimumHealthyPercent: number, maximumPercent: number): World {
    const world = new World(service({ desiredCount: 4, minimumHealthyPercent, maximumPercent }));
    world.addInstances('us-east-1a', 2);
    world.addInstances('us-east-1b', 2);
    world.primaryDeploymentId = oldId;
    world.runToSteady();
    world.primaryDeploymentId = primaryId;
    return world;
  }

  /** Each step: the counts after the decision is applied, checked against the limits. */
  function steps(world: World, min: number, max: number): { old: number; new: number }[] {
    const seen: { old: number; new: number }[] = [];
    for (let round = 0; round < 20; round++) {
      const decision = world.decide();
      if (decision.startCount === 0 && decision.stop.length === 0) return seen;
      world.apply(decision);
      const occupying = world.tasks.length;
      const healthyLeft = world.tasks.filter(
        (one) => one.desiredStatus === 'RUNNING' && one.lastStatus === 'RUNNING',
      ).length;
      expect(occupying).toBeLessThanOrEqual(max);
      expect(healthyLeft).toBeGreaterThanOrEqual(min);
      seen.push({ old: world.count(oldId), new: world.count(primaryId) });
      world.settle();
    }
    throw new Error('the rollout did not finish');
  }

  it('100 % / 200 %: starts all new tasks, then stops all old ones once healthy', () => {
    const world = rollout(100, 200);
    expect(steps(world, 4, 8)).toEqual([
      { old: 4, new: 4 },
      { old: 0, new: 4 },
    ]);
  });

  it('0 % / 100 %: stops the old tasks first, then starts the new ones', () => {
    const world = rollout(0, 100);
    expect(steps(world, 0, 4)).toEqual([
      { old: 0, new: 0 },
      { old: 0, new: 4 },
    ]);
  });

  it('50 % / 100 %: replaces half at a time', () => {
    const world = rollout(50, 100);
    expect(steps(world, 2, 4)).toEqual([
      { old: 2, new: 0 },
      { old: 2, new: 2 },
      { old: 0, new: 2 },
      { old: 0, new: 4 },
    ]);
  });

  it('100 % / 150 %: two at a time within six', () => {
    const world = rollout(100, 150);
    expect(steps(world, 4, 6)).toEqual([
      { old: 4, new: 2 },
      { old: 2, new: 2 },
      { old: 2, new: 4 },
      { old: 0, new: 4 },
    ]);
  });

  it('reports the deployments counts as the step leaves them', () => {
    const world = rollout(50, 100);
    const decision = world.decide();
    expect(decision.desiredCountByDeployment).toEqual(
      new Map([
        [primaryId, 4],
        [oldId, 2],
      ]),
    );
  });

  it('100 % / 100 % allows no progress and says so', () => {
    const world = rollout(100, 100);
    const decision = world.decide();
    expect(decision).toMatchObject({ startCount: 0, stop: [], blocked: true });
  });
});

describe('decideReplica: blue held during a traffic shift', () => {
  it('leaves blue running, outside the limits, while green scales to its full count', () => {
    const blue = [1, 2, 3].map(() => task({ deploymentId: oldId, healthStatus: 'HEALTHY' }));
    const held = decideReplica(
      input({
        service: service({ maximumPercent: 100 }),
        tasks: blue,
        heldDeploymentIds: new Set([oldId]),
      }),
    );
    expect(held.stop).toEqual([]);
    expect(held.startCount).toBe(3);
    expect(held.desiredCountByDeployment.get(oldId)).toBe(3);

    // Released at clean-up, blue drains as any older deployment does.
    const green = [1, 2, 3].map(() => task({ healthStatus: 'HEALTHY' }));
    const released = decideReplica(input({ tasks: [...blue, ...green] }));
    expect(released.stop.map((stop) => stop.taskArn).sort()).toEqual(
      blue.map((t) => t.taskArn).sort(),
    );
  });
});
