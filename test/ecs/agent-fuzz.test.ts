import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskAgent } from '../../src/main/ecs/agent/task-agent';
import type { RuntimeTaskSpec } from '../../src/main/ecs/control-plane/core/runtime-port';
import { systemClock } from '../../src/main/lib/clock';
import { fuzzSeed, pick, randomString, seededRandom } from '../fuzz/generate';
import { exchange } from '../fuzz/raw-socket';

// Generated requests thrown at the container agent's HTTP edge, with callers that are the
// task, another task, or no task. Every answer must be well-formed HTTP with an expected
// status, the task's credentials must reach no one but the task, and the agent must still
// answer a normal request afterwards.

const requests = 1500;
const allowedStatuses = new Set([200, 400, 403, 404, 405, 408, 413, 414, 431]);
const owner = 'arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef';
const stranger = 'arn:aws:ecs:us-east-1:000000000000:task/c/fedcba9876543210';

const spec = (taskArn: string, taskRoleArn?: string): RuntimeTaskSpec => ({
  taskArn,
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/f:1',
  family: 'f',
  revision: 1,
  networkMode: 'bridge',
  ...(taskRoleArn ? { taskRoleArn } : {}),
  containers: [
    { name: 'app', containerArn: 'c', definition: {}, essential: true, portMappings: [] },
  ],
});

/** An engine with no containers: metadata answers come from the task alone. */
const emptyEngine = {
  listContainers: async () => [],
  getContainer: () => ({ inspect: async () => ({}), stats: async () => ({}) }),
} as unknown as Docker;

const percentEncoded = (text: string) =>
  [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

describe('container agent fuzz', () => {
  const seed = fuzzSeed();
  const random = seededRandom(seed);
  let caller: string | undefined;
  let agent: TaskAgent;
  let port = 0;
  let credentialsPath = '';
  let metadataPath = '';

  beforeAll(async () => {
    agent = new TaskAgent({
      docker: () => emptyEngine,
      clock: systemClock,
      describeTask: async (_cluster, taskArn) => ({
        taskArn,
        lastStatus: 'RUNNING',
        containers: [],
      }),
      listen: { host: '127.0.0.1', port: 0 },
      callerTaskOf: async () => caller,
    });
    const env = (await agent.attach(
      spec(owner, 'arn:aws:iam::000000000000:role/r'),
    ))!.environmentOf('app');
    await agent.attach(spec(stranger));
    const variable = (name: string) =>
      (env.find((line) => line.startsWith(`${name}=`)) ?? '').slice(name.length + 1);
    const full = variable('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    const url = new URL(full);
    port = Number(url.port);
    credentialsPath = url.pathname;
    metadataPath = new URL(variable('ECS_CONTAINER_METADATA_URI_V4')).pathname;
  });
  afterAll(() => agent.close());

  const pathFor = (): string =>
    pick(random, [
      () => credentialsPath,
      () => `${credentialsPath}${randomString(random, 8)}`,
      () => metadataPath + pick(random, ['', '/task', '/stats', '/task/stats', '/../..', '//']),
      () => `/v2/credentials/${randomString(random, 40)}`,
      () => `/${randomString(random, 200)}`,
      () => `/v4/${'a'.repeat(Math.floor(random() * 3000))}`,
      () => `/v3/${percentEncoded(randomString(random))}`,
      () => '*',
    ])();

  function rawRequest(): string {
    const method = pick(random, [
      'GET',
      'GET',
      'HEAD',
      'POST',
      'PUT',
      'DELETE',
      randomString(random, 8),
    ]);
    const host = pick(random, [`127.0.0.1:${port}`, `127.0.0.1:${port}`, 'evil.example', '']);
    const headers = [
      host ? `Host: ${host}` : '',
      random() < 0.2 ? 'Origin: http://evil.example' : '',
      random() < 0.1 ? `Content-Length: ${Math.floor(random() * 100)}` : '',
      random() < 0.1 ? 'Transfer-Encoding: chunked' : '',
      random() < 0.1 ? `X-Junk: ${'x'.repeat(Math.floor(random() * 20_000))}` : '',
      random() < 0.05 ? `Host: 127.0.0.1:${port}` : '',
    ].filter(Boolean);
    const line = random() < 0.05 ? randomString(random, 100) : `${method} ${pathFor()} HTTP/1.1`;
    return `${line}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`;
  }

  it(`answers ${requests} generated requests well-formed, and credentials to their task only (seed ${seed})`, async () => {
    const secrets = new Set<string>();
    const seen = new Map<number, number>();
    for (let i = 0; i < requests; i++) {
      caller = pick(random, [owner, stranger, undefined]);
      const raw = rawRequest();
      const answer = await exchange(port, raw);
      if (answer === '') continue; // the socket was cut (a malformed or oversized request)
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1]);
      expect(
        allowedStatuses.has(status),
        `${status} for ${JSON.stringify(raw.slice(0, 200))}`,
      ).toBe(true);
      seen.set(status, (seen.get(status) ?? 0) + 1);
      const secret = /"SecretAccessKey":"([^"]+)"/.exec(answer)?.[1];
      if (secret) {
        expect(caller, `credentials served to ${String(caller)}`).toBe(owner);
        secrets.add(secret);
      }
    }
    // The run reached both sides: credentials served to their task, and refusals.
    expect(secrets.size).toBeGreaterThan(0);
    expect(seen.get(403) ?? 0).toBeGreaterThan(0);
    caller = owner;
    const normal = await fetch(`http://127.0.0.1:${port}${credentialsPath}`);
    expect(normal.status).toBe(200);
    const log = JSON.stringify(agent.view(owner).requests);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toContain(credentialsPath.split('/').pop());
  }, 120_000);
});
