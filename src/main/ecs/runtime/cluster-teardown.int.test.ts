import type { Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { connectEngine, systemEndpointSources } from '../../docker/connection/engine';
import { systemClock } from '../../lib/clock';
import { EcsControlPlane } from '../control-plane/core/control-plane';
import { openDockerRuntime } from './docker-probe';
import type { DockerRuntime } from './docker-runtime';

const fixtures = inject('fixtureImages');
const sleeperImage = 'stowage-test/fixture:1.0';
const cluster = `stowage-int-teardown-${Date.now().toString(36)}`;
const networkName = `stowage-ecs-${cluster}`;

const engine = connectEngine({
  sources: systemEndpointSources(),
  clock: systemClock,
  onStatus: () => undefined,
  onEvent: () => undefined,
});

describe('deleting a cluster run by the Docker runtime', () => {
  let runtime: DockerRuntime;
  let plane: EcsControlPlane;

  beforeAll(async () => {
    expect(fixtures.fixture.tags).toContain(sleeperImage);
    const probe = await openDockerRuntime({
      engine,
      clock: systemClock,
      extraLabels: { [TEST_LABEL]: TEST_LABEL_VALUE },
    });
    if (!('runtime' in probe)) throw new Error(`the engine did not answer: ${probe.unavailable}`);
    runtime = probe.runtime;
    plane = new EcsControlPlane({
      clock: systemClock,
      runtime,
      reconcileIntervalMs: 100,
      onError: (error) => console.error(error),
    });
  });

  afterAll(() => {
    plane.dispose();
    runtime.close();
  });

  async function tasksOf(desiredStatus: 'RUNNING' | 'STOPPED'): Promise<Task[]> {
    const { taskArns = [] } = await plane.listTasks({ cluster, desiredStatus });
    if (taskArns.length === 0) return [];
    return (await plane.describeTasks({ cluster, tasks: taskArns })).tasks ?? [];
  }

  it('removes the exited task containers and the cluster network the runtime made', async () => {
    await plane.createCluster({ clusterName: cluster });
    const [instance] = await plane.launchInstances({ cluster, instanceType: 'm5.large' });
    await plane.registerTaskDefinition({
      family: 'teardown',
      containerDefinitions: [{ name: 'app', image: sleeperImage, memory: 32 }],
    });
    const { tasks = [], failures } = await plane.runTask({
      cluster,
      taskDefinition: 'teardown',
      count: 3,
    });
    expect(failures).toEqual([]);
    await waitFor(
      async () => (await tasksOf('RUNNING')).filter((t) => t.lastStatus === 'RUNNING').length === 3,
      { what: 'three running tasks', timeoutMs: 30_000 },
    );
    expect(await runtime.clusterResources(`${tasks[0]?.clusterArn}`)).toEqual({
      containers: 3,
      networks: [networkName],
    });

    for (const task of tasks) await plane.stopTask({ cluster, task: task.taskArn ?? '' });
    // StopTask sets desiredStatus at once; the cluster can go once every task is STOPPED.
    await waitFor(
      async () =>
        (await tasksOf('STOPPED')).filter((task) => task.lastStatus === 'STOPPED').length === 3,
      { what: 'every task to reach STOPPED', timeoutMs: 30_000 },
    );
    // Stopped tasks keep their exited containers while the cluster lives.
    const clusterContainers = () =>
      docker(['ps', '-aq', '--filter', `label=com.amazonaws.ecs.cluster=${cluster}`]);
    expect((await clusterContainers()).split('\n')).toHaveLength(3);

    await plane.deregisterContainerInstance({
      cluster,
      containerInstance: instance?.containerInstanceArn ?? '',
      force: true,
    });
    const { cluster: deleted } = await plane.deleteCluster({ cluster });
    expect(deleted?.status).toBe('INACTIVE');

    await waitFor(async () => (await clusterContainers()) === '', {
      what: `the containers of ${cluster} to be removed`,
      timeoutMs: 30_000,
    });
    await waitFor(
      async () => (await docker(['network', 'ls', '-q', '--filter', `name=${networkName}`])) === '',
      { what: `the network ${networkName} to be removed`, timeoutMs: 30_000 },
    );
    expect(await runtime.clusterResources(deleted?.clusterArn ?? '')).toEqual({
      containers: 0,
      networks: [],
    });
  });
});
