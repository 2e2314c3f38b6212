import { describe, expect, it } from 'vitest';
import { createPlane, web } from './control-plane/test-support';
import { callOn, ecsTestRouter, simulatedAppEcs } from './test-support';
import { ecsFaultHandlers } from './fault-handlers';

const signal = new AbortController().signal;

async function faultRouter() {
  const setup = createPlane();
  const router = ecsTestRouter(ecsFaultHandlers(simulatedAppEcs(setup)));
  const { plane, run } = setup;
  await plane.createCluster({ clusterName: 'default' });
  await plane.launchInstances({
    cluster: 'default',
    instanceType: 'm5.xlarge',
    count: 1,
    availabilityZone: 'us-east-1a',
  });
  await plane.registerTaskDefinition({
    family: 'pair',
    containerDefinitions: [
      { name: 'side', image: 'busybox', memory: 32, essential: false },
      { ...web.containerDefinitions[0]!, memory: 64 },
    ],
  });
  const { tasks = [] } = await plane.runTask({ taskDefinition: 'pair' });
  const taskArn = tasks[0]!.taskArn!;
  await run(5_000);
  const describe = async () => (await plane.describeTasks({ tasks: [taskArn] })).tasks![0]!;
  return { ...setup, router, taskArn, describe };
}

describe('fault injection', () => {
  it('kills an essential container when none is named: exit 137 and the task stops', async () => {
    const { router, run, taskArn, describe } = await faultRouter();
    await callOn(router, 'ecs.faults.killContainer', { cluster: 'default', task: taskArn });
    await run(5_000);
    const task = await describe();
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(task.containers?.find((c) => c.name === 'app')?.exitCode).toBe(137);
  });

  it('kills the container named; a container that is not running is a conflict', async () => {
    const { router, run, taskArn, describe } = await faultRouter();
    const input = { cluster: 'default', task: taskArn, containerName: 'side' };
    await callOn(router, 'ecs.faults.killContainer', input);
    await run(1_000);
    const task = await describe();
    expect(task.lastStatus).toBe('RUNNING');
    expect(task.containers?.find((c) => c.name === 'side')).toMatchObject({
      lastStatus: 'STOPPED',
      exitCode: 137,
    });
    const again = await router.call('ecs.faults.killContainer', input, signal);
    expect(again).toMatchObject({
      error: { code: 'CONFLICT', message: 'Container side of the task is not running.' },
    });
    const missing = await router.call(
      'ecs.faults.killContainer',
      { cluster: 'default', task: 'no-such-task' },
      signal,
    );
    expect(missing).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('takes a zone away and brings it back, and lists the zones that are away', async () => {
    const { router, run, describe } = await faultRouter();
    const setZone = (available: boolean) =>
      callOn(router, 'ecs.faults.setZone', { availabilityZone: 'us-east-1a', available });
    expect(await callOn(router, 'ecs.faults.zones', {})).toEqual({ unavailableZones: [] });
    await setZone(false);
    expect(await callOn(router, 'ecs.faults.zones', {})).toEqual({
      unavailableZones: ['us-east-1a'],
    });
    await run(1_000);
    expect((await describe()).lastStatus).toBe('STOPPED');
    await setZone(true);
    expect(await callOn(router, 'ecs.faults.zones', {})).toEqual({ unavailableZones: [] });
    const refused = await router.call(
      'ecs.faults.setZone',
      { availabilityZone: 'nowhere', available: false },
      signal,
    );
    expect(refused).toMatchObject({
      error: { code: 'ECS_CLIENT_EXCEPTION', details: { type: 'InvalidParameterException' } },
    });
  });
});
