import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { hostHeaderValue } from '../../lib/host-names';
import { startLoopbackListener } from '../../lib/loopback-listener';

/** A request as the agent's handler sees it: its body is never read. */
export interface AgentRequest {
  /** The caller's address, as the socket has it (IPv4-mapped IPv6 unwrapped). */
  remoteAddress: string;
  method: string;
  path: string;
  /** Headers the handler may use (the IMDSv2 token ones), each a single value. */
  header(name: string): string | undefined;
}

export interface AgentAnswer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type AgentHandler = (request: AgentRequest) => Promise<AgentAnswer>;

export interface AgentServerLimits {
  maxPathBytes: number;
  maxHeaderBytes: number;
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const defaultAgentServerLimits: AgentServerLimits = {
  maxPathBytes: 1024,
  maxHeaderBytes: 8 * 1024,
  maxConnections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
};

export interface AgentServerOptions {
  host: string;
  port: number;
  handler: AgentHandler;
  /** Methods with no body the handler serves besides GET and HEAD (IMDSv2's token PUT). */
  extraMethods?: readonly string[];
  limits?: Partial<AgentServerLimits>;
}

export interface AgentServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTP edge of the container agent's endpoints (task metadata and credentials, instance
 * metadata). Only requests naming the address in `Host` (the link-local one containers use)
 * and carrying no `Origin` get to the handler; bodies are refused, paths and headers capped,
 * slow clients cut off, and nothing a client sends can stop the process.
 */
export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const limits = { ...defaultAgentServerLimits, ...options.limits };
  const methods = new Set(['GET', 'HEAD', ...(options.extraMethods ?? [])]);
  const hosts = new Set<string>();
  const listener = await startLoopbackListener({
    host: options.host,
    port: options.port,
    server: {
      maxHeaderSize: limits.maxHeaderBytes,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1000,
    },
    connections: { maxConnections: limits.maxConnections },
    request: (request, response) => {
      void handle(request, response).catch(() => response.destroy());
    },
    refuseRequest: (response, status) => sendError(response, status, 'Bad request.'),
  });
  listener.server.maxHeadersCount = 32;
  listener.server.on('clientError', (_error: Error, socket: Socket) => socket.destroy());
  // Host without a port is what clients send for port 80.
  hosts.add(hostHeaderValue(options.host, listener.port));
  if (listener.port === 80) hosts.add(options.host);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.on('error', () => response.destroy());
    response.on('error', () => undefined);
    const method = request.method ?? '';
    const url = request.url ?? '';
    if (request.headers.origin !== undefined) {
      return sendError(response, 403, 'Requests from web pages are refused.');
    }
    if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
      return sendError(response, 403, 'This endpoint answers to its own address only.');
    }
    if (!methods.has(method)) return sendError(response, 405, 'Method not allowed.');
    if (Buffer.byteLength(url) > limits.maxPathBytes || !url.startsWith('/')) {
      return sendError(response, 414, 'The path is too long.');
    }
    const length = request.headers['content-length'];
    if ((length !== undefined && length !== '0') || request.headers['transfer-encoding']) {
      return sendError(response, 413, 'This endpoint takes no request body.');
    }
    const answer = await options.handler({
      remoteAddress: unmapped(request.socket.remoteAddress ?? ''),
      method,
      path: url.split('?')[0] ?? '',
      header: (name) => {
        const value = request.headers[name.toLowerCase()];
        return typeof value === 'string' ? value : undefined;
      },
    });
    send(response, answer, method === 'HEAD');
  }

  return { host: options.host, port: listener.port, close: listener.close };
}

function unmapped(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function sendError(response: ServerResponse, status: number, message: string): void {
  send(response, { status, body: JSON.stringify({ message }), headers: { Connection: 'close' } });
}

function send(response: ServerResponse, answer: AgentAnswer, headOnly = false): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType ?? 'application/json',
    'Content-Length': String(Buffer.byteLength(answer.body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...answer.headers,
  });
  response.end(headOnly ? undefined : answer.body);
}
