import type { Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { connectEngine, systemEndpointSources } from '../../docker/connection/engine';
import { systemClock } from '../../lib/clock';
import { EcsControlPlane } from '../control-plane/core/control-plane';
import { createDockerRuntime, type DockerRuntime } from '../runtime/docker-runtime';
import { TaskAgent } from './task-agent';
import { imdsTokenScript, whoAmIInTask } from './whoami';

const fixtures = inject('fixtureImages');
const image = 'stowage-test/fixture:1.0';
const cluster = `stowage-agent-${Date.now().toString(36)}`;
const taskRole = 'arn:aws:iam::000000000000:role/orders-reader';
const executionRole = 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole';
const instanceRole = 'arn:aws:iam::000000000000:role/ecsInstanceRole';
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

/** Runs a shell line in a container; its stdout, and `rc=<exit code>` as its last line. */
function shellIn(containerId: string, line: string): Promise<string> {
  return docker(['exec', containerId, 'sh', '-c', `${line}; echo "rc=$?"`]);
}

function jsonBefore(output: string): unknown {
  expect(output.trim().endsWith('rc=0'), output).toBe(true);
  return JSON.parse(output.slice(0, output.lastIndexOf('rc=')));
}

describe('the container agent inside Docker tasks', () => {
  let agent: TaskAgent;
  let runtime: DockerRuntime;
  let plane: EcsControlPlane;

  const waitForTask = (taskArn: string, done: (task: Task) => boolean) => {
    let task: Task = {};
    return waitFor(
      async () => {
        task = (await plane.describeTasks({ cluster, tasks: [taskArn] })).tasks?.[0] ?? {};
        return done(task) ? task : undefined;
      },
      { what: () => `task ${taskArn}: ${JSON.stringify(task)}`, timeoutMs: 30_000 },
    );
  };
  const running = (task: Task) => task.lastStatus === 'RUNNING';
  const whoAmI = (taskArn: string) =>
    whoAmIInTask(
      engine.docker(),
      taskArn,
      (key, token) => agent.identify(key, token),
      new AbortController().signal,
    );

  beforeAll(async () => {
    expect(fixtures.fixture.tags).toContain(image);
    agent = new TaskAgent({
      docker: () => engine.docker(),
      clock: systemClock,
      extraLabels: labels,
      describeTask: async (taskCluster, taskArn) =>
        (await plane.describeTasks({ cluster: taskCluster, tasks: [taskArn] })).tasks?.[0],
      describeInstance: async (instanceCluster, instance) =>
        (
          await plane.describeContainerInstances({
            cluster: instanceCluster,
            containerInstances: [instance],
          })
        ).containerInstances?.[0],
    });
    runtime = createDockerRuntime({ engine, clock: systemClock, extraLabels: labels, agent });
    plane = new EcsControlPlane({
      clock: systemClock,
      runtime,
      reconcileIntervalMs: 100,
      onError: (error) => console.error(error),
    });
    await plane.createCluster({ clusterName: cluster });
    await plane.launchInstances({
      cluster,
      instanceType: 'm5.large',
      instanceRoleArn: instanceRole,
    });
    await plane.registerTaskDefinition({
      family: 'reader',
      taskRoleArn: taskRole,
      executionRoleArn: executionRole,
      // The fixture's command exits on SIGTERM; `sleep` as PID 1 waits for the stop timeout.
      containerDefinitions: [
        { name: 'app', image, memory: 32, command: ['sleep', '600'], stopTimeout: 20 },
      ],
    });
    await plane.registerTaskDefinition({
      family: 'neighbour',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image }],
    });
    await plane.registerTaskDefinition({
      family: 'vpc-ec2',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [{ name: 'app', image, memory: 32 }],
    });
    await plane.registerTaskDefinition({
      family: 'roleless',
      containerDefinitions: [{ name: 'app', image, memory: 32 }],
    });
  });

  afterAll(async () => {
    plane.dispose();
    runtime.close();
    await agent.close();
  });

  it('serves a task its own metadata and task role, refuses them to a neighbour, and ends them at StopTask', async () => {
    const reader = (await plane.runTask({ cluster, taskDefinition: 'reader' })).tasks?.[0];
    const neighbour = (
      await plane.runTask({
        cluster,
        taskDefinition: 'neighbour',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
      })
    ).tasks?.[0];
    const readerArn = reader?.taskArn ?? '';
    const neighbourArn = neighbour?.taskArn ?? '';
    const readerTask = await waitForTask(readerArn, running);
    const neighbourTask = await waitForTask(neighbourArn, running);
    const readerId = readerTask.containers?.[0]?.runtimeId ?? '';
    const neighbourId = neighbourTask.containers?.[0]?.runtimeId ?? '';

    // The reader's metadata, read with wget inside its container.
    const container = jsonBefore(
      await shellIn(readerId, 'wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4"'),
    ) as { DockerId: string; Name: string; Networks: { IPv4Addresses: string[] }[] };
    const address = await docker([
      'inspect',
      '--format',
      `{{(index .NetworkSettings.Networks "stowage-ecs-${cluster}").IPAddress}}`,
      readerId,
    ]);
    expect(container.DockerId).toBe(readerId);
    expect(container.Name).toBe('app');
    expect(container.Networks).toEqual([
      { NetworkMode: `stowage-ecs-${cluster}`, IPv4Addresses: [address] },
    ]);
    const task = jsonBefore(
      await shellIn(readerId, 'wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task"'),
    ) as { TaskARN: string; Family: string; LaunchType: string; Containers: unknown[] };
    expect(task).toMatchObject({ TaskARN: readerArn, Family: 'reader', LaunchType: 'EC2' });
    expect(task.Containers).toHaveLength(1);

    // Its task role, never its execution role.
    const credentials = jsonBefore(await shellIn(readerId, `wget -q -O - "${credentialsUrl}"`)) as {
      RoleArn: string;
      AccessKeyId: string;
      Token: string;
      Expiration: string;
    };
    expect(credentials.RoleArn).toBe(taskRole);
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(Date.parse(credentials.Expiration)).toBeGreaterThan(Date.now());
    expect(agent.identify(credentials.AccessKeyId, credentials.Token)?.arn).toBe(
      `arn:aws:sts::000000000000:assumed-role/orders-reader/${readerArn.split('/').pop()}`,
    );
    expect(await whoAmI(readerArn)).toEqual({
      source: 'task-role',
      arn: `arn:aws:sts::000000000000:assumed-role/orders-reader/${readerArn.split('/').pop()}`,
      account: '000000000000',
    });
    const environment = await docker(['inspect', '--format', '{{json .Config.Env}}', readerId]);
    const executionGrant = agent.book.executionRoleGrantOf(readerArn) ?? '';
    expect(executionGrant).not.toBe('');
    expect(environment).not.toContain(executionGrant);
    const readerCredentialsUri = await shellIn(readerId, `echo "${credentialsUrl}"`);
    const uri = readerCredentialsUri.split('\n')[0] ?? '';
    const executionUri = uri.replace(/credentials\/[0-9a-f-]+/, `credentials/${executionGrant}`);
    expect(await shellIn(readerId, `wget -q -O - "${executionUri}"`)).toMatch(/rc=1$/);

    // The awsvpc neighbour reads its own metadata (its task address) but not the reader's.
    const own = jsonBefore(
      await shellIn(neighbourId, 'wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4"'),
    ) as { Networks: { NetworkMode: string; IPv4Addresses: string[] }[] };
    const neighbourAddress =
      neighbourTask.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address;
    expect(own.Networks[0]).toMatchObject({
      NetworkMode: 'awsvpc',
      IPv4Addresses: [neighbourAddress],
    });
    expect(await shellIn(neighbourId, `wget -q -O - "${uri}"`)).toMatch(/rc=1$/);
    expect(
      await shellIn(neighbourId, 'echo "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-none}"'),
    ).toMatch(/^none\n/);
    const readerMetadata = (await shellIn(readerId, 'echo "$ECS_CONTAINER_METADATA_URI_V4"')).split(
      '\n',
    )[0];
    expect(await shellIn(neighbourId, `wget -q -O - "${readerMetadata}"`)).toMatch(/rc=1$/);

    // StopTask: the credentials stop working while the container is still in its stop timeout.
    await plane.stopTask({ cluster, task: readerArn });
    await waitFor(
      async () =>
        /rc=1$/.test(await shellIn(readerId, `wget -q -O - "${uri}"`)) ? true : undefined,
      { what: "the stopping task's credentials to be refused", timeoutMs: 10_000 },
    );
    expect(agent.identify(credentials.AccessKeyId, credentials.Token)).toBeUndefined();
    const log = agent.view(readerArn).requests;
    expect(log.map((r) => r.status)).toEqual(expect.arrayContaining([200, 403]));
    expect(JSON.stringify(log)).not.toContain(uri.split('/').pop() ?? 'x');
    await plane.stopTask({ cluster, task: neighbourArn });
  });

  it('serves an EC2 task its instance role through IMDSv2, and a Fargate task no instance metadata', async () => {
    // Not `wget -T`: this busybox is built without it and dies of SIGSEGV on the option.
    const imds = (token: string) =>
      `timeout 10 wget -q -O - --header "X-aws-ec2-metadata-token: ${token}" http://169.254.169.254/latest/meta-data`;
    const ec2 = (await plane.runTask({ cluster, taskDefinition: 'roleless' })).tasks?.[0];
    const ec2Task = await waitForTask(ec2?.taskArn ?? '', running);
    const ec2Id = ec2Task.containers?.[0]?.runtimeId ?? '';
    const instance = (
      await plane.describeContainerInstances({
        cluster,
        containerInstances: [ec2Task.containerInstanceArn ?? ''],
      })
    ).containerInstances?.[0];
    const output = await shellIn(
      ec2Id,
      `${imdsTokenScript}; ${imds('$t')}/instance-id; echo; ${imds('$t')}/iam/security-credentials/ecsInstanceRole`,
    );
    const seen = JSON.stringify(agent.view(ec2?.taskArn ?? ''));
    expect(output.trim().endsWith('rc=0'), `${output} ${seen}`).toBe(true);
    const [instanceId, ...roleLines] = output.split('\n');
    expect(instanceId).toBe(instance?.ec2InstanceId);
    const role = jsonBefore(roleLines.join('\n')) as { AccessKeyId: string; Token: string };
    const instanceRoleArn = `arn:aws:sts::000000000000:assumed-role/ecsInstanceRole/${instance?.ec2InstanceId}`;
    expect(agent.identify(role.AccessKeyId, role.Token)?.arn).toBe(instanceRoleArn);
    // The who-am-I check, run in the container: no task role, so the SDK's chain falls back to IMDS.
    expect(await whoAmI(ec2?.taskArn ?? '')).toEqual({
      source: 'instance-role',
      arn: instanceRoleArn,
      account: '000000000000',
    });

    const fargate = (
      await plane.runTask({
        cluster,
        taskDefinition: 'neighbour',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
      })
    ).tasks?.[0];
    const fargateTask = await waitForTask(fargate?.taskArn ?? '', running);
    const fargateId = fargateTask.containers?.[0]?.runtimeId ?? '';
    const refused = await shellIn(fargateId, `${imdsTokenScript}; ${imds('$t')}/instance-id`);
    expect(refused).toMatch(/rc=1$/);
    expect(refused).not.toContain(instance?.ec2InstanceId ?? 'i-');
    expect(await whoAmI(fargate?.taskArn ?? '')).toMatchObject({ source: 'none' });

    // An awsvpc task on an instance whose agent sets ECS_AWSVPC_BLOCK_IMDS gets none either.
    const [blocking] = await plane.launchInstances({
      cluster,
      instanceType: 'm5.large',
      instanceRoleArn: instanceRole,
      awsvpcBlockImds: true,
    });
    const blocked = (
      await plane.startTask({
        cluster,
        taskDefinition: 'vpc-ec2',
        containerInstances: [blocking?.containerInstanceArn ?? ''],
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
      })
    ).tasks?.[0];
    const blockedTask = await waitForTask(blocked?.taskArn ?? '', running);
    expect(blockedTask.containerInstanceArn).toBe(blocking?.containerInstanceArn);
    const blockedId = blockedTask.containers?.[0]?.runtimeId ?? '';
    expect(await shellIn(blockedId, `${imdsTokenScript}; ${imds('$t')}/instance-id`)).toMatch(
      /rc=1$/,
    );
    expect(await whoAmI(blocked?.taskArn ?? '')).toMatchObject({ source: 'none' });
    // Its task metadata still works: only instance metadata is blocked.
    expect(
      await shellIn(blockedId, 'timeout 10 wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4/task"'),
    ).toMatch(/rc=0$/);
    for (const task of [ec2, fargate, blocked]) {
      await plane.stopTask({ cluster, task: task?.taskArn ?? '' });
    }
  });
});
