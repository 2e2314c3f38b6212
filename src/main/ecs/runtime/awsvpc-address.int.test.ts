import type { Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { connectEngine, systemEndpointSources } from '../../docker/connection/engine';
import { systemClock } from '../../lib/clock';
import { EcsControlPlane } from '../control-plane/core/control-plane';
import { createDockerRuntime, type DockerRuntime } from './docker-runtime';
import { ipv4InSubnet } from './subnet-address';

const sleeperImage = 'stowage-test/fixture:1.0';
const run = Date.now().toString(36);

const engine = connectEngine({
  sources: systemEndpointSources(),
  clock: systemClock,
  onStatus: () => undefined,
  onEvent: () => undefined,
});

const addressOf = (task: Task) => ({
  eni: task.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address,
  attachment: task.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value,
  dns: task.attachments?.[0]?.details?.find((d) => d.name === 'privateDnsName')?.value,
});

describe('awsvpc tasks on a cluster network without 10.0.0.0/16', () => {
  let runtime: DockerRuntime;
  let plane: EcsControlPlane;

  beforeAll(async () => {
    runtime = createDockerRuntime({
      engine,
      clock: systemClock,
      extraLabels: { [TEST_LABEL]: TEST_LABEL_VALUE },
    });
    plane = new EcsControlPlane({
      clock: systemClock,
      runtime,
      reconcileIntervalMs: 100,
      onError: (error) => console.error(error),
    });
    await plane.registerTaskDefinition({
      family: 'addressed',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: sleeperImage }],
    });
  });

  afterAll(() => {
    plane.dispose();
    runtime.close();
  });

  /** Runs `count` tasks on the cluster and waits until they run; the tasks as described. */
  async function runningTasks(cluster: string, count: number): Promise<Task[]> {
    const { tasks, failures } = await plane.runTask({
      cluster,
      taskDefinition: 'addressed',
      launchType: 'FARGATE',
      count,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
    });
    expect(failures).toEqual([]);
    const arns = (tasks ?? []).map((task) => task.taskArn ?? '');
    let described: Task[] = [];
    return waitFor(
      async () => {
        described = (await plane.describeTasks({ cluster, tasks: arns })).tasks ?? [];
        const allRunning =
          described.length === count && described.every((task) => task.lastStatus === 'RUNNING');
        return allRunning ? described : undefined;
      },
      {
        what: () => `${count} tasks RUNNING on ${cluster}; last seen: ${JSON.stringify(described)}`,
        timeoutMs: 30_000,
      },
    );
  }

  /** The address the task's namespace really has on the cluster network. */
  const seenAddress = (cluster: string, task: Task) =>
    docker([
      'inspect',
      '--format',
      `{{(index .NetworkSettings.Networks "stowage-ecs-${cluster}").IPAddress}}`,
      `ecs-addressed-1-internalecspause-${(task.taskArn ?? '').split('/').at(-1)}`,
    ]);

  async function checkTasks(cluster: string, subnet: string, tasks: Task[]) {
    const seen = await Promise.all(tasks.map((task) => seenAddress(cluster, task)));
    for (const [index, task] of tasks.entries()) {
      const address = seen[index] ?? '';
      expect(ipv4InSubnet(address, subnet), `${address} in ${subnet}`).toBe(true);
      expect(addressOf(task)).toEqual({
        eni: address,
        attachment: address,
        dns: `ip-${address.replaceAll('.', '-')}.ec2.internal`,
      });
    }
    expect(new Set(seen).size).toBe(tasks.length);
    for (const task of tasks) await plane.stopTask({ cluster, task: task.taskArn ?? '' });
  }

  it('takes addresses in the subnet Docker gave the network it created', async () => {
    const cluster = `stowage-int-vpc-${run}`;
    await plane.createCluster({ clusterName: cluster });
    const tasks = await runningTasks(cluster, 3);
    const subnet = await docker([
      'network',
      'inspect',
      '--format',
      '{{(index .IPAM.Config 0).Subnet}}',
      `stowage-ecs-${cluster}`,
    ]);
    expect(subnet).not.toBe('10.0.0.0/16');
    await checkTasks(cluster, subnet, tasks);
  });

  it('takes addresses in a small subnet the user made, past those already held', async () => {
    const cluster = `stowage-int-small-${run}`;
    const subnet = '10.213.77.0/28';
    await docker([
      'network',
      'create',
      '--label',
      `${TEST_LABEL}=${TEST_LABEL_VALUE}`,
      '--subnet',
      subnet,
      `stowage-ecs-${cluster}`,
    ]);
    await plane.createCluster({ clusterName: cluster });
    const tasks = await runningTasks(cluster, 4);
    await checkTasks(cluster, subnet, tasks);
  });
});
