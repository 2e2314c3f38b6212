import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { allowedHosts, hostHeaderValue, isWildcard } from './host-names';
import {
  ConnectionTable,
  connectionLimits,
  defaultConnectionLimits,
  type ConnectionLimits,
} from './connection-policy';

export interface LoopbackListenerOptions {
  /** Loopback unless the user says otherwise. */
  host?: string | undefined;
  port?: number | undefined;
  server?: ServerOptions;
  connections?: Partial<ConnectionLimits> | undefined;
  request(request: IncomingMessage, response: ServerResponse): void;
  /** WebSocket handshakes; without it the listener answers none. */
  upgrade?(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Answers a request the listener refuses before `request` sees it (a repeated `Host`). */
  refuseRequest(response: ServerResponse, status: 400): void;
  /** The same for a handshake, on the raw socket. */
  refuseUpgrade?(socket: Duplex, status: 400): void;
}

export interface LoopbackListener {
  server: Server;
  port: number;
  /** `host:port` values the listener answers to (see `allowedHosts`). */
  hosts: ReadonlySet<string>;
  /** `http://host:port` to print: loopback for a wildcard bind. */
  origin: string;
  /** Connections held now. */
  connections(): number;
  close(): Promise<void>;
}

/** The caps an HTTP listener of the app puts on its clients. */
export interface HttpServerLimits {
  maxHeaderBytes: number;
  maxConnections: number;
  /** Until a request's headers are in: a client that trickles them (slowloris) is cut off. */
  headersTimeoutMs: number;
  /** Until the whole request is in. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/** Node's server options and the connection policy that enforce `limits`. */
export function loopbackServerOptions(
  limits: HttpServerLimits,
): Required<Pick<LoopbackListenerOptions, 'server' | 'connections'>> {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    server: {
      maxHeaderSize: limits.maxHeaderBytes,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    connections: {
      maxConnections: limits.maxConnections,
      firstRequestTimeoutMs: Math.min(
        limits.headersTimeoutMs,
        defaultConnectionLimits.firstRequestTimeoutMs,
      ),
    },
  };
}

/**
 * An HTTP listener with the shared connection policy: admission with eviction of the oldest
 * idle connection, a deadline for a connection that sends no request, a repeated `Host`
 * refused with 400 (RFC 9112 §3.2), and every socket with an error handler.
 */
export async function startLoopbackListener(
  options: LoopbackListenerOptions,
): Promise<LoopbackListener> {
  const limits = connectionLimits(options.connections);
  const table = new ConnectionTable<Socket>(limits);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(options.server ?? {});
  const waitingForRequest = new Map<Socket, NodeJS.Timeout>();

  const firstRequestCame = (socket: Socket) => {
    clearTimeout(waitingForRequest.get(socket));
    waitingForRequest.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    const admission = table.admit(socket, socket.remoteAddress ?? '');
    for (const victim of admission.evicted) victim.destroy();
    if (!admission.admitted) {
      socket.destroy();
      return;
    }
    socket.once('close', () => {
      firstRequestCame(socket);
      table.remove(socket);
    });
    const deadline = setTimeout(() => socket.destroy(), limits.firstRequestTimeoutMs);
    deadline.unref();
    waitingForRequest.set(socket, deadline);
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    firstRequestCame(socket);
    table.requestStarted(socket);
    response.once('close', () => table.requestEnded(socket));
    try {
      if (repeatsHost(request)) {
        options.refuseRequest(response, 400);
        return;
      }
      options.request(request, response);
    } catch {
      response.destroy();
    }
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    firstRequestCame(request.socket);
    table.pin(request.socket);
    try {
      if (repeatsHost(request)) {
        if (options.refuseUpgrade) options.refuseUpgrade(socket, 400);
        else socket.destroy();
        return;
      }
      if (options.upgrade) options.upgrade(request, socket, head);
      else socket.destroy();
    } catch {
      socket.destroy();
    }
  });

  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    hosts: allowedHosts(host, port, thisMachine()),
    origin: `http://${hostHeaderValue(isWildcard(host) ? '127.0.0.1' : host, port)}`,
    connections: () => table.size,
    close: () => {
      for (const timer of waitingForRequest.values()) clearTimeout(timer);
      waitingForRequest.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** More than one `Host` line: Node keeps the first, and a proxy may have read another. */
export function repeatsHost(request: Pick<IncomingMessage, 'rawHeaders'>): boolean {
  let seen = 0;
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index]?.toLowerCase() === 'host' && ++seen > 1) return true;
  }
  return false;
}

function thisMachine(): { addresses: string[]; hostName: string } {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry ? [entry.address] : []));
  return { addresses, hostName: hostname() };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
