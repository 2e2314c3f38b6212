import type { Task } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { apiError, createPlane, prefix, start, web } from '../test-support';

async function ec2Cluster() {
  const setup = createPlane();
  await setup.plane.createCluster();
  const [instance] = await setup.plane.launchInstances({ instanceType: 'm5.large' });
  await setup.plane.registerTaskDefinition(web);
  const statuses = new Map<string, string[]>();
  setup.plane.subscribe((changes) => {
    for (const change of changes) {
      if (change.kind !== 'task.put') continue;
      const seen = statuses.get(change.task.taskArn) ?? [];
      if (seen.at(-1) !== change.task.lastStatus) seen.push(change.task.lastStatus);
      statuses.set(change.task.taskArn, seen);
    }
  });
  const describeTask = async (arn: string): Promise<Task> =>
    (await setup.plane.describeTasks({ tasks: [arn] })).tasks?.[0] ?? {};
  return { ...setup, instanceArn: instance?.containerInstanceArn ?? '', statuses, describeTask };
}

describe('task lifecycle', () => {
  it('runs a bridge task PENDING → ACTIVATING → RUNNING and stops it through every status with timestamps', async () => {
    const { plane, run, statuses, describeTask, instanceArn } = await ec2Cluster();
    const { tasks, failures } = await plane.runTask({ taskDefinition: 'web', startedBy: 'me' });
    expect(failures).toEqual([]);
    const created = tasks?.[0] ?? {};
    const arn = created.taskArn ?? '';
    expect(arn).toMatch(new RegExp(`^${prefix}task/default/[0-9a-f]{32}$`));
    expect(created).toMatchObject({
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      version: 1,
      group: 'family:web',
      startedBy: 'me',
      launchType: 'EC2',
      containerInstanceArn: instanceArn,
      availabilityZone: 'us-east-1a',
      createdAt: new Date(start),
      taskDefinitionArn: `${prefix}task-definition/web:1`,
    });
    expect(created.containers?.[0]?.containerArn).toMatch(
      new RegExp(`^${prefix}container/default/${arn.split('/').at(-1)}/[0-9a-f-]{36}$`),
    );

    await run(3_500);
    const running = await describeTask(arn);
    expect(running.lastStatus).toBe('RUNNING');
    expect(running.pullStartedAt).toEqual(new Date(start));
    expect(running.pullStoppedAt).toEqual(new Date(start + 2_000));
    expect(running.startedAt?.getTime()).toBeGreaterThanOrEqual(start + 3_000);
    const container = running.containers?.[0];
    expect(container?.runtimeId).toMatch(/^[0-9a-f]{64}$/);
    expect(container?.lastStatus).toBe('RUNNING');
    expect(container?.networkBindings).toEqual([
      { bindIP: '0.0.0.0', containerPort: 80, hostPort: 49153, protocol: 'tcp' },
    ]);

    const stopped = await plane.stopTask({ task: arn, reason: 'rolling back' });
    expect(stopped.task).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'rolling back',
    });
    await run(2_000);
    const done = await describeTask(arn);
    expect(done).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
    expect(done.containers?.[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    for (const field of ['stoppingAt', 'executionStoppedAt', 'stoppedAt'] as const) {
      expect(done[field]).toBeInstanceOf(Date);
    }
    expect(done.stoppedAt?.getTime()).toBeGreaterThanOrEqual(
      done.executionStoppedAt?.getTime() ?? Infinity,
    );
    expect(statuses.get(arn)).toEqual([
      'PENDING',
      'ACTIVATING',
      'RUNNING',
      'DEACTIVATING',
      'STOPPING',
      'STOPPED',
    ]);
    expect(done.version).toBeGreaterThan(running.version ?? 0);
    expect(running.version).toBeGreaterThan(1);
  });

  it('says "Task stopped by user" without a reason and keeps stopped tasks an hour', async () => {
    const { plane, run, describeTask } = await ec2Cluster();
    const arn = (await plane.runTask({ taskDefinition: 'web' })).tasks?.[0]?.taskArn ?? '';
    await plane.stopTask({ task: arn.split('/').at(-1) ?? '' });
    await run(1_000);
    expect(await describeTask(arn)).toMatchObject({
      lastStatus: 'STOPPED',
      stoppedReason: 'Task stopped by user',
    });
    await run(59 * 60 * 1_000, 60_000);
    expect((await describeTask(arn)).lastStatus).toBe('STOPPED');
    await run(2 * 60 * 1_000, 60_000);
    expect((await plane.describeTasks({ tasks: [arn] })).failures).toEqual([
      { arn, reason: 'MISSING' },
    ]);
    await apiError(
      plane.stopTask({ task: arn }),
      'InvalidParameterException',
      'The referenced task was not found.',
    );
  });

  it('stops the task when an essential container exits, with its exit code', async () => {
    const { plane, run, runtime, describeTask } = await ec2Cluster();
    const arn = (await plane.runTask({ taskDefinition: 'web' })).tasks?.[0]?.taskArn ?? '';
    await run(3_500);
    expect(runtime.exitContainer(arn, 'app', 3)).toBe(true);
    await run(1_000);
    const task = await describeTask(arn);
    expect(task).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    });
    expect(task.containers?.[0]?.exitCode).toBe(3);
  });

  it('fails a task whose image cannot be pulled with TaskFailedToStart', async () => {
    const { plane, run, runtime, describeTask } = await ec2Cluster();
    runtime.failPullsOf('nginx');
    const arn = (await plane.runTask({ taskDefinition: 'web' })).tasks?.[0]?.taskArn ?? '';
    await run(3_000);
    const task = await describeTask(arn);
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(task.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(task.startedAt).toBeUndefined();
  });

  it('kills a container that ignores SIGTERM after stopTimeout', async () => {
    const { plane, run, runtime, describeTask } = await ec2Cluster();
    await plane.registerTaskDefinition({
      family: 'slow',
      containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64, stopTimeout: 5 }],
    });
    const arn = (await plane.runTask({ taskDefinition: 'slow' })).tasks?.[0]?.taskArn ?? '';
    await run(3_500);
    runtime.ignoreSigterm(arn, 'app');
    await plane.stopTask({ task: arn });
    await run(4_000);
    expect((await describeTask(arn)).lastStatus).toBe('STOPPING');
    await run(2_000);
    const task = await describeTask(arn);
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.containers?.[0]?.exitCode).toBe(137);
  });

  it('applies container overrides and reserves what they ask for', async () => {
    const { plane, describeTask } = await ec2Cluster();
    const { tasks } = await plane.runTask({
      taskDefinition: 'web',
      overrides: { containerOverrides: [{ name: 'app', memory: 1024, command: ['run'] }] },
    });
    const task = await describeTask(tasks?.[0]?.taskArn ?? '');
    expect(task.overrides?.containerOverrides).toEqual([
      { name: 'app', memory: 1024, command: ['run'] },
    ]);
    expect(task.containers?.[0]?.memory).toBe('1024');
    await apiError(
      plane.runTask({
        taskDefinition: 'web',
        overrides: { containerOverrides: [{ name: 'other' }] },
      }),
      'InvalidParameterException',
      'Override for container named other is not a container in the TaskDefinition.',
    );
  });
});

