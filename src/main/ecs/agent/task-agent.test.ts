import { request } from 'node:http';
import type { Task } from '@aws-sdk/client-ecs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeTaskSpec } from '../control-plane/core/runtime-port';
import { TaskAgent } from './task-agent';
import { executionRole, seededBytes, startClock, taskRole } from './test-support';

const cluster = 'arn:aws:ecs:us-east-1:123456789012:cluster/c';
const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/c/0123456789abcdef';
const otherTask = 'arn:aws:ecs:us-east-1:123456789012:task/c/fedcba9876543210';
const dockerId = 'd'.repeat(64);

const spec = (arn: string, roles = true): RuntimeTaskSpec => ({
  taskArn: arn,
  clusterArn: cluster,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:3',
  family: 'orders',
  revision: 3,
  networkMode: 'bridge',
  containerInstanceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/c/i1',
  ...(roles ? { taskRoleArn: taskRole, executionRoleArn: executionRole } : {}),
  containers: [
    { name: 'web', containerArn: 'arn:c/web', definition: {}, essential: true, portMappings: [] },
  ],
});

const describedTask: Task = {
  taskArn,
  clusterArn: cluster,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:3',
  desiredStatus: 'RUNNING',
  lastStatus: 'RUNNING',
  launchType: 'EC2',
  availabilityZone: 'us-east-1a',
  cpu: '256',
  memory: '512',
  containers: [
    { name: 'web', lastStatus: 'RUNNING', cpu: '128', memory: '64', containerArn: 'arn:c/web' },
  ],
};

const inspected = {
  Id: dockerId,
  Name: '/ecs-orders-3-web-0123456789abcdef',
  Image: 'sha256:feed',
  Created: '2026-01-01T00:00:01.000Z',
  State: { StartedAt: '2026-01-01T00:00:02.000Z' },
  Config: {
    Image: 'busybox',
    Labels: { 'com.amazonaws.ecs.container-name': 'web', 'com.amazonaws.ecs.task-arn': taskArn },
  },
  NetworkSettings: {
    Networks: {
      'stowage-ecs-c': { IPAddress: '172.20.0.5', IPPrefixLen: 16, Gateway: '172.20.0.1' },
      'stowage-ecs-agent': { IPAddress: '169.254.170.3', IPPrefixLen: 24 },
    },
  },
};

/** The engine as far as the agent asks it: one container of the task, with its stats. */
const fakeDocker = {
  listContainers: async () => [{ Id: dockerId }],
  getContainer: () => ({
    inspect: async () => inspected,
    stats: async () => ({ cpu_stats: { online_cpus: 2 }, memory_stats: { usage: 1024 } }),
  }),
} as unknown as Docker;

let agent: TaskAgent | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await agent?.close();
  agent = undefined;
});

/** An agent on loopback that takes every caller for `caller`. */
function loopbackAgent(caller: () => string | undefined, port = 0) {
  agent = new TaskAgent({
    docker: () => fakeDocker,
    clock: startClock(),
    randomBytes: seededBytes(),
    describeTask: async (_cluster, arn) => (arn === taskArn ? describedTask : undefined),
    listen: { host: '127.0.0.1', port },
    callerTaskOf: async () => caller(),
  });
  return agent;
}

