import { connect } from 'node:net';
import {
  CreateTaskSetCommand,
  ECSClient,
  ECSServiceException,
  ListClustersCommand,
  UnsupportedFeatureException,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcsControlPlaneApi } from '../../src/main/ecs/endpoint/operations';
import { ecsTargetPrefix as targetPrefix } from '../../src/main/ecs/endpoint/ecs-json-service';
import { startEcsEndpoint, type EcsEndpoint } from '../../src/main/ecs/endpoint/server';
import { exchange } from '../fuzz/raw-socket';

// The HTTP side of the endpoint. The control plane behind it is a one-method stand-in: what
// is tested here is the wire (the conformance suite drives the real control plane).

const clusterArn = 'arn:aws:ecs:us-east-1:000000000000:cluster/default';
const plane = {
  listClusters: async () => ({ clusterArns: [clusterArn] }),
} as Partial<EcsControlPlaneApi> as EcsControlPlaneApi;

const limits = {
  headersTimeoutMs: 500,
  requestTimeoutMs: 1000,
  idleTimeoutMs: 1500,
  keepAliveTimeoutMs: 500,
  maxConnections: 8,
};

describe('the ECS endpoint over HTTP', () => {
  let endpoint: EcsEndpoint;
  let client: ECSClient;

  beforeAll(async () => {
    endpoint = await startEcsEndpoint({ controlPlane: plane, limits });
    client = new ECSClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  const post = (headers: Record<string, string>, body: string) =>
    exchange(
      endpoint.port,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\n` +
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('') +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  const call = (operation: string, body: string, contentType = 'application/x-amz-json-1.1') =>
    post({ 'X-Amz-Target': targetPrefix + operation, 'Content-Type': contentType }, body);

  /** The status and the parsed JSON body of a raw answer. */
  function parse(raw: string): { status: number; headers: string; body: unknown } {
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    return {
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
      headers: head,
      body: body === '' ? undefined : JSON.parse(body),
    };
  }

  it('serves the SDK, with a request id on every answer', async () => {
    const output = await client.send(new ListClustersCommand({}));
    expect(output.clusterArns).toEqual([clusterArn]);
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an operation it does not implement yet with an exception the SDK knows', async () => {
    const error = await client
      .send(new CreateTaskSetCommand({ service: 'web', cluster: 'default', taskDefinition: 'web' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedFeatureException);
    expect(error).toBeInstanceOf(ECSServiceException);
    expect((error as Error).message).toBe('Stowage does not implement CreateTaskSet yet.');
    expect((error as ECSServiceException).$metadata.httpStatusCode).toBe(400);
  });

  it('says hello on GET / and refuses other methods and paths', async () => {
    const hello = await fetch(`${endpoint.url}/`);
    expect(hello.status).toBe(200);
    expect(((await hello.json()) as { operations: string[] }).operations).toContain('RunTask');
    const put = await fetch(`${endpoint.url}/`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(((await put.json()) as { __type: string }).__type).toBe('MethodNotAllowedException');
    expect((await fetch(`${endpoint.url}/elsewhere`)).status).toBe(404);
  });

  it('refuses a foreign Host (DNS rebinding) and any Origin (web pages) with 403', async () => {
    const rebound = parse(
      await exchange(endpoint.port, 'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n'),
    );
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatchObject({ __type: 'AccessDeniedException' });
    const page = parse(await post({ Origin: 'http://evil.example' }, '{}'));
    expect(page.status).toBe(403);
    const noHost = parse(await exchange(endpoint.port, 'GET / HTTP/1.0\r\n\r\n'));
    expect(noHost.status).toBe(403);
  });

  it('answers malformed JSON, wrong content types and unknown targets as AWS errors', async () => {
    const malformed = parse(await call('ListClusters', '{"maxResults":'));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ __type: 'SerializationException' });
    expect(malformed.headers).toMatch(/x-amzn-ErrorType: SerializationException/i);
    expect(parse(await call('ListClusters', '{}', 'text/plain')).status).toBe(400);
    expect(parse(await call('ListClusters', '', 'application/json')).status).toBe(200);
    expect(parse(await call('ListClusters', '{}', 'application/json; charset=utf-8')).status).toBe(
      200,
    );
    const unknown = parse(await call('Nope', '{}'));
    expect(unknown.body).toMatchObject({ __type: 'UnknownOperationException' });
    const wrongPrefix = parse(
      await post(
        { 'X-Amz-Target': 'DynamoDB_20120810.ListTables', 'Content-Type': 'application/json' },
        '{}',
      ),
    );
    expect(wrongPrefix.body).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('accepts SigV4 Authorization headers without checking them', async () => {
    const signed = parse(
      await post(
        {
          'X-Amz-Target': `${targetPrefix}ListClusters`,
          'Content-Type': 'application/x-amz-json-1.1',
          Authorization:
            'AWS4-HMAC-SHA256 Credential=nobody/20200101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=00',
        },
        '{}',
      ),
    );
    expect(signed.status).toBe(200);
  });

  it('caps bodies at 1 MiB with 413, whether announced or chunked', async () => {
    const big = `{"a":"${'x'.repeat(1024 * 1024)}"}`;
    expect(parse(await call('ListClusters', big)).status).toBe(413);
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const chunked = await exchange(
      endpoint.port,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\nX-Amz-Target: ${targetPrefix}ListClusters\r\n` +
        `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks.join('')}0\r\n\r\n`,
    );
    expect(parse(chunked).status).toBe(413);
  });

  it('caps headers (431) and cuts off a client that trickles them (slowloris)', async () => {
    const huge = await exchange(
      endpoint.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(endpoint.port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        resolve(received);
      });
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${endpoint.port}\r\n`);
      const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(closed === '' || /^HTTP\/1\.1 408/.test(closed)).toBe(true);
  });

  it('closes idle sockets and limits connections, and serves normally afterwards', async () => {
    const started = Date.now();
    const closedAfter = await Promise.all(
      Array.from({ length: 20 }, () => {
        const socket = connect(endpoint.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.resume();
        return new Promise<number>((resolve) =>
          socket.on('close', () => resolve(Date.now() - started)),
        );
      }),
    );
    // Past the limit a connection is dropped at once; the rest go when they idle too long.
    expect(closedAfter.filter((ms) => ms < limits.headersTimeoutMs).length).toBeGreaterThanOrEqual(
      20 - limits.maxConnections,
    );
    expect(Math.max(...closedAfter)).toBeLessThan(6000);
    const output = await client.send(new ListClustersCommand({}));
    expect(output.clusterArns).toEqual([clusterArn]);
  });
});
