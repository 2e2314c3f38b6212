import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/lib/clock';
import {
  createLoadBalancerDataPlane,
  type LoadBalancerProxy,
} from '../../src/main/ecs/load-balancer/data-plane';
import {
  addressTarget,
  get,
  plan,
  startTarget,
  targetGroup,
  type TestTarget,
} from '../../src/main/ecs/load-balancer/test-support';
import { fuzzSeed, pick, randomString, seededRandom, type Random } from '../fuzz/generate';
import { exchange } from '../fuzz/raw-socket';
import { waitFor } from '../support/wait-for';

// Hostile bytes at a load balancer's listener: whatever arrives, every connection is answered
// with well-formed HTTP or closed, nothing reaches the target that is not a whole request, and
// the listener still serves a normal request afterwards.

const limits = {
  headersTimeoutMs: 500,
  requestTimeoutMs: 1500,
  idleTimeoutMs: 2000,
  keepAliveTimeoutMs: 500,
  maxHeaderBytes: 8 * 1024,
  maxBodyBytes: 64 * 1024,
  targetTimeoutMs: 1000,
};
// 403: a Host a rebinding page would send (not an address, localhost or a DNSName).
const allowedStatuses = new Set([200, 400, 403, 404, 408, 413, 431, 500, 502, 503, 504]);

let proxy: LoadBalancerProxy;
let target: TestTarget;
let port: number;

beforeAll(async () => {
  target = await startTarget('target');
  proxy = createLoadBalancerDataPlane({ clock: systemClock, limits });
  proxy.apply(plan(80, [targetGroup('web', [addressTarget(target.port)])]));
  await proxy.settled();
  port = Number(new URL(proxy.bindings()[0]?.fallbackUrl ?? '').port);
});

afterAll(async () => {
  await proxy.close();
  await target.close();
});

/** Every status line of what came back; none when the listener closed without answering. */
function statuses(reply: string): number[] {
  return [...reply.matchAll(/^HTTP\/1\.[01] (\d{3}) /gm)].map((match) => Number(match[1]));
}

async function stillServes(): Promise<void> {
  const answer = await get(`http://127.0.0.1:${port}/`);
  expect(answer).toMatchObject({ status: 200, body: 'target' });
}

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'BREW', ''];
const paths = [
  '/',
  '/status/500',
  '/hang',
  '*',
  'http://evil.example/',
  '/%00',
  '/../../etc/passwd',
  '',
];

/** One generated request: often almost valid, sometimes not HTTP at all. */
function generated(random: Random): string {
  const shape = Math.floor(random() * 6);
  if (shape === 0) return randomString(random, 512);
  const lines = [
    `${pick(random, methods)} ${pick(random, paths)} ${pick(random, ['HTTP/1.1', 'HTTP/1.0', 'HTTP/9', ''])}`,
  ];
  const headers = Math.floor(random() * 6);
  for (let index = 0; index < headers; index++) {
    lines.push(
      pick(random, [
        'Host: 127.0.0.1',
        'Host: rebound.example',
        `Content-Length: ${pick(random, ['0', '5', '-1', '99999999999', 'x', '3, 4'])}`,
        `Transfer-Encoding: ${pick(random, ['chunked', 'gzip', 'chunked, identity', ''])}`,
        `Connection: ${pick(random, ['close', 'keep-alive', 'upgrade', 'x-forwarded-for'])}`,
        'Upgrade: websocket',
        `X-${randomString(random, 16)}: ${randomString(random, 64)}`,
        `${randomString(random, 8)}`,
      ]),
    );
  }
  const body = shape === 1 ? 'zz\r\nnot a chunk\r\n' : shape === 2 ? '5\r\nhello\r\n0\r\n\r\n' : '';
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

describe('the load balancer listener under hostile input', () => {
  it('answers or closes every one of 600 generated requests, and still serves', async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    const inputs = Array.from({ length: 600 }, () => generated(random));
    for (let start = 0; start < inputs.length; start += 25) {
      const replies = await Promise.all(
        inputs.slice(start, start + 25).map((input) => exchange(port, input, 5000)),
      );
      for (const [index, reply] of replies.entries()) {
        for (const status of statuses(reply)) {
          expect(
            allowedStatuses,
            `seed ${seed}, input ${JSON.stringify(inputs[start + index])}`,
          ).toContain(status);
        }
      }
    }
    await stillServes();
  });

  it('answers 431 to headers over the cap and to a huge request line', async () => {
    const huge = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`;
    expect(statuses(await exchange(port, huge))).toEqual([431]);
    const longLine = `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    expect(statuses(await exchange(port, longLine))).toEqual([431]);
    await stillServes();
  });

  it('refuses bad chunked bodies, smuggling shapes and a repeated Host with 400', async () => {
    const badChunk =
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n';
    const both =
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n';
    const twoHosts = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: localhost\r\n\r\n';
    for (const input of [badChunk, both, twoHosts]) {
      const got = statuses(await exchange(port, input));
      expect(got.at(-1), input).toBe(400);
    }
    await stillServes();
  });

  it('answers pipelined requests in order', async () => {
    // Written without a half-close: Node's server drops what is pending on a client's FIN.
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    const one = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    socket.write(
      `${one}${one}GET /status/404 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    try {
      await waitFor(() => statuses(reply).length === 3, {
        what: () => `three answers, got ${JSON.stringify(reply)}`,
        timeoutMs: 10_000,
      });
    } finally {
      socket.destroy();
    }
    expect(statuses(reply)).toEqual([200, 200, 404]);
  });

  it('cuts off a client that trickles its headers (slowloris)', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('X-Drip: 1\r\n');
    }, 100);
    try {
      await waitFor(() => closed, { what: 'the dripping socket closed', timeoutMs: 10_000 });
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    await stillServes();
  });

  it('takes garbage bytes and silent sockets without stopping', async () => {
    const sockets = Array.from({ length: 50 }, () => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      return socket;
    });
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 131) % 256));
    const reply = await exchange(port, garbage);
    expect(statuses(reply).every((status) => status === 400)).toBe(true);
    await stillServes();
    for (const socket of sockets) socket.destroy();
  });
});
