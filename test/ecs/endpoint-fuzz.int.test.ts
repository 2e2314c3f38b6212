import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  ListClustersCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsTargetPrefix as targetPrefix } from '../../src/main/ecs/endpoint/ecs-json-service';
import { autoScalingTargetPrefix } from '../../src/main/ecs/endpoint/auto-scaling-json-service';
import { operationApis } from '../../src/main/ecs/control-plane/registry';
import { fuzzSeed, pick, randomString, seededRandom, type Random } from '../fuzz/generate';
import { exchange } from '../fuzz/raw-socket';
import { startEndpointProcess, removeDataDir, type EndpointProcess } from './endpoint-process';
import { fuzzBody, operationSets, type FuzzValues } from './fuzz-bodies';

// Malformed HTTP and generated ECS calls thrown at the real `stowage ecs` process. Every
// answer must be a well-formed AWS result or error (500 only as ServerException), none may
// hang, and after each batch the process is up and answers a normal call.

const bodiesPerSet = 5000;
const maxBodyBytes = 1024 * 1024;
const allowedStatuses = new Set([200, 400, 403, 404, 405, 408, 413, 431, 500]);

interface Answer {
  status: number;
  requestId: string | undefined;
  body: string;
}

describe('ECS endpoint fuzz against a running `stowage ecs`', () => {
  let server: EndpointProcess;
  let client: ECSClient;
  let values: FuzzValues;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const serverExceptions: string[] = [];
  let tried = 0;
  /** Answers expectWellFormed checked (a body past the size cap is refused unread). */
  let checked = 0;

  beforeAll(async () => {
    server = await startEndpointProcess();
    client = new ECSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const { cluster } = await client.send(new CreateClusterCommand({ clusterName: 'fuzz' }));
    const { containerInstance } = await client.send(
      new RegisterContainerInstanceCommand({
        cluster: 'fuzz',
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
        ],
      }),
    );
    const { taskDefinition } = await client.send(
      new RegisterTaskDefinitionCommand({
        family: 'fuzz-td',
        containerDefinitions: [{ name: 'main', image: 'busybox', memory: 64 }],
      }),
    );
    const { tasks } = await client.send(
      new RunTaskCommand({ cluster: 'fuzz', taskDefinition: 'fuzz-td' }),
    );
    await client.send(
      new CreateServiceCommand({
        cluster: 'fuzz',
        serviceName: 'fuzz-svc',
        taskDefinition: 'fuzz-td',
        desiredCount: 1,
      }),
    );
    values = {
      refs: [
        'service/fuzz/fuzz-svc',
        'service/fuzz/nowhere',
        'fuzz',
        'default',
        'nowhere',
        'fuzz-td',
        'fuzz-td:1',
        'fuzz-td:99',
        cluster?.clusterArn,
        containerInstance?.containerInstanceArn,
        taskDefinition?.taskDefinitionArn,
        tasks?.[0]?.taskArn,
        'arn:aws:ecs:us-east-1:000000000000:cluster/',
        'constructor',
        'toString',
        'arn:aws:ecs:eu-west-1:123456789012:task/fuzz/0123456789abcdef0123456789abcdef',
      ].filter((ref): ref is string => ref !== undefined),
    };
  });

  afterAll(async () => {
    console.log(
      `ECS endpoint fuzz: ${tried} inputs tried, ${serverExceptions.length} ServerExceptions`,
    );
    // A ServerException is a well-formed answer, but it means the control plane threw.
    for (const input of serverExceptions.slice(0, 5)) console.log(`ServerException for ${input}`);
    const unexpected = server.output().match(/stowage ecs: .*/g) ?? [];
    for (const line of unexpected.slice(0, 5)) console.log(line);
    agent.destroy();
    client?.destroy();
    const code = await server.stop();
    expect(code).toBe(0);
    expect(server.output()).not.toMatch(/\n\s+at /);
    // A ServerException is well formed, but it means the control plane threw on some input.
    expect(serverExceptions.slice(0, 5)).toEqual([]);
    removeDataDir(server.dataDir);
  });

  async function expectServing(): Promise<void> {
    expect(server.alive()).toBe(true);
    const output = await client.send(new ListClustersCommand({}));
    expect(output.clusterArns).toContain('arn:aws:ecs:us-east-1:000000000000:cluster/fuzz');
  }

  function post(headers: Record<string, string>, body: string): Promise<Answer | 'refused'> {
    const size = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const call = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...headers, 'Content-Length': String(size) },
          timeout: 20_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              requestId: response.headers['x-amzn-requestid'] as string | undefined,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      call.on('timeout', () => call.destroy(new Error('the endpoint did not answer: a hang')));
      // Past the cap the endpoint answers 413 and closes while the body is still being sent.
      call.on('error', (error) => (size > maxBodyBytes ? resolve('refused') : reject(error)));
      call.end(body);
    });
  }

  /**
   * A well-formed AWS answer: a JSON object, or an error with __type and message. Counts the
   * answers it checked, so a test can put a floor under them.
   */
  function expectWellFormed(answer: Answer | 'refused', input: string): void {
    if (answer === 'refused') return;
    checked++;
    const where = `input: ${input.slice(0, 300)}`;
    expect(allowedStatuses.has(answer.status), `${answer.status} for ${where}`).toBe(true);
    expect(answer.requestId, where).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(typeof body, where).toBe('object');
    if (answer.status === 200) return;
    expect(typeof body.__type, where).toBe('string');
    expect(typeof body.message, where).toBe('string');
    expect(answer.body, where).not.toMatch(/\n\s+at /);
    if (answer.status === 500) {
      expect(['ServerException', 'InternalServiceException'], where).toContain(body.__type);
      serverExceptions.push(input.slice(0, 300));
    }
  }

  function amzHeaders(operation: string, random: Random): Record<string, string> {
    return {
      'Content-Type': random() < 0.8 ? 'application/x-amz-json-1.1' : 'application/json',
      'X-Amz-Target':
        (operationApis.get(operation) === 'applicationAutoScaling'
          ? autoScalingTargetPrefix
          : targetPrefix) + operation,
    };
  }

  it.each(Object.keys(operationSets))(
    `answers ${bodiesPerSet} generated bodies for the %s operations well`,
    async (set) => {
      const seed = fuzzSeed();
      const random = seededRandom(seed);
      const operations = Object.entries(operationSets[set] ?? {});
      expect(operations.length, set).toBeGreaterThan(0);
      const checkedBefore = checked;
      for (let batch = 0; batch < bodiesPerSet / 500; batch++) {
        await Promise.all(
          Array.from({ length: 500 }, async () => {
            const [operation, members] = pick(random, operations);
            const body = fuzzBody(random, members, values);
            tried++;
            expectWellFormed(
              await post(amzHeaders(operation, random), body),
              `${seed} ${operation} ${body}`,
            );
          }),
        );
        await expectServing();
      }
      expect(checked - checkedBefore, `seed ${seed}`).toBeGreaterThanOrEqual(bodiesPerSet / 2);
    },
    180_000,
  );

  it('answers random targets and content types with AWS errors', async () => {
    const random = seededRandom(fuzzSeed());
    // Header values the HTTP client will send: printable ASCII only.
    const printable = (length: number) => randomString(random, length).replace(/[^\x20-\x7e]/g, '');
    const targets = () =>
      pick(random, [
        targetPrefix + printable(30),
        targetPrefix,
        'AmazonEC2ContainerServiceV20141113',
        `${targetPrefix}CreateService`,
        `${targetPrefix}ListClusters.Extra`,
        printable(100),
        'DynamoDB_20120810.ListTables',
        autoScalingTargetPrefix + printable(30),
        autoScalingTargetPrefix,
        `${autoScalingTargetPrefix}RegisterScalableTarget`,
        `${autoScalingTargetPrefix}TagResource`,
        `${autoScalingTargetPrefix}CreateCluster`,
      ]);
    const contentTypes = [
      'application/x-amz-json-1.1',
      'application/json',
      'application/x-amz-json-1.0',
      'text/plain',
      'application/xml',
      '',
      'multipart/form-data; boundary=x',
    ];
    const checkedBefore = checked;
    await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const headers = { 'X-Amz-Target': targets(), 'Content-Type': pick(random, contentTypes) };
        tried++;
        expectWellFormed(await post(headers, '{}'), JSON.stringify(headers));
      }),
    );
    expect(checked - checkedBefore).toBeGreaterThanOrEqual(500);
    await expectServing();
  });

  it('answers malformed HTTP with a 4xx (or nothing), never a crash or a stack trace', async () => {
    const random = seededRandom(fuzzSeed());
    let sent = 0;
    let answered = 0;
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => exchange(server.port, rawRequest(random, server.port))),
      );
      tried += answers.length;
      sent += answers.length;
      for (const answer of answers) {
        if (answer === '') continue;
        answered++;
        expect(answer).toMatch(/^HTTP\/1\.1 (200|400|403|404|405|408|413|431|505)/);
        expect(answer).not.toMatch(/\n\s+at /);
      }
      await expectServing();
    }
    // Only a cut-off request may go unanswered: most must have been read and answered.
    expect(answered, `${answered} of ${sent} answered`).toBeGreaterThanOrEqual(sent / 4);
  });
});

