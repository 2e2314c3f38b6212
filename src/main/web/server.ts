import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientMessageSchema, StowageError, webSocketPath, type ServerMessage } from '../../shared';
import { createCallSession } from '../ipc/call-session';
import type { Services } from '../services';
import {
  checkAccess,
  cookieName,
  loopbackHostNames,
  tokenFromUrl,
  type AccessPolicy,
} from './access';
import { serveStatic } from './static-files';

export interface WebServerOptions {
  services: Services;
  rendererDir: string;
  /** Address to listen on; loopback unless the user says otherwise. */
  host?: string;
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Browser mode: the built renderer and the contract over one WebSocket, behind a token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token || randomBytes(24).toString('hex');
  const host = options.host ?? '127.0.0.1';
  const policy: AccessPolicy = { token, port: 0, hostNames: hostNamesFor(host) };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const server = createServer((request, response) => {
    const verdict = checkAccess(request, policy);
    if (verdict !== 'ok') {
      response.writeHead(verdict === 'no-token' ? 401 : 403, { 'Content-Type': 'text/plain' });
      response.end(verdict === 'no-token' ? 'Unauthorized' : 'Forbidden');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (tokenFromUrl(request)) {
      headers['Set-Cookie'] =
        `${cookieName(policy.port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
    }
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    serveStatic(options.rendererDir, path, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    const verdict = path === webSocketPath ? checkAccess(request, policy) : 'bad-host';
    if (verdict !== 'ok') {
      const status = verdict === 'no-token' ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveClient(ws, options.services));
  });

  await listen(server, host, options.port ?? 0);
  policy.port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${policy.port}/?token=${token}`,
    port: policy.port,
    token,
    close: () => close(server, sockets),
  };
}

function serveClient(ws: WebSocket, services: Services): void {
  const session = createCallSession(services.router);
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = services.events.subscribe((event) => send({ kind: 'event', ...event }));
  send({ kind: 'event', name: 'engine.status', payload: services.engineStatus() });

  ws.on('message', (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return;
    }
    const message = clientMessageSchema.safeParse(parsed);
    if (!message.success) {
      const id = (parsed as { id?: unknown } | null)?.id;
      if (typeof id === 'number') {
        const error = new StowageError('INVALID_INPUT', 'Malformed message.').toPayload();
        send({ kind: 'reply', id, envelope: { error } });
      }
      return;
    }
    if (message.data.kind === 'cancel') {
      session.cancel(message.data.id);
      return;
    }
    const { id } = message.data;
    void session.call(message.data).then((envelope) => send({ kind: 'reply', id, envelope }));
  });
  ws.on('close', () => {
    unsubscribe();
    session.close();
  });
}

function hostNamesFor(host: string): string[] {
  const names: string[] = [...loopbackHostNames];
  if (!names.includes(host) && host !== '0.0.0.0' && host !== '::') {
    names.push(host.includes(':') ? `[${host}]` : host);
  }
  return names;
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
