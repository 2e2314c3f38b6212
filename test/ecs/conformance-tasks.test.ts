import {
  ClientException,
  ClusterContainsTasksException,
  CreateClusterCommand,
  DeleteClusterCommand,
  DeregisterContainerInstanceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSServiceException,
  InvalidParameterException,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StartTaskCommand,
  StopTaskCommand,
  paginateListTasks,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
  type ListTasksCommandInput,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startHarness, type Harness } from './harness';

// Tasks through the real SDK on a cluster of two registered instances: RunTask, StartTask,
// StopTask, DescribeTasks, ListTasks with its filters and paginator, and the SDK's waiters
// once simulated time has been moved on.

const waiterTiming = { minDelay: 1, maxDelay: 1, maxWaitTime: 60 };

describe('ECS conformance: tasks', () => {
  let h: Harness;
  let instances: string[];

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(new CreateClusterCommand({ clusterName: 'work' }));
    instances = [];
    for (let i = 0; i < 2; i++) {
      const { containerInstance } = await h.client.send(
        new RegisterContainerInstanceCommand({
          cluster: 'work',
          totalResources: [
            { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
            { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
          ],
        }),
      );
      instances.push(containerInstance?.containerInstanceArn as string);
    }
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'job',
        containerDefinitions: [{ name: 'main', image: 'busybox', memory: 128, cpu: 128 }],
      }),
    );
  });
  afterAll(() => h.close());

  const listAll = async (input: ListTasksCommandInput) => {
    const arns: string[] = [];
    for await (const page of paginateListTasks({ client: h.client, pageSize: 1 }, input)) {
      arns.push(...(page.taskArns ?? []));
    }
    return arns.sort();
  };
  const allTasksAre = async (status: 'RUNNING' | 'STOPPED', tasks: string[]) => {
    const { tasks: described } = await h.client.send(
      new DescribeTasksCommand({ cluster: 'work', tasks }),
    );
    return (
      described?.length === tasks.length && described.every((task) => task.lastStatus === status)
    );
  };

  it('runs tasks PENDING with desiredStatus RUNNING, and the waiter sees them RUNNING', async () => {
    const run = await h.client.send(
      new RunTaskCommand({ cluster: 'work', taskDefinition: 'job', count: 2, startedBy: 'ci' }),
    );
    expect(run.failures).toEqual([]);
    expect(run.tasks).toHaveLength(2);
    for (const task of run.tasks ?? []) {
      expect(task.taskArn).toMatch(/^arn:aws:ecs:us-east-1:000000000000:task\/work\/[0-9a-f]{32}$/);
      expect(['PROVISIONING', 'PENDING']).toContain(task.lastStatus);
      expect(task.desiredStatus).toBe('RUNNING');
      expect(task.group).toBe('family:job');
      expect(task.createdAt).toBeInstanceOf(Date);
      expect(instances).toContain(task.containerInstanceArn);
    }
    const tasks = (run.tasks ?? []).map((task) => task.taskArn as string);
    await h.advanceUntil(() => allTasksAre('RUNNING', tasks), {
      what: 'both tasks RUNNING',
      withinMs: 60_000,
    });
    const waited = await waitUntilTasksRunning(
      { client: h.client, ...waiterTiming },
      { cluster: 'work', tasks },
    );
    expect(waited.state).toBe('SUCCESS');
    const { tasks: described } = await h.client.send(
      new DescribeTasksCommand({ cluster: 'work', tasks }),
    );
    for (const task of described ?? []) {
      expect(task.lastStatus).toBe('RUNNING');
      expect(task.startedAt).toBeInstanceOf(Date);
      expect(task.containers?.[0]?.runtimeId).toBeTruthy();
    }
  });

  it('starts a task on a named instance', async () => {
    const started = await h.client.send(
      new StartTaskCommand({
        cluster: 'work',
        taskDefinition: 'job:1',
        containerInstances: [instances[1] as string],
      }),
    );
    expect(started.tasks?.[0]?.containerInstanceArn).toBe(instances[1]);
  });

  it('lists tasks by family, instance and startedBy, page by page', async () => {
    const all = await listAll({ cluster: 'work' });
    expect(all).toHaveLength(3);
    expect(await listAll({ cluster: 'work', family: 'job' })).toEqual(all);
    expect(await listAll({ cluster: 'work', startedBy: 'ci' })).toHaveLength(2);
    const onSecond = await listAll({ cluster: 'work', containerInstance: instances[1] });
    expect(onSecond.length).toBeGreaterThanOrEqual(1);
    expect(await listAll({ cluster: 'work', family: 'other' })).toEqual([]);
  });

  it('reports what cannot be placed in failures, never dropping it', async () => {
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'huge',
        containerDefinitions: [{ name: 'main', image: 'busybox', memory: 4096 }],
      }),
    );
    const run = await h.client.send(
      new RunTaskCommand({ cluster: 'work', taskDefinition: 'huge' }),
    );
    expect(run.tasks).toEqual([]);
    expect(run.failures?.[0]?.reason).toBe('RESOURCE:MEMORY');
  });

  it('refuses count above 10, an inactive task definition and an empty cluster', async () => {
    await rejection(
      h.client.send(new RunTaskCommand({ cluster: 'work', taskDefinition: 'job', count: 11 })),
      InvalidParameterException,
    );
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'retired',
        containerDefinitions: [{ name: 'main', image: 'busybox', memory: 64 }],
      }),
    );
    await h.client.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retired:1' }));
    await rejection(
      h.client.send(new RunTaskCommand({ cluster: 'work', taskDefinition: 'retired:1' })),
      ClientException,
      /TaskDefinition is inactive/,
    );
    await h.client.send(new CreateClusterCommand({ clusterName: 'empty' }));
    await rejection(
      h.client.send(new RunTaskCommand({ cluster: 'empty', taskDefinition: 'job' })),
      InvalidParameterException,
      /No Container Instances were found in your cluster/,
    );
  });

  it('keeps a cluster with tasks, and an instance with running tasks unless forced', async () => {
    // On Fargate a cluster can hold tasks without holding instances.
    await h.client.send(new CreateClusterCommand({ clusterName: 'serverless' }));
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'lambda-like',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'main', image: 'busybox' }],
      }),
    );
    const fargate = await h.client.send(
      new RunTaskCommand({
        cluster: 'serverless',
        taskDefinition: 'lambda-like',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
      }),
    );
    expect(fargate.tasks?.[0]?.launchType).toBe('FARGATE');
    await rejection(
      h.client.send(new DeleteClusterCommand({ cluster: 'serverless' })),
      ClusterContainsTasksException,
    );
    const refusal = await h.client
      .send(
        new DeregisterContainerInstanceCommand({
          cluster: 'work',
          containerInstance: instances[1],
        }),
      )
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ECSServiceException);
    expect((refusal as Error).message).toMatch(/Found running tasks on the instance/);
  });

  it('stops tasks with the reason given, and the waiter sees them STOPPED', async () => {
    const tasks = await listAll({ cluster: 'work' });
    for (const task of tasks) {
      const stopped = await h.client.send(
        new StopTaskCommand({ cluster: 'work', task, reason: 'done here' }),
      );
      expect(stopped.task?.desiredStatus).toBe('STOPPED');
    }
    await h.advanceUntil(() => allTasksAre('STOPPED', tasks), {
      what: 'every task STOPPED',
      withinMs: 60_000,
    });
    const waited = await waitUntilTasksStopped(
      { client: h.client, ...waiterTiming },
      { cluster: 'work', tasks },
    );
    expect(waited.state).toBe('SUCCESS');
    const { tasks: described } = await h.client.send(
      new DescribeTasksCommand({ cluster: 'work', tasks }),
    );
    for (const task of described ?? []) {
      expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
      expect(task.stoppedReason).toBe('done here');
      expect(task.stoppedAt).toBeInstanceOf(Date);
    }
    expect(await listAll({ cluster: 'work' })).toEqual([]);
    expect(await listAll({ cluster: 'work', desiredStatus: 'STOPPED' })).toEqual(tasks);
  });

  it('describes unknown tasks as MISSING and refuses to stop them', async () => {
    const missing = '0123456789abcdef0123456789abcdef';
    const described = await h.client.send(
      new DescribeTasksCommand({ cluster: 'work', tasks: [missing] }),
    );
    expect(described.failures?.[0]?.reason).toBe('MISSING');
    const refusal = await h.client
      .send(new StopTaskCommand({ cluster: 'work', task: missing }))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ECSServiceException);
    expect((refusal as ECSServiceException).$fault).toBe('client');
  });
});