function rawRequest(random: Random, port: number): Buffer | string {
  if (random() < 0.1) return randomBytes(Math.floor(random() * 2000));
  const method = pick(random, ['POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'P\0ST', '']);
  const path = pick(random, ['/', '//', '/%', '*', 'http://evil.example/', `/${'a'.repeat(9000)}`]);
  const version = pick(random, ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', '']);
  const body = pick(random, ['{}', '{"maxResults":', '', 'x'.repeat(5000), '{"a":1}{"b":2}']);
  const headers = [
    `Host: ${pick(random, [`127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', ''])}`,
    `X-Amz-Target: ${targetPrefix}${pick(random, ['ListClusters', 'RunTask', 'Nope'])}`,
    `Content-Type: ${pick(random, ['application/x-amz-json-1.1', 'application/json', 'text/html'])}`,
  ];
  const length = pick(random, [String(body.length), '-1', 'abc', '99999999999', '2', '']);
  if (random() < 0.8) headers.push(`Content-Length: ${length}`);
  if (random() < 0.15) headers.push('Transfer-Encoding: chunked');
  if (random() < 0.1) headers.push(`X-Junk: ${randomString(random, 300)}`);
  if (random() < 0.05) headers.push(`X-Big: ${'h'.repeat(20_000)}`);
  if (random() < 0.05) headers.push(...Array.from({ length: 200 }, (_, i) => `X-Many-${i}: 1`));
  const text = `${method} ${path} ${version}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
  // Sometimes two requests in one go, sometimes a truncated one.
  if (random() < 0.1) return text + text;
  if (random() < 0.15) return text.slice(0, Math.floor(text.length * random()));
  return text;
}
