import { describe, expect, it } from 'vitest';
import type { EcsState } from '../core/state';
import { defaultEcsSettings } from '../core/arns';
import { seededRandom } from '../core/ids';
import { tasksController } from './controller';
import { stoppedTaskRetentionMs } from './lifecycle';
import { createPlane, web } from '../test-support';

async function planeWithRunningTasks(count: number) {
  const setup = createPlane();
  const { plane, run } = setup;
  await plane.createCluster({ clusterName: 'default' });
  await plane.launchInstances({
    cluster: 'default',
    instanceType: 'm5.xlarge',
    count: 2,
    availabilityZone: 'us-east-1a',
  });
  await plane.registerTaskDefinition(web);
  const { tasks = [] } = await plane.runTask({ taskDefinition: 'web', count });
  await run(10_000);
  const described = await plane.describeTasks({ tasks: tasks.map((task) => task.taskArn!) });
  expect(described.tasks?.map((task) => task.lastStatus)).toEqual(tasks.map(() => 'RUNNING'));
  return { ...setup, arns: tasks.map((task) => task.taskArn!) };
}

const reconcileChanges = (
  state: EcsState,
  events: Parameters<typeof tasksController>[1],
  now: number,
) => tasksController({ state, now, settings: defaultEcsSettings, random: seededRandom(1) }, events);

describe('the tasks controller', () => {
  it('has nothing to do for tasks running as desired', async () => {
    const { plane, clock } = await planeWithRunningTasks(3);
    expect(reconcileChanges(plane.state, [], clock.now())).toEqual([]);
  });

  it('steps the tasks on their way and puts a task changed twice in a pass once', async () => {
    const { plane, clock, arns } = await planeWithRunningTasks(3);
    await plane.stopTask({ task: arns[0]!, reason: 'done' });
    const events = [
      {
        kind: 'container.exited' as const,
        taskArn: arns[1]!,
        containerName: 'app',
        exitCode: 3,
        at: 0,
      },
    ];
    const changes = reconcileChanges(plane.state, events, clock.now());
    const byTask = changes.map((change) =>
      change.kind === 'task.put' ? [change.task.taskArn, change.task.lastStatus] : change.kind,
    );
    // The stopped task takes its one step; the one whose essential container exited has its
    // exit and its first step towards STOPPED in one put; the third is left alone.
    expect(byTask).toEqual(
      expect.arrayContaining([
        [arns[0], 'DEACTIVATING'],
        [arns[1], 'DEACTIVATING'],
      ]),
    );
    expect(byTask).toHaveLength(2);
    const exited = changes.find(
      (change) => change.kind === 'task.put' && change.task.taskArn === arns[1],
    );
    expect(exited?.kind === 'task.put' && exited.task.containers[0]?.exitCode).toBe(3);
  });

  it('forgets a stopped task once its retention is over, and not before', async () => {
    const { plane, clock, run, arns } = await planeWithRunningTasks(2);
    await plane.stopTask({ task: arns[0]!, reason: 'done' });
    await run(60_000, 500);
    const stoppedAt = plane.state.tasks[arns[0]!]!.stoppedAt!;
    expect(plane.state.tasks[arns[0]!]!.lastStatus).toBe('STOPPED');
    expect(reconcileChanges(plane.state, [], stoppedAt + stoppedTaskRetentionMs - 1)).toEqual([]);
    expect(reconcileChanges(plane.state, [], stoppedAt + stoppedTaskRetentionMs)).toEqual([
      { kind: 'task.delete', arn: arns[0] },
    ]);
    expect(clock.now()).toBeLessThan(stoppedAt + stoppedTaskRetentionMs);
  });
});
