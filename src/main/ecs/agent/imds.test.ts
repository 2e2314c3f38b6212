import type { ContainerInstance } from '@aws-sdk/client-ecs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../lib/clock';
import { request } from 'node:http';
import {
  awsvpcBlockImdsAttribute,
  instanceRoleAttribute,
} from '../../../shared/contract/ecs-agent';
import type { RuntimeTaskSpec } from '../control-plane/core/runtime-port';
import { CredentialBook } from './credentials';
import { ImdsBook, instanceFactsOf, type InstanceFacts } from './imds';
import { TaskAgent } from './task-agent';
import { seededBytes, startClock } from './test-support';

const instanceRole = 'arn:aws:iam::123456789012:role/ecsInstanceRole';
const instance: InstanceFacts = {
  containerInstanceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/c/i1',
  ec2InstanceId: 'i-0123456789abcdef0',
  instanceType: 'm5.large',
  availabilityZone: 'us-east-1b',
  instanceRoleArn: instanceRole,
  awsvpcBlockImds: false,
};

function imds() {
  const clock = startClock();
  const credentials = new CredentialBook(clock, seededBytes());
  return {
    clock,
    credentials,
    book: new ImdsBook(clock, seededBytes(7), credentials, 'us-east-1'),
  };
}

const headers = (values: Record<string, string>) => (name: string) => values[name.toLowerCase()];

describe('instance metadata (IMDSv2)', () => {
  it('answers the instance and its role only with a token of that instance', () => {
    const { book, credentials } = imds();
    expect(book.answer(instance, 'GET', '/latest/meta-data/instance-id', headers({})).status).toBe(
      401,
    );
    expect(book.answer(instance, 'PUT', '/latest/api/token', headers({})).status).toBe(400);
    const token = book.answer(
      instance,
      'PUT',
      '/latest/api/token',
      headers({ 'x-aws-ec2-metadata-token-ttl-seconds': '60' }),
    ).body;
    const get = (path: string, of = instance) =>
      book.answer(of, 'GET', path, headers({ 'x-aws-ec2-metadata-token': token }));
    expect(get('/latest/meta-data/instance-id').body).toBe('i-0123456789abcdef0');
    expect(get('/latest/meta-data/instance-type').body).toBe('m5.large');
    expect(get('/latest/meta-data/placement/availability-zone').body).toBe('us-east-1b');
    expect(get('/latest/meta-data/iam/security-credentials/').body).toBe('ecsInstanceRole');
    const role = JSON.parse(
      get('/latest/meta-data/iam/security-credentials/ecsInstanceRole').body,
    ) as {
      Code: string;
      AccessKeyId: string;
      Token: string;
    };
    expect(role.Code).toBe('Success');
    expect(credentials.identify(role.AccessKeyId, role.Token)?.arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/ecsInstanceRole/i-0123456789abcdef0',
    );
    const other = { ...instance, containerInstanceArn: `${instance.containerInstanceArn}x` };
    expect(get('/latest/meta-data/instance-id', other).status).toBe(401);
    expect(book.answer(undefined, 'GET', '/latest/meta-data/', headers({})).status).toBe(403);
  });

  it('expires tokens and has no role for an instance without one', () => {
    const { book, clock } = imds();
    const noRole = { ...instance, instanceRoleArn: undefined };
    const token = book.answer(
      noRole,
      'PUT',
      '/latest/api/token',
      headers({ 'x-aws-ec2-metadata-token-ttl-seconds': '5' }),
    ).body;
    const get = (path: string) =>
      book.answer(noRole, 'GET', path, headers({ 'x-aws-ec2-metadata-token': token }));
    expect(get('/latest/meta-data/iam/security-credentials/').status).toBe(404);
    clock.advance(5000);
    expect(get('/latest/meta-data/instance-id').status).toBe(401);
  });

  it('reads the facts of a described container instance', () => {
    const described: ContainerInstance = {
      containerInstanceArn: instance.containerInstanceArn,
      ec2InstanceId: instance.ec2InstanceId,
      attributes: [
        { name: 'ecs.instance-type', value: 'm5.large' },
        { name: 'ecs.availability-zone', value: 'us-east-1b' },
        { name: instanceRoleAttribute, value: instanceRole },
      ],
    };
    expect(instanceFactsOf(described)).toEqual(instance);
    const blocking = [
      ...(described.attributes ?? []),
      { name: awsvpcBlockImdsAttribute, value: 'true' },
    ];
    expect(instanceFactsOf({ ...described, attributes: blocking })?.awsvpcBlockImds).toBe(true);
  });
});

