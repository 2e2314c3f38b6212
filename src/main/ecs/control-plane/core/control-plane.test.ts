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

describe('prompt passes', () => {
  /** Runs the clock in 5 ms steps, letting each timer's pass and its writes settle. */
  async function advance(clock: { advance(ms: number): void }, ms: number) {
    for (let elapsed = 0; elapsed < ms; elapsed += 5) {
      clock.advance(5);
      for (let turn = 0; turn < 5; turn++) await Promise.resolve();
    }
  }

  it('reacts to a call and to runtime events soon, not an interval later', async () => {
    const { plane, clock } = createPlane({ reconcileIntervalMs: 60_000, promptPassMs: 20 });
    await plane.createCluster();
    await plane.launchInstances({ instanceType: 'm5.xlarge', count: 1 });
    await plane.registerTaskDefinition(web);
    const { tasks = [] } = await plane.runTask({ taskDefinition: 'web' });
    const arn = tasks[0]!.taskArn!;
    // The simulated runtime's default pull (2 s) and start (1 s), then two steps of the task.
    await advance(clock, 3_200);
    expect(plane.state.tasks[arn]!.lastStatus).toBe('RUNNING');
    await plane.stopTask({ task: arn });
    await advance(clock, 400);
    expect(plane.state.tasks[arn]!.lastStatus).toBe('STOPPED');
  });

  it('waits for the interval when not asked to be prompt', async () => {
    const { plane, clock } = createPlane({ reconcileIntervalMs: 60_000 });
    await plane.createCluster();
    await plane.launchInstances({ instanceType: 'm5.xlarge', count: 1 });
    await plane.registerTaskDefinition(web);
    const { tasks = [] } = await plane.runTask({ taskDefinition: 'web' });
    await advance(clock, 3_200);
    expect(plane.state.tasks[tasks[0]!.taskArn!]!.lastStatus).toBe('PENDING');
  });

  it('coalesces a flood of calls into one pass per prompt delay', async () => {
    const { plane, clock } = createPlane({ reconcileIntervalMs: 60_000, promptPassMs: 20 });
    await plane.createCluster();
    let passes = 0;
    const tick = plane.tick.bind(plane);
    plane.tick = () => {
      passes++;
      return tick();
    };
    for (let call = 0; call < 200; call++) {
      await plane.tagResource({
        resourceArn: `${prefix}cluster/default`,
        tags: [{ key: 'call', value: String(call) }],
      });
      await advance(clock, 5);
    }
    expect(passes).toBeGreaterThanOrEqual(1_000 / 20 - 1);
    expect(passes).toBeLessThanOrEqual(1_000 / 20 + 1);
  });
});
