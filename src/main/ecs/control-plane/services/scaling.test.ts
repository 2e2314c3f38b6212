import { describe, expect, it } from 'vitest';
import { perZone, serviceWorld } from './plane-support';

describe('a REPLICA service through the control plane', () => {
  it('starts its desired count spread over zones and reaches a steady state', async () => {
    const world = await serviceWorld();
    const created = await world.create({ desiredCount: 3 });
    expect(created.service).toMatchObject({
      serviceName: 'web',
      status: 'ACTIVE',
      desiredCount: 3,
      runningCount: 0,
      launchType: 'EC2',
      schedulingStrategy: 'REPLICA',
    });
    await world.runUntil(() => world.steady('web', 3), 'steady at 3');
    const tasks = await world.liveTasks();
    expect(perZone(tasks)).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1, 'us-east-1c': 1 });
    const events = (await world.describe()).events ?? [];
    expect(events[0]?.message).toBe('(service web) has reached a steady state.');
    const started = events.find((event) => event.message?.includes('has started'))?.message;
    expect(started).toMatch(
      /^\(service web\) has started 3 tasks: (\(task [0-9a-f]{32}\) ?){3}\.$/,
    );
    for (const task of tasks)
      expect(started).toContain(`(task ${task.taskArn?.split('/').at(-1)})`);
  });
});

describe('scaling', () => {
  it('scales out over the zones and in from the most crowded zone first', async () => {
    const world = await serviceWorld();
    await world.create({ desiredCount: 3 });
    await world.runUntil(() => world.steady('web', 3), 'steady at 3');
    await world.plane.updateService({ service: 'web', desiredCount: 6 });
    await world.runUntil(() => world.steady('web', 6), 'steady at 6');
    expect(perZone(await world.liveTasks())).toEqual({
      'us-east-1a': 2,
      'us-east-1b': 2,
      'us-east-1c': 2,
    });
    await world.plane.updateService({ service: 'web', desiredCount: 2 });
    await world.runUntil(() => world.steady('web', 2), 'steady at 2');
    const zonesLeft = Object.values(perZone(await world.liveTasks()));
    expect(zonesLeft).toEqual([1, 1]);
    expect(
      (await world.messages()).some((message) =>
        /^\(service web\) has stopped 4 running tasks: (\(task [0-9a-f]{32}\) ?){4}\.$/.test(
          message,
        ),
      ),
    ).toBe(true);
    const stopped = Object.values(world.plane.state.tasks).filter(
      (task) => task.serviceName === 'web' && task.desiredStatus === 'STOPPED',
    );
    expect(stopped).toHaveLength(4);
    for (const task of stopped) {
      expect(task.stopCode).toBe('ServiceSchedulerInitiated');
      expect(task.stoppedReason).toMatch(
        /^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/,
      );
    }
  });

  it('scales to 0 and deletes only once scaled in, unless forced', async () => {
    const world = await serviceWorld();
    await world.create({ desiredCount: 2 });
    await world.runUntil(() => world.steady('web', 2), 'steady at 2');
    await world.plane.updateService({ service: 'web', desiredCount: 0 });
    await world.runUntil(() => world.counts().occupying === 0, 'scaled to 0');
    const deleted = await world.plane.deleteService({ service: 'web' });
    expect(deleted.service?.status).toBe('DRAINING');
    await world.runUntil(async () => (await world.describe()).status === 'INACTIVE', 'inactive');
    expect((await world.plane.listServices()).serviceArns).toEqual([]);
  });
});

type Failure =
  'essential container exit' | 'StopTask' | 'drain' | 'deregister' | 'agent disconnect';