describe('the instance role through the SDK', () => {
  let agent: TaskAgent | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await agent?.close();
  });

  it("resolves the instance role in a task without a task role, through the SDK's default chain", async () => {
    const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/c/0123456789abcdef';
    agent = new TaskAgent({
      docker: () => ({}) as Docker,
      clock: systemClock,
      describeTask: async () => undefined,
      describeInstance: async () => ({
        containerInstanceArn: instance.containerInstanceArn,
        ec2InstanceId: instance.ec2InstanceId,
        attributes: [{ name: instanceRoleAttribute, value: instanceRole }],
      }),
      listen: { host: '127.0.0.1', port: 0 },
      imdsListen: { host: '127.0.0.1', port: 0 },
      callerTaskOf: async () => taskArn,
    });
    const attachment = await agent.attach({
      taskArn,
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/c',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/f:1',
      family: 'f',
      revision: 1,
      networkMode: 'bridge',
      containerInstanceArn: instance.containerInstanceArn,
      containers: [
        { name: 'app', containerArn: 'c', definition: {}, essential: true, portMappings: [] },
      ],
    });
    expect(
      attachment?.environmentOf('app').some((line) => line.startsWith('AWS_CONTAINER_CREDENTIALS')),
    ).toBe(false);
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'false');
    vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', `http://127.0.0.1:${agent.imdsPort()}`);
    const credentials = await defaultProvider()();
    expect(agent.identify(credentials.accessKeyId, credentials.sessionToken)?.arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/ecsInstanceRole/i-0123456789abcdef0',
    );
    const paths = agent.view(taskArn).requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(paths).toContain('PUT imds /latest/api/token 200');
  });
});

/** The status of an IMDSv2 token PUT to the agent's instance metadata listener. */
function putToken(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const put = request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/latest/api/token',
        headers: { Host: `127.0.0.1:${port}`, 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    put.on('error', reject);
    put.end();
  });
}

describe('ECS_AWSVPC_BLOCK_IMDS', () => {
  let agent: TaskAgent | undefined;
  afterEach(async () => {
    await agent?.close();
  });

  const taskSpec = (taskArn: string, networkMode: 'bridge' | 'awsvpc'): RuntimeTaskSpec => ({
    taskArn,
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/c',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/f:1',
    family: 'f',
    revision: 1,
    networkMode,
    containerInstanceArn: instance.containerInstanceArn,
    containers: [
      { name: 'app', containerArn: 'c', definition: {}, essential: true, portMappings: [] },
    ],
  });

  it.each([
    { block: true, awsvpc: 403 },
    { block: false, awsvpc: 200 },
  ])(
    'answers awsvpc tasks $awsvpc when the instance blocks IMDS is $block; bridge tasks always',
    async ({ block, awsvpc }) => {
      const bridgeTask = 'arn:aws:ecs:us-east-1:123456789012:task/c/bbbbbbbbbbbbbbbb';
      const vpcTask = 'arn:aws:ecs:us-east-1:123456789012:task/c/aaaaaaaaaaaaaaaa';
      let caller = bridgeTask;
      agent = new TaskAgent({
        docker: () => ({}) as Docker,
        clock: systemClock,
        describeTask: async () => undefined,
        describeInstance: async () => ({
          containerInstanceArn: instance.containerInstanceArn,
          ec2InstanceId: instance.ec2InstanceId,
          attributes: block ? [{ name: awsvpcBlockImdsAttribute, value: 'true' }] : [],
        }),
        listen: { host: '127.0.0.1', port: 0 },
        imdsListen: { host: '127.0.0.1', port: 0 },
        callerTaskOf: async () => caller,
      });
      await agent.attach(taskSpec(bridgeTask, 'bridge'));
      await agent.attach(taskSpec(vpcTask, 'awsvpc'));
      const port = agent.imdsPort() ?? 0;
      expect(await putToken(port)).toBe(200);
      caller = vpcTask;
      expect(await putToken(port)).toBe(awsvpc);
      expect(agent.view(vpcTask).requests.map((r) => r.status)).toEqual([awsvpc]);
    },
  );
});
