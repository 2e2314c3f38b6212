import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface FloodReport {
  /** How long each fresh client's request took, in milliseconds. */
  probeMs: number[];
  /** Flood sockets the listener still held open once the flood was over. */
  stillOpen(): number;
  /** Closes every flood socket. */
  end(): void;
}

/**
 * Opens `total` idle sockets on a loopback port, `batch` at a time, none of which sends a
 * byte; after each batch a fresh client makes one request and its time is recorded. The
 * flood is bounded in count, and each batch waits only until its sockets are connected (or
 * refused), so it is bounded in time too.
 */
export async function idleFlood(
  port: number,
  probe: () => Promise<void>,
  options: { total?: number; batch?: number } = {},
): Promise<FloodReport> {
  const total = options.total ?? 2000;
  const batch = options.batch ?? 100;
  const open = new Set<Socket>();
  const probeMs: number[] = [];
  for (let opened = 0; opened < total; opened += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, total - opened) }, () => idleSocket(port, open)),
    );
    const started = performance.now();
    await probe();
    probeMs.push(performance.now() - started);
  }
  return {
    probeMs,
    stillOpen: () => open.size,
    end: () => {
      for (const socket of open) socket.destroy();
    },
  };
}

/** Resolves once the socket is connected or has failed; it stays in `open` until it closes. */
function idleSocket(port: number, open: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    open.add(socket);
    socket.resume();
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve());
    socket.once('close', () => {
      open.delete(socket);
      resolve();
    });
  });
}

/** One GET on a connection of its own: the fresh client of a flood test. */
export function freshGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, agent: false, headers: { Connection: 'close', ...headers } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Milliseconds until the listener closes a connection that sends nothing (at most 20 s). */
export function silentConnectionLifetime(port: number): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    socket.resume();
    socket.on('error', () => undefined);
    const giveUp = setTimeout(() => socket.destroy(), 20_000);
    socket.once('close', () => {
      clearTimeout(giveUp);
      resolve(performance.now() - started);
    });
  });
}
