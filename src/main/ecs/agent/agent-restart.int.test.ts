import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@aws-sdk/client-ecs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { connectEngine, systemEndpointSources } from '../../docker/connection/engine';
import { systemClock } from '../../lib/clock';
import { createDockerRuntime } from '../runtime/docker-runtime';
import { openEcsSimulator, type EcsSimulator } from '../simulator';
import { TaskAgent } from './task-agent';

const fixtures = inject('fixtureImages');
const image = 'stowage-test/fixture:1.0';
const cluster = `stowage-agent-restart-${Date.now().toString(36)}`;
const taskRole = 'arn:aws:iam::000000000000:role/orders-reader';
const labels = { [TEST_LABEL]: TEST_LABEL_VALUE };

const engine = connectEngine({
  sources: systemEndpointSources(),
  clock: systemClock,
  onStatus: () => undefined,
  onEvent: () => undefined,
});

/** The credentials URL a task's SDK would use, read from the container's own environment. */
const credentialsUrl =
  '${AWS_CONTAINER_CREDENTIALS_FULL_URI:-http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}';

/** The JSON a `wget` in the container printed, or undefined when it failed. */
async function fetchInside(containerId: string, url: string): Promise<unknown> {
  const output = await docker([
    'exec',
    containerId,
    'sh',
    '-c',
    `timeout 10 wget -q -O - "${url}"; echo "rc=$?"`,
  ]);
  if (!output.trim().endsWith('rc=0')) return undefined;
  return JSON.parse(output.slice(0, output.lastIndexOf('rc=')));
}

/** The app's ECS as it opens on a start: the agent, the Docker runtime and the journalled plane. */
async function openApp(dataDir: string) {
  // The agent asks the plane, which opens after it: read when a request comes.
  const current: { simulator?: EcsSimulator } = {};
  const agent = new TaskAgent({
    docker: () => engine.docker(),
    clock: systemClock,
    extraLabels: labels,
    describeTask: async (taskCluster, taskArn) =>
      (
        await current.simulator?.controlPlane.describeTasks({
          cluster: taskCluster,
          tasks: [taskArn],
        })
      )?.tasks?.[0],
  });
  const runtime = createDockerRuntime({ engine, clock: systemClock, extraLabels: labels, agent });
  const opened = await openEcsSimulator({
    dataDir,
    clock: systemClock,
    dockerRuntime: runtime,
    reconcileIntervalMs: 100,
    onError: (error) => console.error(error),
  });
  current.simulator = opened;
  return {
    agent,
    plane: opened.controlPlane,
    close: async () => {
      await opened.close();
      await agent.close();
    },
  };
}

describe('the container agent across a restart of the app', () => {
  let dataDir: string | undefined;
  let app: Awaited<ReturnType<typeof openApp>> | undefined;

  afterAll(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a task that kept running its credentials and metadata again', async () => {
    expect(fixtures.fixture.tags).toContain(image);
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-agent-restart-'));
    app = await openApp(dataDir);
    const first = app.plane;
    await first.createCluster({ clusterName: cluster });
    await first.launchInstances({ cluster, instanceType: 'm5.large' });
    await first.registerTaskDefinition({
      family: 'reader',
      taskRoleArn: taskRole,
      containerDefinitions: [{ name: 'app', image, memory: 32, command: ['sleep', '600'] }],
    });
    const taskArn = (await first.runTask({ cluster, taskDefinition: 'reader' })).tasks?.[0]
      ?.taskArn;
    expect(taskArn).toBeDefined();
    const arn = taskArn ?? '';
    let seen: Task = {};
    const running = await waitFor(
      async () => {
        seen = (await app?.plane.describeTasks({ cluster, tasks: [arn] }))?.tasks?.[0] ?? {};
        return seen.lastStatus === 'RUNNING' ? seen : undefined;
      },
      { what: () => `task ${arn} to run: ${JSON.stringify(seen)}`, timeoutMs: 30_000 },
    );
    const containerId = running.containers?.[0]?.runtimeId ?? '';
    const before = (await fetchInside(containerId, credentialsUrl)) as { RoleArn?: string };
    expect(before?.RoleArn).toBe(taskRole);

    // The app stops (its agent with it) while the container keeps running, then starts again on
    // the same data directory and engine.
    await app.close();
    app = undefined;
    expect(await fetchInside(containerId, credentialsUrl)).toBeUndefined();
    app = await openApp(dataDir);
    const restarted = app;

    const after = (await waitFor(() => fetchInside(containerId, credentialsUrl), {
      what: `the adopted task ${arn} to be served its credentials again`,
      timeoutMs: 30_000,
    })) as { RoleArn: string; AccessKeyId: string; Token: string };
    expect(after.RoleArn).toBe(taskRole);
    expect(restarted.agent.identify(after.AccessKeyId, after.Token)?.arn).toBe(
      `arn:aws:sts::000000000000:assumed-role/orders-reader/${arn.split('/').pop()}`,
    );
    const metadata = (await fetchInside(containerId, '$ECS_CONTAINER_METADATA_URI_V4/task')) as {
      TaskARN?: string;
    };
    expect(metadata?.TaskARN).toBe(arn);
    // Adopted, not started again: the same container answers, and the new agent logged it.
    expect(
      (await restarted.plane.describeTasks({ cluster, tasks: [arn] })).tasks?.[0],
    ).toMatchObject({ lastStatus: 'RUNNING', containers: [{ runtimeId: containerId }] });
    expect(restarted.agent.view(arn).requests.map((r) => r.status)).toContain(200);

    await restarted.plane.stopTask({ cluster, task: arn });
    await waitFor(async () => (await fetchInside(containerId, credentialsUrl)) === undefined, {
      what: `the stopped task ${arn}'s credentials to be refused`,
      timeoutMs: 30_000,
    });
  });
});