describe('replacement', () => {
  const failures: Failure[] = [
    'essential container exit',
    'StopTask',
    'drain',
    'deregister',
    'agent disconnect',
  ];
  it.each(failures)('replaces a task lost to %s', async (failure) => {
    const world = await serviceWorld();
    await world.create({ desiredCount: 3 });
    await world.runUntil(() => world.steady('web', 3), 'steady at 3');
    const victim = world.counts().tasks[0]!;
    const instance = victim.containerInstanceArn!;
    if (failure === 'essential container exit') {
      expect(world.runtime.exitContainer(victim.taskArn, 'app', 137)).toBe(true);
    } else if (failure === 'StopTask') {
      await world.plane.stopTask({ task: victim.taskArn, reason: 'chaos' });
    } else if (failure === 'drain') {
      await world.plane.updateContainerInstancesState({
        containerInstances: [instance],
        status: 'DRAINING',
      });
    } else if (failure === 'deregister') {
      await world.plane.deregisterContainerInstance({ containerInstance: instance, force: true });
    } else {
      await world.plane.setAgentConnected('default', instance, false);
    }
    await world.runUntil(
      async () =>
        (await world.steady('web', 3)) &&
        !world.counts().tasks.some((task) => task.taskArn === victim.taskArn),
      `replaced after ${failure}`,
    );
    const live = world.counts().tasks;
    expect(live).toHaveLength(3);
    if (failure !== 'essential container exit' && failure !== 'StopTask') {
      expect(live.some((task) => task.containerInstanceArn === instance)).toBe(false);
    }
    const messages = await world.messages();
    const restarted = messages.findIndex((message) => /has started 1 tasks/.test(message));
    expect(restarted).toBeGreaterThan(0);
    expect(messages[0]).toBe('(service web) has reached a steady state.');
  });
});

describe('availability zones', () => {
  it('moves tasks out of a lost zone and rebalances once it is back', async () => {
    const world = await serviceWorld();
    await world.create({ desiredCount: 6 });
    await world.runUntil(() => world.steady('web', 6), 'steady at 6');
    const zoneA = Object.values(world.plane.state.containerInstances).filter((instance) =>
      instance.attributes.some(
        (a) => a.name === 'ecs.availability-zone' && a.value === 'us-east-1a',
      ),
    );
    for (const instance of zoneA) {
      await world.plane.setAgentConnected('default', instance.containerInstanceArn, false);
    }
    await world.runUntil(() => world.steady('web', 6), 'steady without zone a');
    expect(perZone(world.counts().tasks)).toEqual({ 'us-east-1b': 3, 'us-east-1c': 3 });
    for (const instance of zoneA) {
      await world.plane.setAgentConnected('default', instance.containerInstanceArn, true);
    }
    await world.runUntil(
      async () =>
        (await world.steady('web', 6)) &&
        Object.values(perZone(world.counts().tasks)).join() === '2,2,2',
      'rebalanced over three zones',
    );
    expect(perZone(world.counts().tasks)).toEqual({
      'us-east-1a': 2,
      'us-east-1b': 2,
      'us-east-1c': 2,
    });
  });
});

describe('a DAEMON service', () => {
  it('runs one task on every ACTIVE instance as instances come and go', async () => {
    const world = await serviceWorld(1);
    await world.plane.createService({
      serviceName: 'agent',
      taskDefinition: 'web',
      schedulingStrategy: 'DAEMON',
    });
    await world.runUntil(() => world.steady('agent', 3), 'one task per instance');
    expect((await world.describe('agent')).desiredCount).toBe(3);
    const [added] = await world.plane.launchInstances({ instanceType: 'm5.large' });
    await world.runUntil(() => world.steady('agent', 4), 'a task on the new instance');
    expect(
      world
        .counts('agent')
        .tasks.some((task) => task.containerInstanceArn === added?.containerInstanceArn),
    ).toBe(true);
    await world.plane.updateContainerInstancesState({
      containerInstances: [added?.containerInstanceArn ?? ''],
      status: 'DRAINING',
    });
    await world.runUntil(() => world.steady('agent', 3), 'the drained instance let go');
    expect((await world.describe('agent')).desiredCount).toBe(3);
    expect(
      world
        .counts('agent')
        .tasks.some((task) => task.containerInstanceArn === added?.containerInstanceArn),
    ).toBe(false);
  });
});

describe('event texts', () => {
  it('says once that a task cannot be placed, naming the closest instance and what it lacks', async () => {
    const world = await serviceWorld(1);
    await world.plane.registerTaskDefinition({
      family: 'big',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512, cpu: 4096 }],
    });
    await world.create({ serviceName: 'big', taskDefinition: 'big', desiredCount: 1 });
    await world.run(10_000);
    const messages = await world.messages('big');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^\(service big\) was unable to place a task because no container instance met all of its requirements\. The closest matching \(container-instance [0-9a-f]{32}\) has insufficient CPU units available\. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\.$/,
    );
  });
});