function envOf(lines: string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = request(url, { headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the container agent on its HTTP edge', () => {
  it("gives an AWS SDK's default chain the task role through the task's environment", async () => {
    const tasks = loopbackAgent(() => taskArn);
    const env = envOf((await tasks.attach(spec(taskArn)))!.environmentOf('web'));
    expect(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).toBeUndefined();
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v2\/credentials\/[0-9a-f-]{36}$/,
    );
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
    const credentials = await defaultProvider()();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.sessionToken).toBeTruthy();
    expect(tasks.identify(credentials.accessKeyId, credentials.sessionToken)?.arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/orders-reader/0123456789abcdef',
    );
    const view = tasks.view(taskArn);
    expect(view.roles.find((r) => r.kind === 'task')?.accessKeyId).toBe(credentials.accessKeyId);
    expect(view.requests.map((r) => r.status)).toContain(200);
  });

  it('answers the documented metadata shapes for the calling task', async () => {
    const tasks = loopbackAgent(() => taskArn);
    const env = envOf((await tasks.attach(spec(taskArn)))!.environmentOf('web'));
    const uri = env.ECS_CONTAINER_METADATA_URI_V4 ?? '';
    expect(env.ECS_CONTAINER_METADATA_URI).toBe(uri.replace('/v4/', '/v3/'));
    expect(env.AWS_EXECUTION_ENV).toBe('AWS_ECS_EC2');

    const container = await get(uri);
    expect(container.status).toBe(200);
    expect(container.json).toEqual({
      DockerId: dockerId,
      Name: 'web',
      DockerName: 'ecs-orders-3-web-0123456789abcdef',
      Image: 'busybox',
      ImageID: 'sha256:feed',
      Labels: inspected.Config.Labels,
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 128, Memory: 64 },
      CreatedAt: '2026-01-01T00:00:01.000Z',
      StartedAt: '2026-01-01T00:00:02.000Z',
      Type: 'NORMAL',
      ContainerARN: 'arn:c/web',
      Networks: [{ NetworkMode: 'stowage-ecs-c', IPv4Addresses: ['172.20.0.5'] }],
    });
    const task = await get(`${uri}/task`);
    expect(task.json).toMatchObject({
      Cluster: cluster,
      TaskARN: taskArn,
      Family: 'orders',
      Revision: '3',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.25, Memory: 512 },
      AvailabilityZone: 'us-east-1a',
      LaunchType: 'EC2',
      Containers: [{ DockerId: dockerId, Name: 'web' }],
    });
    expect((await get(`${uri}/stats`)).json).toMatchObject({ memory_stats: { usage: 1024 } });
    expect((await get(`${uri}/task/stats`)).json).toMatchObject({
      [dockerId]: { cpu_stats: { online_cpus: 2 } },
    });
  });

  it("refuses another task, callers that are no task, web pages, and a stopped task's credentials", async () => {
    let caller: string | undefined = taskArn;
    const tasks = loopbackAgent(() => caller);
    const env = envOf((await tasks.attach(spec(taskArn)))!.environmentOf('web'));
    await tasks.attach(spec(otherTask, false));
    const credentialsUri = env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '';
    const metadataUri = env.ECS_CONTAINER_METADATA_URI_V4 ?? '';
    expect((await get(credentialsUri)).status).toBe(200);
    expect((await get(credentialsUri, { Origin: 'http://evil.example' })).status).toBe(403);

    caller = otherTask;
    expect((await get(credentialsUri)).status).toBe(403);
    expect((await get(metadataUri)).status).toBe(403);
    caller = undefined;
    expect((await get(metadataUri)).status).toBe(403);

    caller = taskArn;
    tasks.release(taskArn);
    expect((await get(credentialsUri)).status).toBe(403);
    expect((await get(metadataUri)).status).toBe(403);
    expect(tasks.view(taskArn).roles).toEqual([]);
  });

  it('serves again, after a restart, the URIs the running container was given', async () => {
    const before = loopbackAgent(() => taskArn);
    const environment = (await before.attach(spec(taskArn)))!.environmentOf('web');
    const env = envOf(environment);
    const port = Number(new URL(env.ECS_CONTAINER_METADATA_URI_V4 ?? '').port);
    await before.close();

    // The app starts again: a new agent on the same address, told of the running container.
    const after = loopbackAgent(() => taskArn, port);
    await after.endpoint();
    expect((await get(env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '')).status).toBe(403);
    await after.adopt(spec(taskArn), [{ name: 'web', environment }]);
    const credentials = await get(env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '');
    expect(credentials.status).toBe(200);
    expect(credentials.json).toMatchObject({ RoleArn: taskRole });
    const metadata = await get(env.ECS_CONTAINER_METADATA_URI_V4 ?? '');
    expect(metadata).toMatchObject({ status: 200, json: { DockerId: dockerId, Name: 'web' } });
    expect(after.view(taskArn)).toMatchObject({ served: true });
    // A container started for the task after the restart is given the same URIs.
    expect((await after.attach(spec(taskArn)))!.environmentOf('web')).toEqual(environment);
  });

  it('gives no credentials variable to a task without a task role', async () => {
    const tasks = loopbackAgent(() => taskArn);
    const env = envOf((await tasks.attach(spec(taskArn, false)))!.environmentOf('web'));
    expect(Object.keys(env).filter((name) => name.startsWith('AWS_CONTAINER_'))).toEqual([]);
    expect(env.ECS_CONTAINER_METADATA_URI_V4).toBeDefined();
  });
});
