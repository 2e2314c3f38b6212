import type { ContainerDefinition, Task } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { createPlane } from '../test-support';
import { failedHealthChecksReason, taskHealthOf } from './health';
import type { ContainerRecord } from '../core/state';

function container(name: string, members: Partial<ContainerRecord> = {}): ContainerRecord {
  return { containerArn: name, name, lastStatus: 'RUNNING', essential: true, ...members };
}

describe('task health from container health', () => {
  it('follows the essential containers that have a check', () => {
    const checked = { healthChecked: true };
    expect(taskHealthOf([container('a')])).toBe('UNKNOWN');
    expect(taskHealthOf([container('a', { ...checked, healthStatus: 'UNKNOWN' })])).toBe('UNKNOWN');
    expect(
      taskHealthOf([
        container('a', { ...checked, healthStatus: 'HEALTHY' }),
        container('b', { healthStatus: 'UNKNOWN' }),
      ]),
    ).toBe('HEALTHY');
    expect(
      taskHealthOf([
        container('a', { ...checked, healthStatus: 'HEALTHY' }),
        container('b', { ...checked, healthStatus: 'UNKNOWN' }),
      ]),
    ).toBe('UNKNOWN');
    expect(
      taskHealthOf([
        container('a', { ...checked, healthStatus: 'HEALTHY' }),
        container('b', { ...checked, healthStatus: 'UNHEALTHY' }),
      ]),
    ).toBe('UNHEALTHY');
    // A non-essential container's health does not count.
    expect(
      taskHealthOf([
        container('a', { ...checked, healthStatus: 'HEALTHY' }),
        container('b', { ...checked, essential: false, healthStatus: 'UNHEALTHY' }),
      ]),
    ).toBe('HEALTHY');
  });
});

async function runChecked(containerDefinitions: ContainerDefinition[]) {
  const setup = createPlane();
  const { plane } = setup;
  await plane.createCluster({ clusterName: 'default' });
  await plane.launchInstances({
    cluster: 'default',
    instanceType: 'm5.xlarge',
    count: 1,
    availabilityZone: 'us-east-1a',
  });
  await plane.registerTaskDefinition({ family: 'checked', containerDefinitions });
  const { tasks = [] } = await plane.runTask({ taskDefinition: 'checked' });
  const taskArn = tasks[0]!.taskArn!;
  const describe = async (): Promise<Task> =>
    (await plane.describeTasks({ tasks: [taskArn] })).tasks![0]!;
  return { ...setup, taskArn, describe };
}

const check = (script: string) => ({
  command: ['CMD-SHELL', script],
  interval: 5,
  retries: 2,
});

describe('health checks on the simulated runtime', () => {
  it('a passing check makes the container and the task HEALTHY', async () => {
    const { run, describe } = await runChecked([
      { name: 'app', image: 'nginx', memory: 64, healthCheck: check('exit 0') },
      { name: 'sidecar', image: 'busybox', memory: 64, essential: false },
    ]);
    // Pull 2 s and start 1 s: running at 3 s, health still to be decided.
    await run(3_500);
    let task = await describe();
    expect(task.lastStatus).toBe('RUNNING');
    expect(task.healthStatus).toBe('UNKNOWN');
    expect(task.containers?.map((c) => c.healthStatus)).toEqual(['UNKNOWN', 'UNKNOWN']);
    expect(task.containers?.[0]).not.toHaveProperty('healthChecked');
    // The first check, 5 s after the start.
    await run(5_000);
    task = await describe();
    expect(task.healthStatus).toBe('HEALTHY');
    expect(task.containers?.map((c) => c.healthStatus)).toEqual(['HEALTHY', 'UNKNOWN']);
    expect(task.desiredStatus).toBe('RUNNING');
  });

  it('a failing check of an essential container stops the task as ECS says', async () => {
    const { run, describe } = await runChecked([
      { name: 'app', image: 'nginx', memory: 64, healthCheck: check('exit 1') },
    ]);
    // Two failures, at 5 and 10 s after the start at 3 s.
    await run(12_900);
    expect((await describe()).healthStatus).toBe('UNKNOWN');
    await run(200);
    let task = await describe();
    expect(task.healthStatus).toBe('UNHEALTHY');
    expect(task.containers?.[0]?.healthStatus).toBe('UNHEALTHY');
    expect(task.desiredStatus).toBe('STOPPED');
    await run(2_000);
    task = await describe();
    expect(task).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: failedHealthChecksReason,
    });
  });

  it('an unhealthy non-essential container leaves the task running', async () => {
    const { run, describe } = await runChecked([
      { name: 'app', image: 'nginx', memory: 64 },
      {
        name: 'probe',
        image: 'busybox',
        memory: 64,
        essential: false,
        healthCheck: check('exit 1'),
      },
    ]);
    await run(20_000);
    const task = await describe();
    expect(task.containers?.find((c) => c.name === 'probe')?.healthStatus).toBe('UNHEALTHY');
    expect(task).toMatchObject({ lastStatus: 'RUNNING', healthStatus: 'UNKNOWN' });
  });
});
