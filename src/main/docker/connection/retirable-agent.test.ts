import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retirableAgent } from './retirable-agent';

describe('retirableAgent', () => {
  let server: Server;
  let port: number;

  beforeEach(async () => {
    // Answers /stream with a body that never ends and /slow not at all.
    server = createServer((req, res) => {
      if (req.url === '/stream') {
        res.writeHead(200);
        res.write('first chunk\n');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = (agent: ReturnType<typeof retirableAgent>, path: string) =>
    request({ host: '127.0.0.1', port, path, agent: agent.agent });

  it('ends a streaming answer in flight with the error it is retired with', async () => {
    const agent = retirableAgent(false);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = get(agent, '/stream');
      req.on('response', resolve).on('error', reject).end();
    });
    const failed = new Promise<Error>((resolve) => response.on('error', resolve));
    await new Promise((resolve) => response.once('data', resolve));
    const switched = new Error('switched engines');
    agent.retire(switched);
    expect(await failed).toBe(switched);
  });

  it('fails a request still waiting for its answer, and refuses new ones', async () => {
    const agent = retirableAgent(false);
    const waiting = get(agent, '/slow');
    const failed = new Promise<Error>((resolve) => waiting.on('error', resolve));
    waiting.end();
    await new Promise((resolve) => waiting.once('socket', resolve));
    const switched = new Error('switched engines');
    agent.retire(switched);
    expect(await failed).toBe(switched);

    const late = get(agent, '/stream');
    const refused = new Promise<Error>((resolve) => late.on('error', resolve));
    late.end();
    expect(await refused).toBe(switched);
  });

  it('leaves requests on other agents alone', async () => {
    const retired = retirableAgent(false);
    const other = retirableAgent(false);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      get(other, '/stream').on('response', resolve).on('error', reject).end();
    });
    retired.retire(new Error('switched engines'));
    const chunk = await new Promise<Buffer>((resolve) => response.once('data', resolve));
    expect(chunk.toString()).toBe('first chunk\n');
    other.retire(new Error('done'));
    response.on('error', () => undefined);
  });
});