describe('RunTask and StartTask', () => {
  it('validates count, launch type, definition status and network configuration', async () => {
    const { plane } = await ec2Cluster();
    await apiError(
      plane.runTask({ taskDefinition: 'web', count: 11 }),
      'InvalidParameterException',
      'count must be between 1 and 10.',
    );
    await apiError(plane.runTask({ taskDefinition: 'web', count: 0 }), 'InvalidParameterException');
    await apiError(plane.runTask({} as never), 'InvalidParameterException', /'taskDefinition'/);
    await apiError(
      plane.runTask({ taskDefinition: 'web', launchType: 'FARGATE' }),
      'InvalidParameterException',
      'Task definition does not support launch_type FARGATE.',
    );
    await apiError(
      plane.runTask({ taskDefinition: 'web', cluster: 'ghost' }),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
    await plane.deregisterTaskDefinition({ taskDefinition: 'web:1' });
    await apiError(
      plane.runTask({ taskDefinition: 'web:1' }),
      'ClientException',
      'TaskDefinition is inactive',
    );
  });

  it('lists unplaceable tasks as failures with the resource that is short', async () => {
    const { plane, instanceArn } = await ec2Cluster();
    await plane.registerTaskDefinition({
      family: 'big',
      containerDefinitions: [{ name: 'app', image: 'x', memory: 3000 }],
    });
    const result = await plane.runTask({ taskDefinition: 'big', count: 3 });
    expect(result.tasks).toHaveLength(2);
    expect(result.failures).toEqual([{ arn: instanceArn, reason: 'RESOURCE:MEMORY' }]);
    await apiError(
      plane.runTask({ taskDefinition: 'web', placementConstraints: [{ type: 'bogus' as never }] }),
      'InvalidParameterException',
    );
  });

  it('starts tasks on the named instances and reports the missing ones', async () => {
    const { plane, instanceArn } = await ec2Cluster();
    const result = await plane.startTask({
      taskDefinition: 'web',
      containerInstances: [instanceArn, 'f'.repeat(32)],
    });
    expect(result.tasks?.map((t) => t.containerInstanceArn)).toEqual([instanceArn]);
    expect(result.failures).toEqual([{ arn: 'f'.repeat(32), reason: 'MISSING' }]);
  });

  it('runs Fargate tasks without instances, spread over the subnets’ zones, each with an ENI', async () => {
    const { plane, run, statuses, describeTask } = await ec2Cluster();
    await plane.registerTaskDefinition({
      family: 'svc',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'nginx', portMappings: [{ containerPort: 80 }] },
      ],
    });
    await apiError(
      plane.runTask({ taskDefinition: 'svc', launchType: 'FARGATE' }),
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
    const { tasks } = await plane.runTask({
      taskDefinition: 'svc',
      launchType: 'FARGATE',
      count: 3,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-a1', 'subnet-b2', 'subnet-c3'] },
      },
    });
    expect(tasks?.map((t) => t.lastStatus)).toEqual([
      'PROVISIONING',
      'PROVISIONING',
      'PROVISIONING',
    ]);
    expect(new Set(tasks?.map((t) => t.availabilityZone)).size).toBeGreaterThan(1);
    for (const task of tasks ?? []) {
      expect(task.containerInstanceArn).toBeUndefined();
      expect(task.platformVersion).toBe('1.4.0');
      const details = Object.fromEntries(
        (task.attachments?.[0]?.details ?? []).map((d) => [d.name, d.value]),
      );
      expect(details.privateIPv4Address).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(task.attachments?.[0]).toMatchObject({
        type: 'ElasticNetworkInterface',
        status: 'PRECREATED',
      });
      expect(task.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address).toBe(
        details.privateIPv4Address,
      );
    }
    const ips = tasks?.map(
      (t) => t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value,
    );
    expect(new Set(ips).size).toBe(3);
    const arn = tasks?.[0]?.taskArn ?? '';
    await run(5_000);
    expect((await describeTask(arn)).attachments?.[0]?.status).toBe('ATTACHED');
    await plane.stopTask({ task: arn });
    await run(3_000);
    expect(statuses.get(arn)).toEqual([
      'PROVISIONING',
      'PENDING',
      'ACTIVATING',
      'RUNNING',
      'DEACTIVATING',
      'STOPPING',
      'DEPROVISIONING',
      'STOPPED',
    ]);
    expect((await describeTask(arn)).attachments?.[0]?.status).toBe('DELETED');
  });
});

