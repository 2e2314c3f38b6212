import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { waitFor } from '../../../../test/support/wait-for';
import { systemClock } from '../../lib/clock';
import type { EcsControlPlaneApi } from '../endpoint/operations';
import { startEcsEndpoint } from '../endpoint/server';
import type { LoadBalancerLimits } from './data-plane';
import { createLoadBalancerDataPlane, type LoadBalancerProxy } from './data-plane';
import { targetHeader } from './forward';
import { addressTarget, dnsName, get, listenerArn, plan, targetGroup } from './test-support';

// WebSocket handshakes through the load balancer's listeners, to real WebSocket servers.

let proxy: LoadBalancerProxy | undefined;
const servers: Server[] = [];

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A WebSocket echo server that answers plain requests (health checks) with 200 and refuses `/private`. */
async function startEchoTarget(): Promise<number> {
  const server = createServer((_request, response) => response.end('ok'));
  const sockets = new WebSocketServer({
    server,
    verifyClient: ({ req }: { req: { url?: string } }) => req.url !== '/private',
  });
  sockets.on('connection', (socket) => {
    // Garbage frames (the fuzz case below) are the client's problem, not the test's.
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, binary) => socket.send(data, { binary }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

async function served(
  given: Parameters<LoadBalancerProxy['apply']>[0],
  limits: Partial<LoadBalancerLimits> = {},
): Promise<string> {
  proxy ??= createLoadBalancerDataPlane({ clock: systemClock, limits });
  proxy.apply(given);
  await proxy.settled();
  const binding = proxy.bindings().find((candidate) => candidate.listenerArn === listenerArn);
  const url = binding?.directUrl ?? binding?.fallbackUrl;
  if (!url) throw new Error(`listener not served: ${binding?.directProblem ?? 'no binding'}`);
  return url.replace(/^http/, 'ws');
}

function opened(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ socket: WebSocket; target: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    let target: string | undefined;
    socket.on('upgrade', (response) => {
      target = String(response.headers[targetHeader]);
    });
    socket.on('open', () => resolve({ socket, target }));
    socket.on('unexpected-response', (_request, response) =>
      reject(new Error(`answered ${response.statusCode}`)),
    );
    socket.on('error', reject);
  });
}

const nextMessage = (socket: WebSocket) =>
  new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));

/** A raw request's answer: the status line of whatever comes back before the socket ends. */
function rawExchange(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.end(text);
  });
}

describe('WebSocket upgrades through the load balancer', () => {
  it('pipes an upgraded connection both ways and counts it for its target', async () => {
    const port = await startEchoTarget();
    const url = await served(plan(80, [targetGroup('web', [addressTarget(port)])]));
    const { socket, target } = await opened(`${url}/chat`);
    expect(target).toBe(`127.0.0.1:${port}`);
    for (const text of ['hello', 'x'.repeat(100_000)]) {
      const echoed = nextMessage(socket);
      socket.send(text);
      expect(await echoed).toBe(text);
    }
    socket.close();
    await waitFor(() => proxy?.traffic()[0]?.requests === 1, {
      what: 'the upgrade counted',
      timeoutMs: 4_000,
    });
    expect(proxy?.traffic()[0]).toMatchObject({ errors: 0, elbErrors: 0 });
  });

  it("passes a target's refusal back, and closes a connection idle past the cap", async () => {
    const port = await startEchoTarget();
    const url = await served(plan(80, [targetGroup('web', [addressTarget(port)])]), {
      idleTimeoutMs: 300,
    });
    await expect(opened(`${url}/private`)).rejects.toThrow('answered 401');
    const { socket } = await opened(`${url}/chat`);
    let closed = false;
    socket.on('close', () => (closed = true));
    await waitFor(() => closed, { what: 'the idle connection closed', timeoutMs: 4_000 });
  });

  it('answers 503 with no target and 502 when the target is gone, as ALB does', async () => {
    const none = await served(plan(80, [targetGroup('web', [])]));
    await expect(opened(`${none}/`)).rejects.toThrow('answered 503');
    expect(proxy?.unroutable()).toEqual([expect.objectContaining({ listenerArn, responses: 1 })]);
    const port = await startEchoTarget();
    const [server] = servers.splice(0);
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    await served(plan(80, [targetGroup('web', [addressTarget(port)])]));
    await expect(opened(`${none}/`)).rejects.toThrow('answered 502');
  });

  it('survives malformed and oversized handshakes and serves normally afterwards', async () => {
    const port = await startEchoTarget();
    const url = await served(plan(80, [targetGroup('web', [addressTarget(port)])]), {
      maxHeaderBytes: 4096,
    });
    const handshake = (extra: string) =>
      `GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n${extra}\r\n`;
    const attacks = [
      handshake(''),
      handshake('Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: not base64\r\n'),
      handshake(`X-Big: ${'a'.repeat(8192)}\r\n`),
      handshake('Host: y\r\n'),
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: \u0000\r\n\r\n',
      `${handshake('Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n')}garbage after the head`,
      'GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nContent-Length: 5\r\n\r\nab',
    ];
    const answers = await Promise.all(attacks.map((text) => rawExchange(url, text)));
    expect(answers[0]).toMatch(/^HTTP\/1\.1 400 /);
    expect(answers[2]).toMatch(/^HTTP\/1\.1 431 /);
    expect(answers[3]).toMatch(/^HTTP\/1\.1 400 /);
    for (const answer of answers) expect(answer).not.toMatch(/^HTTP\/1\.1 5/);
    expect((await get(url.replace(/^ws/, 'http'))).body).toBe('ok');
    const { socket } = await opened(`${url}/chat`);
    const echoed = nextMessage(socket);
    socket.send('still here');
    expect(await echoed).toBe('still here');
    socket.close();
  });
});

describe("WebSocket upgrades through the ECS endpoint's own port", () => {
  it("are carried when Host is the load balancer's DNSName, under its caps", async () => {
    const port = await startEchoTarget();
    await served(plan(80, [targetGroup('web', [addressTarget(port)])]), { idleTimeoutMs: 300 });
    const plane = {} as Partial<EcsControlPlaneApi> as EcsControlPlaneApi;
    const endpoint = await startEcsEndpoint({ controlPlane: plane, loadBalancers: proxy });
    const url = endpoint.url.replace(/^http/, 'ws');
    try {
      const { socket, target } = await opened(`${url}/chat`, { Host: dnsName });
      expect(target).toBe(`127.0.0.1:${port}`);
      let closed = false;
      socket.on('close', () => (closed = true));
      const echoed = nextMessage(socket);
      socket.send('through the endpoint');
      expect(await echoed).toBe('through the endpoint');
      await waitFor(() => closed, { what: 'the idle connection closed', timeoutMs: 4_000 });
      expect(proxy?.traffic()[0]).toMatchObject({ requests: 1, errors: 0 });

      await expect(opened(`${url}/private`, { Host: dnsName })).rejects.toThrow('answered 401');
      await expect(opened(`${url}/chat`, { Host: 'other.elb.localhost' })).rejects.toThrow(
        'answered 403',
      );
      // The endpoint's own address speaks no WebSocket.
      await expect(opened(`${url}/chat`)).rejects.toThrow('answered 400');
      const repeatedHost = await rawExchange(
        url,
        `GET /chat HTTP/1.1\r\nHost: ${dnsName}\r\nHost: ${dnsName}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
      );
      expect(repeatedHost).toMatch(/^HTTP\/1\.1 400 /);
      expect(proxy?.traffic()[0]?.requests).toBe(2);
    } finally {
      await endpoint.close();
    }
  });
});
