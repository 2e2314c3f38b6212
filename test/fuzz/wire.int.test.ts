import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolVersion, tokenSubprotocol } from '../../src/shared';
import { FuzzClient } from './fuzz-client';
import { fuzzSeed, pick, randomString, seededRandom, type Random } from './generate';
import { exchange, frame, rawWebSocket } from './raw-socket';
import { startServerProcess, type ServerProcess } from './server-process';

// Malformed HTTP and WebSocket input thrown at the real `stowage web` process over raw
// sockets. After each group the process must be up and a normal client served.

const methods = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PRI',
  'G\0T',
  '',
];
const paths = [
  '/',
  '//',
  '/%',
  '/%E0%A4%A',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/../../../etc/passwd',
  '/a\0b',
  '/favicon.ico',
  '/api/ws',
  '*',
  'http://evil.example/',
  '/' + 'a'.repeat(10_000),
  '/\u00ff\u00fe',
  '/?token=' + 'x'.repeat(5000),
  '/?ticket=' + '0'.repeat(64),
  '/api/session',
  '/api/session?ticket=x',
];
const versions = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', ''];

function httpRequest(random: Random, port: number, token: string): Buffer | string {
  const roll = random();
  if (roll < 0.1) return randomBytes(Math.floor(random() * 2000));
  const host = pick(random, [
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `evil.example:${port}`,
    '',
    'x'.repeat(20_000),
    `127.0.0.1:${port}\r\nHost: evil.example`,
  ]);
  const headers = [`Host: ${host}`];
  if (random() < 0.3)
    headers.push(
      `Origin: ${pick(random, ['null', 'http://evil.example', `http://127.0.0.1:${port}`, '%'])}`,
    );
  if (random() < 0.3)
    headers.push(`Cookie: stowage-token-${port}=%E0%A4%A; ${randomString(random, 50)}`);
  if (random() < 0.2)
    headers.push(`Content-Length: ${pick(random, ['-1', '99999999999', 'abc', '5'])}`);
  if (random() < 0.1) headers.push('Transfer-Encoding: chunked');
  if (random() < 0.1) headers.push(`X-Junk: ${randomString(random, 200)}`);
  if (random() < 0.2) {
    const ticket = pick(random, ['', '0'.repeat(64), token, 'x'.repeat(5000)]);
    headers.push(`X-Stowage-Ticket: ${random() < 0.5 ? ticket : randomString(random, 80)}`);
  }
  if (random() < 0.3) {
    headers.push('Upgrade: websocket', 'Connection: Upgrade');
    headers.push(`Sec-WebSocket-Version: ${pick(random, ['13', '8', '', 'x'])}`);
    headers.push(
      `Sec-WebSocket-Key: ${pick(random, [randomBytes(16).toString('base64'), '', '===', 'x'.repeat(100)])}`,
    );
    headers.push(
      `Sec-WebSocket-Protocol: ${pick(random, [
        `stowage.v1, ${tokenSubprotocol(token)}`,
        'stowage.v1',
        tokenSubprotocol(token),
        `stowage.v1, stowage.token.%E0%A4%A`,
        ','.repeat(5000),
      ])}`,
    );
  }
  const line = `${pick(random, methods)} ${pick(random, paths)} ${pick(random, versions)}`;
  const body = random() < 0.2 ? 'hello' : '';
  const request = `${line}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
  // Sometimes two requests in one go, sometimes only half of one.
  if (random() < 0.1) return request + request;
  if (random() < 0.1) return request.slice(0, Math.floor(request.length / 2));
  return request;
}

describe('wire fuzz against a running browser-mode server', () => {
  let server: ServerProcess;
  let tried = 0;

  beforeAll(async () => {
    server = await startServerProcess();
  });

  afterAll(async () => {
    console.log(`wire fuzz: ${tried} inputs tried`);
    await server.stop();
  });

  /** The process is up and a normal client still gets a normal answer. */
  async function expectServing(): Promise<void> {
    expect(server.alive()).toBe(true);
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(200);
    const client = new FuzzClient(server);
    await client.ready();
    client.send({ kind: 'call', id: 1, name: 'engine.status', input: {} }, 1);
    await client.settled(10_000);
    expect(client.problems).toEqual([]);
    client.close();
  }

  it('answers malformed HTTP with a 4xx (or nothing), never a crash, a 500 or a leak', async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    let sent = 0;
    let answered = 0;
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          exchange(server.port, httpRequest(random, server.port, server.token)),
        ),
      );
      tried += answers.length;
      sent += answers.length;
      for (const answer of answers) {
        if (answer === '') continue;
        answered++;
        expect(answer, `seed ${seed}`).toMatch(
          /^HTTP\/1\.1 (101|200|400|401|403|404|405|408|413|414|431|505)/,
        );
        expect(answer).not.toMatch(/\n\s+at /);
        expect(answer).not.toContain(server.token);
      }
      await expectServing();
    }
    // Only a cut-off request may go unanswered: most must have been read and answered.
    expect(answered, `seed ${seed}: ${answered} of ${sent} answered`).toBeGreaterThanOrEqual(
      sent / 4,
    );
  });

  it('closes a socket that sends an oversized frame (1009) or invalid UTF-8 (1007), and stays up', async () => {
    const cases: [Buffer, number][] = [
      [frame(1, Buffer.alloc(1024 * 1024 + 1, 0x61)), 1009],
      [frame(1, Buffer.from([0xc3, 0x28, 0xa0, 0xa1])), 1007],
      [frame(1, Buffer.from('{"kind":"hello","version":1}'), { mask: false }), 1002],
      [frame(1, Buffer.from('{}'), { rsv: 4 }), 1002],
      [frame(3, Buffer.from('reserved opcode')), 1002],
      [frame(9, Buffer.alloc(200), { fin: true }), 1002],
      [frame(8, Buffer.from([0x03])), 1002],
    ];
    for (const [bytes, code] of cases) {
      const ws = await rawWebSocket(server.port, server.token);
      ws.write(bytes);
      await ws.closed;
      tried++;
      expect(ws.closeCode()).toBe(code);
    }
    await expectServing();
  });

  it('cuts off a client that never reads, without holding its replies in memory', async () => {
    const before = server.rssBytes();
    const ws = await rawWebSocket(server.port, server.token, { read: false });
    ws.write(frame(1, Buffer.from(JSON.stringify({ kind: 'hello', version: protocolVersion }))));
    // A call that needs no engine, with a reply of a kilobyte or two: the server answers as
    // fast as it can, whatever the engine holds.
    const ask = Buffer.concat(
      Array.from({ length: 200 }, (_, i) =>
        frame(
          1,
          Buffer.from(JSON.stringify({ kind: 'call', id: i, name: 'ecs.status', input: {} })),
        ),
      ),
    );
    let rounds = 0;
    let open = true;
    void ws.closed.then(() => (open = false));
    while (open && rounds < 2000) {
      rounds++;
      tried += 200;
      if (!ws.write(ask))
        await new Promise((resolve) => ws.socket.once('drain', resolve).once('close', resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await ws.closed;
    expect(rounds).toBeLessThan(2000);
    expect(server.rssBytes() - before).toBeLessThan(200 * 1024 * 1024);
    await expectServing();
  }, 120_000);

  it('survives ping floods, fragments, idle sockets and many connections at once', async () => {
    const pinger = await rawWebSocket(server.port, server.token);
    pinger.write(Buffer.concat(Array.from({ length: 1000 }, () => frame(9, Buffer.from('p')))));
    const fragments = await rawWebSocket(server.port, server.token);
    const hello = Buffer.from(JSON.stringify({ kind: 'hello', version: protocolVersion }));
    fragments.write(frame(1, hello.subarray(0, 5), { fin: false }));
    fragments.write(frame(0, hello.subarray(5)));
    const idle = await rawWebSocket(server.port, server.token);
    tried += 1003;

    const many = await Promise.allSettled(
      Array.from({ length: 50 }, () => rawWebSocket(server.port, server.token)),
    );
    tried += many.length;
    const refused = many.filter((attempt) => attempt.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const attempt of refused) {
      expect(String((attempt as PromiseRejectedResult).reason)).toMatch(/503/);
    }
    for (const attempt of many) if (attempt.status === 'fulfilled') attempt.value.socket.destroy();
    for (const ws of [pinger, fragments, idle]) ws.socket.destroy();
    await Promise.all([pinger.closed, fragments.closed, idle.closed]);
    await expectServing();
  });
});