describe('ListTasks', () => {
  it('lists RUNNING-desired tasks by default and filters by family, instance, startedBy, launch type', async () => {
    const { plane, instanceArn } = await ec2Cluster();
    await plane.registerTaskDefinition({ ...web, family: 'other' });
    const a =
      (await plane.runTask({ taskDefinition: 'web', startedBy: 'ci', count: 2 })).tasks ?? [];
    const b = (await plane.runTask({ taskDefinition: 'other' })).tasks ?? [];
    await plane.stopTask({ task: a[1]?.taskArn ?? '' });
    const list = async (input: object) => ((await plane.listTasks(input)).taskArns ?? []).sort();
    const arnsOf = (tasks: Task[]) => tasks.map((t) => t.taskArn ?? '').sort();
    expect(await list({})).toEqual(arnsOf([a[0] ?? {}, ...b]));
    expect(await list({ desiredStatus: 'STOPPED' })).toEqual(arnsOf([a[1] ?? {}]));
    expect(await list({ family: 'other' })).toEqual(arnsOf(b));
    expect(await list({ startedBy: 'ci' })).toEqual(arnsOf([a[0] ?? {}]));
    expect(await list({ containerInstance: instanceArn.split('/').at(-1) })).toHaveLength(2);
    expect(await list({ launchType: 'FARGATE' })).toEqual([]);
    expect(await list({ serviceName: 'none' })).toEqual([]);
    const page = await plane.listTasks({ maxResults: 1 });
    expect(page.taskArns).toHaveLength(1);
    expect(
      (await plane.listTasks({ maxResults: 1, nextToken: page.nextToken })).nextToken,
    ).toBeUndefined();
  });
});
