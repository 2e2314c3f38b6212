import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { webSocketPath, webSocketProtocol } from '../../shared';
import type { Services } from '../composition';
import { maxFrameBytes, serveWebSocketClient } from '../transports/websocket';
import { checkPageRequest, checkSocketRequest, type AccessPolicy } from './access';
import { plainResponseBytes, sendPlain } from './headers';
import { serveStatic } from './static-files';
import { allowedHosts, hostHeaderValue, isWildcard } from './host-names';
import { requestPath } from './request-path';

export interface WebServerOptions {
  services: Pick<Services, 'router' | 'events'>;
  rendererDir: string;
  /** Address to listen on; loopback unless the user says otherwise. */
  host?: string;
  port?: number;
  /** At least `minTokenLength` characters; a random 256-bit token when absent. */
  token?: string | undefined;
  /** WebSocket clients at once; one more is refused with 503. */
  maxClients?: number;
}

export interface WebServer {
  /** The URL to open, with the token percent-encoded. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const minTokenLength = 32;

const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/**
 * Browser mode: the built renderer and the contract over one WebSocket. The page and its
 * files hold no secret and need only a good Host (and Origin); the socket also needs the
 * token. Nothing a client sends can stop the process: every parse is total, every socket has
 * an error handler, and a handler that throws ends its own connection only.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  if (token.length < minTokenLength) {
    throw new Error(`The token must be at least ${minTokenLength} characters long.`);
  }
  const host = options.host ?? '127.0.0.1';
  const policy: AccessPolicy = { token, hosts: new Set() };
  const maxClients = options.maxClients ?? 32;

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    handleProtocols: (offered) => (offered.has(webSocketProtocol) ? webSocketProtocol : false),
  });
  sockets.on('error', () => undefined);
  sockets.on('wsClientError', (_error, socket) => refuse(socket, 400));

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) =>
    guarded(
      () => handleRequest(req, res, policy, options.rendererDir),
      () => res.destroy(),
    ),
  );
  server.on('clientError', (_error, socket: Socket) => refuse(socket, 400));
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    guarded(
      () => {
        const status = upgradeRefusal(request, policy, sockets.clients.size >= maxClients);
        if (status !== undefined) return refuse(socket, status);
        sockets.handleUpgrade(request, socket, head, (ws) =>
          serveWebSocketClient(ws, options.services),
        );
      },
      () => socket.destroy(),
    );
  });

  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  policy.hosts = allowedHosts(host, port, thisMachine());
  const urlHost = hostHeaderValue(isWildcard(host) ? '127.0.0.1' : host, port);
  return {
    url: `http://${urlHost}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: () => close(server, sockets),
  };
}

function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  policy: AccessPolicy,
  rendererDir: string,
): void {
  request.on('error', () => response.destroy());
  response.on('error', () => undefined);
  if (checkPageRequest(request.headers, policy) !== 'ok') {
    return sendPlain(response, 403, 'Forbidden');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendPlain(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
  }
  const path = requestPath(request.url);
  if (path === undefined) return sendPlain(response, 400, 'Bad request.');
  serveStatic(rendererDir, path, response, request.method === 'HEAD').catch(() =>
    sendPlain(response, 500, 'Could not read the file.'),
  );
}

function upgradeRefusal(
  request: IncomingMessage,
  policy: AccessPolicy,
  full: boolean,
): number | undefined {
  const verdict = checkSocketRequest(request.headers, policy);
  if (verdict === 'bad-host' || verdict === 'bad-origin') return 403;
  if (requestPath(request.url) !== webSocketPath) return 404;
  if (verdict !== 'ok') return 401;
  if (full) return 503;
  return undefined;
}

function refuse(socket: Duplex, status: number): void {
  if (socket.writable) socket.end(plainResponseBytes(status, statusText[status] ?? 'Error'));
  socket.destroy();
}

/** Runs a connection handler; if it throws, only that connection ends. */
function guarded(handler: () => void, endConnection: () => void): void {
  try {
    handler();
  } catch {
    endConnection();
  }
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

function close(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
