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
