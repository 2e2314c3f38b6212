import { describe, expect, it } from 'vitest';
import { perZone, serviceWorld } from '../services/plane-support';
import { failedHealthChecksReason } from '../tasks/health';
import { fargateCapacityUnavailable } from '../tasks/run';

describe('services and faults', () => {
  it('a service that loses a zone recovers in the others, and spreads again when it is back', async () => {
    const world = await serviceWorld();
    await world.create({ desiredCount: 6 });
    await world.runUntil(() => world.steady('web', 6), 'steady at 6');
    await world.plane.setZoneAvailable('us-east-1a', false);
    await world.runUntil(() => world.steady('web', 6), 'steady at 6 without us-east-1a');
    expect(perZone(await world.liveTasks())).toEqual({ 'us-east-1b': 3, 'us-east-1c': 3 });
    await world.plane.setZoneAvailable('us-east-1a', true);
    await world.runUntil(
      async () =>
        (await world.steady('web', 6)) &&
        Object.keys(perZone(await world.liveTasks())).includes('us-east-1a'),
      'tasks in us-east-1a again',
    );
  });

  it('a Fargate service whose only zone is away says it cannot place its tasks', async () => {
    const world = await serviceWorld();
    await world.plane.registerTaskDefinition({
      family: 'fargate-web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'nginx' }],
    });
    await world.plane.setZoneAvailable('us-east-1a', false);
    // zoneOfSubnet puts subnet-2 in us-east-1a.
    await world.create({
      taskDefinition: 'fargate-web',
      launchType: 'FARGATE',
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-2'] } },
    });
    const message = `(service web) was unable to place a task. Reason: ${fargateCapacityUnavailable}.`;
    await world.runUntil(async () => (await world.messages()).includes(message), 'unplaced');
    expect(world.counts().occupying).toBe(0);
  });

  it('a task failing its health checks is stopped as ECS says and replaced', async () => {
    const world = await serviceWorld();
    await world.plane.registerTaskDefinition({
      family: 'sickly',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          memory: 64,
          healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 5, retries: 1 },
        },
      ],
    });
    await world.create({ taskDefinition: 'sickly', desiredCount: 1 });
    await world.runUntil(() => world.counts().occupying === 1, 'one task started');
    const [first] = Object.values(world.plane.state.tasks);
    await world.runUntil(
      () => world.plane.state.tasks[first!.taskArn]?.lastStatus === 'STOPPED',
      'the unhealthy task stopped',
    );
    expect(world.plane.state.tasks[first!.taskArn]).toMatchObject({
      healthStatus: 'UNHEALTHY',
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: failedHealthChecksReason,
    });
    await world.runUntil(
      () => world.counts().tasks.some((task) => task.taskArn !== first!.taskArn),
      'a replacement running',
    );
  });

  it('an unhealthy task is let be for the grace period after it started, then replaced', async () => {
    const world = await serviceWorld();
    await world.plane.registerTaskDefinition({
      family: 'sickly',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          memory: 64,
          healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 5, retries: 1 },
        },
      ],
    });
    await world.create({
      taskDefinition: 'sickly',
      desiredCount: 1,
      healthCheckGracePeriodSeconds: 60,
    });
    const first = () => Object.values(world.plane.state.tasks)[0];
    await world.runUntil(() => first()?.healthStatus === 'UNHEALTHY', 'the task unhealthy');
    const startedAt = first()!.startedAt!;
    expect(world.clock.now()).toBeLessThan(startedAt + 60_000);
    await world.runUntil(
      () => first()!.desiredStatus === 'STOPPED',
      'the unhealthy task told to stop',
    );
    // Not before the period is over; the pass after it ends stops it.
    expect(world.clock.now()).toBeGreaterThanOrEqual(startedAt + 60_000);
    expect(world.clock.now()).toBeLessThan(startedAt + 61_000);
    expect(first()).toMatchObject({
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: failedHealthChecksReason,
    });
    const id = first()!.taskArn.split('/').pop()!;
    expect(await world.messages()).toContain(
      `(service web) (task ${id}) failed container health checks.`,
    );
  });
});
