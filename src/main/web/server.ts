import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import {
  sessionExchangePath,
  ticketHeader,
  ticketParameter,
  webSocketPath,
  webSocketProtocol,
} from '../../shared';
import type { ConnectionLimits } from '../lib/connection-policy';
import { startLoopbackListener, type LoopbackListener } from '../lib/loopback-listener';
import type { AppBackend } from '../composition';
import { maxFrameBytes, serveWebSocketClient } from '../transports/websocket';
import { checkPageRequest, checkSocketRequest, type AccessPolicy } from './access';
import { plainResponseBytes, sendJson, sendPlain } from './headers';
import { serveStatic } from './static-files';
import { requestPath } from '../lib/request-path';
import { TicketBook } from './tickets';

export interface WebServerOptions {
  services: Pick<AppBackend, 'router' | 'events'>;
  rendererDir: string;
  /** Address to listen on; loopback unless the user says otherwise. */
  host?: string;
  port?: number;
  /** At least `minTokenLength` characters; a random 256-bit token when absent. */
  token?: string | undefined;
  /** WebSocket clients at once; one more is refused with 503. */
  maxClients?: number;
  /** Connections held at once, and for how long one may stay silent. */
  connections?: Partial<ConnectionLimits> | undefined;
}

export interface WebServer {
  /** The URL to open: it carries a one-time ticket, never the token. */
  url: string;
  /** Another URL with a fresh ticket (the first one is spent once opened). */
  freshUrl(): string;
  port: number;
  /** The session token a ticket is exchanged for; scripts may present it directly. */
  token: string;
  close(): Promise<void>;
}

export const minTokenLength = 32;

/** Far longer than a ticket: anything longer is refused unread. */
const maxTicketLength = 256;

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
  const tickets = new TicketBook({ now: () => Date.now(), randomBytes });
  const maxClients = options.maxClients ?? 32;

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    handleProtocols: (offered) => (offered.has(webSocketProtocol) ? webSocketProtocol : false),
  });
  sockets.on('error', () => undefined);
  sockets.on('wsClientError', (_error, socket) => refuse(socket, 400));

  const listener = await startLoopbackListener({
    host,
    port: options.port ?? 0,
    server: { requestTimeout: 30_000, headersTimeout: 10_000 },
    connections: options.connections,
    request: (req, res) => handleRequest(req, res, { policy, tickets }, options.rendererDir),
    upgrade: (request, socket, head) => {
      const status = upgradeRefusal(request, policy, sockets.clients.size >= maxClients);
      if (status !== undefined) return refuse(socket, status);
      sockets.handleUpgrade(request, socket, head, (ws) =>
        serveWebSocketClient(ws, options.services),
      );
    },
    refuseRequest: (response, status) => sendPlain(response, status, 'Bad request.'),
    refuseUpgrade: (socket, status) => refuse(socket, status),
  });
  listener.server.on('clientError', (_error, socket: Socket) => refuse(socket, 400));
  policy.hosts = listener.hosts;
  const freshUrl = () => `${listener.origin}/?${ticketParameter}=${tickets.issue()}`;
  return {
    url: freshUrl(),
    freshUrl,
    port: listener.port,
    token,
    close: () => close(listener, sockets),
  };
}

function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  { policy, tickets }: { policy: AccessPolicy; tickets: TicketBook },
  rendererDir: string,
): void {
  request.on('error', () => response.destroy());
  response.on('error', () => undefined);
  if (checkPageRequest(request.headers, policy) !== 'ok') {
    return sendPlain(response, 403, 'Forbidden');
  }
  const path = requestPath(request.url);
  if (path === sessionExchangePath) return exchangeTicket(request, response, policy, tickets);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendPlain(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
  }
  if (path === undefined) return sendPlain(response, 400, 'Bad request.');
  serveStatic(rendererDir, path, response, request.method === 'HEAD').catch(() =>
    sendPlain(response, 500, 'Could not read the file.'),
  );
}

/** The page trades the one-time ticket from its URL for the session token. */
function exchangeTicket(
  request: IncomingMessage,
  response: ServerResponse,
  policy: AccessPolicy,
  tickets: TicketBook,
): void {
  if (request.method !== 'POST') {
    return sendPlain(response, 405, 'Method not allowed.', { Allow: 'POST' });
  }
  const ticket = request.headers[ticketHeader.toLowerCase()];
  if (typeof ticket !== 'string' || ticket.length > maxTicketLength || !tickets.redeem(ticket)) {
    return sendPlain(
      response,
      401,
      'This link was used already or has expired. Press Enter where stowage web runs for a fresh one.',
    );
  }
  request.resume();
  sendJson(response, { token: policy.token });
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

function close(listener: LoopbackListener, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  return listener.close();
}
