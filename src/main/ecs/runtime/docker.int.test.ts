import type { Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { connectEngine, systemEndpointSources } from '../../docker/connection/engine';
import { systemClock } from '../../lib/clock';
import { EcsControlPlane } from '../control-plane/core/control-plane';
import { openDockerRuntime } from './docker-probe';
import { createDockerRuntime, type DockerRuntime } from './docker-runtime';

const fixtures = inject('fixtureImages');
const httpdImage = 'stowage-test/layered:1.0';
const sleeperImage = 'stowage-test/fixture:1.0';
const cluster = `stowage-int-${Date.now().toString(36)}`;

const engine = connectEngine({
  sources: systemEndpointSources(),
  clock: systemClock,
  onStatus: () => undefined,
  onEvent: () => undefined,
});

function dockerRuntime(): DockerRuntime {
  return createDockerRuntime({
    engine,
    clock: systemClock,
    extraLabels: { [TEST_LABEL]: TEST_LABEL_VALUE },
  });
}

function controlPlane(runtime: DockerRuntime, state?: EcsControlPlane['state']): EcsControlPlane {
  return new EcsControlPlane({
    clock: systemClock,
    runtime,
    reconcileIntervalMs: 100,
    ...(state ? { state } : {}),
    onError: (error) => console.error(error),
  });
}

async function describeTask(plane: EcsControlPlane, taskArn: string): Promise<Task> {
  return (await plane.describeTasks({ cluster, tasks: [taskArn] })).tasks?.[0] ?? {};
}

/** Polls the task until `done` holds; fails with the task as it was last seen. */
async function waitForTask(
  plane: EcsControlPlane,
  taskArn: string,
  done: (task: Task) => boolean,
  taskCluster = cluster,
): Promise<Task> {
  let task: Task = {};
  return waitFor(
    async () => {
      task =
        (await plane.describeTasks({ cluster: taskCluster, tasks: [taskArn] })).tasks?.[0] ?? {};
      return done(task) ? task : undefined;
    },
    {
      what: () => `task ${taskArn}; last seen: ${JSON.stringify(task, null, 2)}`,
      timeoutMs: 30_000,
    },
  );
}

const isRunning = (task: Task) => task.lastStatus === 'RUNNING';
const isStopped = (task: Task) => task.lastStatus === 'STOPPED';

async function runOne(plane: EcsControlPlane, taskDefinition: string, fargate = false) {
  const { tasks, failures } = await plane.runTask({
    cluster,
    taskDefinition,
    ...(fargate
      ? {
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
        }
      : {}),
  });
  expect(failures).toEqual([]);
  return tasks?.[0]?.taskArn ?? '';
}

/** Fetches `url` once the server in the container has come up. */
function fetchText(url: string): Promise<string> {
  return waitFor(async () => (await fetch(url)).text(), {
    what: `an answer from ${url}`,
    timeoutMs: 10_000,
  });
}

describe('the Docker runtime under the ECS control plane', () => {
  let runtime: DockerRuntime;
  let plane: EcsControlPlane;

  beforeAll(async () => {
    expect(fixtures.layered.tags).toContain(httpdImage);
    const probe = await openDockerRuntime({
      engine,
      clock: systemClock,
      extraLabels: { [TEST_LABEL]: TEST_LABEL_VALUE },
    });
    if (!('runtime' in probe)) throw new Error(`the engine did not answer: ${probe.unavailable}`);
    runtime = probe.runtime;
    plane = controlPlane(runtime);
    await plane.createCluster({ clusterName: cluster });
    await plane.launchInstances({ cluster, instanceType: 'm5.large' });
    await plane.registerTaskDefinition({
      family: 'httpd',
      containerDefinitions: [
        {
          name: 'web',
          image: httpdImage,
          memory: 64,
          cpu: 128,
          environment: [{ name: 'GREETING', value: 'hello' }],
          portMappings: [{ containerPort: 8080, hostPort: 0 }],
        },
      ],
    });
  });

  afterAll(() => {
    plane.dispose();
    runtime.close();
  });

  it('runs a bridge task on a dynamic host port, and an external kill stops it with the exit code', async () => {
    const taskArn = await runOne(plane, 'httpd');
    const task = await waitForTask(plane, taskArn, isRunning);
    expect(task.pullStartedAt).toBeDefined();
    expect(task.pullStoppedAt).toBeDefined();
    const container = task.containers?.[0] ?? {};
    const binding = container.networkBindings?.[0];
    expect(binding).toMatchObject({ containerPort: 8080, protocol: 'tcp' });
    expect(binding?.hostPort).toBeGreaterThan(0);
    expect(await fetchText(`http://127.0.0.1:${binding?.hostPort}/`)).toContain('Stowage fixture');

    const [inspected] = JSON.parse(await docker(['inspect', container.runtimeId ?? ''])) as {
      Config: { Labels: Record<string, string>; Env: string[] };
      HostConfig: { Memory: number; CpuShares: number; NetworkMode: string };
    }[];
    expect(inspected?.Config.Labels).toMatchObject({
      'com.amazonaws.ecs.cluster': cluster,
      'com.amazonaws.ecs.task-arn': taskArn,
      'com.amazonaws.ecs.container-name': 'web',
      'com.amazonaws.ecs.task-definition-family': 'httpd',
      'com.amazonaws.ecs.task-definition-version': '1',
    });
    expect(inspected?.Config.Env).toContain('GREETING=hello');
    expect(inspected?.HostConfig).toMatchObject({
      Memory: 64 * 1024 * 1024,
      CpuShares: 128,
      NetworkMode: `stowage-ecs-${cluster}`,
    });

    await docker(['kill', container.runtimeId ?? '']);
    const stopped = await waitForTask(plane, taskArn, isStopped);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.stoppedReason).toBe('Essential container in task exited');
    expect(stopped.containers?.[0]?.exitCode).toBe(137);
  });

  it('runs an awsvpc task whose containers share one network namespace, and StopTask sends SIGTERM', async () => {
    await plane.registerTaskDefinition({
      family: 'pair',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        // busybox httpd as PID 1 ignores SIGTERM: it is killed after its stop timeout.
        { name: 'web', image: httpdImage, stopTimeout: 2, portMappings: [{ containerPort: 8080 }] },
        { name: 'probe', image: sleeperImage, essential: false },
      ],
    });
    const taskArn = await runOne(plane, 'pair', true);
    const task = await waitForTask(plane, taskArn, isRunning);
    const probe = task.containers?.find((c) => c.name === 'probe')?.runtimeId ?? '';
    const web = task.containers?.find((c) => c.name === 'web')?.runtimeId ?? '';
    const page = await waitFor(
      () => docker(['exec', probe, 'wget', '-q', '-O-', 'http://127.0.0.1:8080/']),
      { what: 'the web container to answer the probe on localhost', timeoutMs: 10_000 },
    );
    expect(page).toContain('Stowage fixture');
    const networkModes = await docker([
      'inspect',
      '--format',
      '{{.HostConfig.NetworkMode}}',
      probe,
      web,
    ]);
    const [probeMode, webMode] = networkModes.split('\n');
    expect(probeMode).toMatch(/^container:[0-9a-f]{64}$/);
    expect(webMode).toBe(probeMode);

    await plane.stopTask({ cluster, task: taskArn, reason: 'done here' });
    const stopped = await waitForTask(plane, taskArn, isStopped);
    expect(stopped.stopCode).toBe('UserInitiated');
    expect(stopped.stoppedReason).toBe('done here');
    const exitCodes = Object.fromEntries(
      (stopped.containers ?? []).map((c) => [c.name, c.exitCode]),
    );
    expect(exitCodes).toEqual({ probe: 0, web: 137 });
  });

  it('gives an awsvpc task its ECS address when the cluster network’s subnet holds it', async () => {
    const addressed = `${cluster}-addressed`;
    await docker([
      'network',
      'create',
      '--label',
      `${TEST_LABEL}=${TEST_LABEL_VALUE}`,
      '--subnet',
      '10.0.0.0/16',
      `stowage-ecs-${addressed}`,
    ]);
    await plane.createCluster({ clusterName: addressed });
    await plane.registerTaskDefinition({
      family: 'solo',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: sleeperImage }],
    });
    const { tasks } = await plane.runTask({
      cluster: addressed,
      taskDefinition: 'solo',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
    });
    const taskArn = tasks?.[0]?.taskArn ?? '';
    const task = await waitForTask(plane, taskArn, isRunning, addressed);
    expect(task.lastStatus).toBe('RUNNING');
    const address = task.attachments?.[0]?.details?.find(
      (detail) => detail.name === 'privateIPv4Address',
    )?.value;
    expect(address).toMatch(/^10\.0\./);
    const seen = await docker([
      'inspect',
      '--format',
      `{{(index .NetworkSettings.Networks "stowage-ecs-${addressed}").IPAddress}}`,
      `ecs-solo-1-internalecspause-${taskArn.slice(taskArn.lastIndexOf('/') + 1)}`,
    ]);
    expect(seen).toBe(address);
    await plane.stopTask({ cluster: addressed, task: taskArn });
  });

  it('kills a task’s container through the engine as docker kill does (fault injection)', async () => {
    await plane.registerTaskDefinition({
      family: 'victim',
      containerDefinitions: [{ name: 'app', image: sleeperImage, memory: 32 }],
    });
    const taskArn = await runOne(plane, 'victim');
    await waitForTask(plane, taskArn, isRunning);
    expect(await runtime.killContainer(taskArn, 'other')).toBe(false);
    expect(await runtime.killContainer(taskArn, 'app')).toBe(true);
    const stopped = await waitForTask(plane, taskArn, isStopped);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.containers?.[0]?.exitCode).toBe(137);
    expect(await runtime.killContainer(taskArn, 'app')).toBe(false);
  });

  it('reports a passing health check as HEALTHY on the container and the task', async () => {
    await plane.registerTaskDefinition({
      family: 'hale',
      containerDefinitions: [
        {
          name: 'app',
          image: sleeperImage,
          memory: 32,
          healthCheck: { command: ['CMD-SHELL', 'exit 0'], interval: 5, timeout: 2, retries: 1 },
        },
      ],
    });
    const taskArn = await runOne(plane, 'hale');
    const healthy = await waitForTask(plane, taskArn, (task) => task.healthStatus === 'HEALTHY');
    expect(healthy).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
    expect(healthy.containers?.[0]?.healthStatus).toBe('HEALTHY');
    await plane.stopTask({ cluster, task: taskArn });
    await waitForTask(plane, taskArn, isStopped);
  });

  it('stops a task whose essential container fails its health check', async () => {
    await plane.registerTaskDefinition({
      family: 'sickly',
      containerDefinitions: [
        {
          name: 'app',
          image: sleeperImage,
          memory: 32,
          healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 5, timeout: 2, retries: 1 },
        },
      ],
    });
    const taskArn = await runOne(plane, 'sickly');
    const task = await waitForTask(plane, taskArn, isRunning);
    const [health] = (
      await docker([
        'inspect',
        '--format',
        '{{json .Config.Healthcheck}}',
        task.containers?.[0]?.runtimeId ?? '',
      ])
    ).split('\n');
    expect(JSON.parse(health ?? '{}')).toMatchObject({ Test: ['CMD-SHELL', 'exit 1'], Retries: 1 });
    const stopped = await waitForTask(plane, taskArn, isStopped);
    expect(stopped).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Task failed container health checks',
      healthStatus: 'UNHEALTHY',
    });
    // The fixture honours the SIGTERM it is stopped with.
    expect(stopped.containers?.[0]).toMatchObject({
      exitCode: 0,
      healthStatus: 'UNHEALTHY',
      reason: 'Task failed container health checks',
    });
  });

  it('reports an image that cannot be pulled as CannotPullContainerError', async () => {
    await plane.registerTaskDefinition({
      family: 'unpullable',
      containerDefinitions: [
        // Nothing listens on port 1 of loopback: the pull fails without leaving the machine.
        { name: 'app', image: '127.0.0.1:1/stowage-test/missing:1.0', memory: 32 },
      ],
    });
    const taskArn = await runOne(plane, 'unpullable');
    const stopped = await waitForTask(plane, taskArn, isStopped);
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toMatch(/^CannotPullContainerError: /);
  });

  it('a control plane restarted on the same state adopts the running task, and a lost container is started afresh', async () => {
    await plane.registerTaskDefinition({
      family: 'sleeper',
      containerDefinitions: [{ name: 'app', image: sleeperImage, memory: 32 }],
    });
    const adoptedArn = await runOne(plane, 'sleeper');
    const lostArn = await runOne(plane, 'sleeper');
    const adopted = await waitForTask(plane, adoptedArn, isRunning);
    const lost = await waitForTask(plane, lostArn, isRunning);
    plane.dispose();
    runtime.close();
    const lostId = lost.containers?.[0]?.runtimeId ?? '';
    await docker(['rm', '--force', lostId]);

    runtime = dockerRuntime();
    plane = controlPlane(runtime, plane.state);
    const adoptedId = adopted.containers?.[0]?.runtimeId ?? '';
    await plane.tick();
    expect((await describeTask(plane, adoptedArn)).containers?.[0]?.runtimeId).toBe(adoptedId);
    const restarted = await waitForTask(
      plane,
      lostArn,
      (task) => isRunning(task) && task.containers?.[0]?.runtimeId !== lostId,
    );
    expect(restarted.containers?.[0]?.lastStatus).toBe('RUNNING');
    // Adopted, not started again: the task still has its one container.
    const adoptedContainers = await docker([
      'ps',
      '-aq',
      '--no-trunc',
      '--filter',
      `label=com.amazonaws.ecs.task-arn=${adoptedArn}`,
    ]);
    expect(adoptedContainers).toBe(adoptedId);

    // The adopted container's exit still reaches the new control plane.
    await docker(['kill', adoptedId]);
    const stopped = await waitForTask(plane, adoptedArn, isStopped);
    expect(stopped.containers?.[0]?.exitCode).toBe(137);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
  });

  it('says a task it has no containers for is gone, and forgetting a task removes its containers', async () => {
    const events: string[] = [];
    const unsubscribe = runtime.onEvent((event) => events.push(`${event.kind} ${event.taskArn}`));
    const ghost = `arn:aws:ecs:us-east-1:000000000000:task/${cluster}/${'0'.repeat(32)}`;
    runtime.stopTask(ghost, 0);
    await waitFor(() => events.includes(`task.gone ${ghost}`), {
      what: () => `task.gone for ${ghost}; events seen: ${events.join(', ')}`,
      timeoutMs: 10_000,
    });
    unsubscribe();

    const taskArn = await runOne(plane, 'sleeper');
    await waitForTask(plane, taskArn, isRunning);
    await plane.stopTask({ cluster, task: taskArn });
    const stopped = await waitForTask(plane, taskArn, isStopped);
    // The fixture honours SIGTERM: it exits 0 well before its stop timeout.
    expect(stopped.containers?.[0]?.exitCode).toBe(0);
    const listTaskContainers = () =>
      docker(['ps', '-aq', '--filter', `label=com.amazonaws.ecs.task-arn=${taskArn}`]);
    expect(await listTaskContainers()).not.toBe('');
    runtime.forgetTask(taskArn);
    await waitFor(async () => (await listTaskContainers()) === '', {
      what: `the containers of ${taskArn} to be removed`,
      timeoutMs: 10_000,
    });
  });
});
