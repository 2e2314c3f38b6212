import { describe, expect, it } from 'vitest';
import { createPlane, prefix, web } from '../test-support';

describe('the control plane shell', () => {
  it('freezes committed records in tests, so a change made in place fails loudly', async () => {
    const { plane, run } = createPlane();
    await plane.createCluster();
    await plane.launchInstances({ instanceType: 'm5.xlarge', count: 1 });
    await plane.registerTaskDefinition(web);
    const { tasks = [] } = await plane.runTask({ taskDefinition: 'web' });
    await run(10_000);
    const cluster = plane.state.clusters[`${prefix}cluster/default`]!;
    const task = plane.state.tasks[tasks[0]!.taskArn!]!;
    expect(() => {
      (cluster as { status: string }).status = 'INACTIVE';
    }).toThrow(TypeError);
    expect(() => task.containers.push(task.containers[0]!)).toThrow(TypeError);
    expect(task.lastStatus).toBe('RUNNING');
  });

  it('runs the controllers in turn: a deleted definition goes in the pass its last task stops', async () => {
    const { plane, run } = createPlane();
    await plane.createCluster();
    await plane.launchInstances({ instanceType: 'm5.xlarge', count: 1 });
    const { taskDefinition } = await plane.registerTaskDefinition(web);
    const { tasks = [] } = await plane.runTask({ taskDefinition: 'web' });
    await run(10_000);
    await plane.deregisterTaskDefinition({ taskDefinition: 'web:1' });
    await plane.deleteTaskDefinitions({ taskDefinitions: ['web:1'] });
    const arn = taskDefinition!.taskDefinitionArn!;
    await run(1_000);
    expect(plane.state.taskDefinitions[arn]?.status).toBe('DELETE_IN_PROGRESS');
    await plane.stopTask({ task: tasks[0]!.taskArn! });
    for (
      let pass = 0;
      pass < 100 && plane.state.tasks[tasks[0]!.taskArn!]!.lastStatus !== 'STOPPED';
      pass++
    ) {
      expect(plane.state.taskDefinitions[arn]).toBeDefined();
      await run(100);
    }
    expect(plane.state.tasks[tasks[0]!.taskArn!]!.lastStatus).toBe('STOPPED');
    expect(plane.state.taskDefinitions[arn]).toBeUndefined();
  });
});
