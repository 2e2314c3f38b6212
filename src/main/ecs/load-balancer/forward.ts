import {
  request as httpRequest,
  type Agent,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { Clock } from '../../lib/clock';
import { sendElbError } from './elb-answers';

/** RFC 9110 §7.6.1: meaningful for one connection only, never passed on. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The names a `Connection` header lists (beyond the hop-by-hop ones everybody knows). */
function connectionNames(connection: string | undefined): ReadonlySet<string> | undefined {
  if (connection === undefined) return undefined;
  const named = new Set<string>();
  for (const name of connection.split(',')) {
    const trimmed = name.trim().toLowerCase();
    if (trimmed && !hopByHop.has(trimmed)) named.add(trimmed);
  }
  return named.size > 0 ? named : undefined;
}

/** The headers without hop-by-hop ones, and without those `Connection` names. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  const named = connectionNames(headers.connection);
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || hopByHop.has(name) || named?.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** What an application load balancer adds for its target (X-Forwarded-For appended to). */
export function forwardedHeaders(
  request: IncomingMessage,
  listenerPort: number,
): OutgoingHttpHeaders {
  const headers = endToEndHeaders(request.headers);
  const client = request.socket.remoteAddress ?? '';
  const before = request.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = before ? `${String(before)}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(listenerPort);
  return headers;
}

export interface ForwardLimits {
  maxBodyBytes: number;
  /** Until the target's response headers arrive: then 504. */
  targetTimeoutMs: number;
  /** A target connection with no traffic for this long is cut. */
  idleTimeoutMs: number;
}

export interface ForwardTarget {
  host: string;
  port: number;
  agent: Agent;
  /** Added to the answer so a client (the app's traffic generator) can tell who served it. */
  label: string;
}

/** How one exchange ended, for the counts. */
export type ForwardOutcome =
  | { kind: 'answered'; status: number }
  | { kind: 'elb-error'; status: 502 | 504 }
  | { kind: 'client-gone' };

export interface ForwardedExchange {
  /** Cuts the exchange (a draining target's time is up). */
  abort(): void;
  done: Promise<ForwardOutcome>;
}

/** The response header naming the target that served an answer. */
export const targetHeader = 'x-stowage-target';

/**
 * Carries one request to a target and its answer back, streaming both bodies: Node's own
 * HTTP client on a keep-alive agent (no parsing of our own). A connection failure answers
 * 502, a target that does not answer in time 504, as an application load balancer does. A
 * body-less request that met a kept-alive socket the target had just closed is sent once more.
 */
export function forward(
  request: IncomingMessage,
  response: ServerResponse,
  target: ForwardTarget,
  listenerPort: number,
  limits: ForwardLimits,
  clock: Clock,
): ForwardedExchange {
  const headers = forwardedHeaders(request, listenerPort);
  const bodyless =
    request.headers['content-length'] === undefined &&
    request.headers['transfer-encoding'] === undefined;
  let settle: (outcome: ForwardOutcome) => void = () => undefined;
  const done = new Promise<ForwardOutcome>((resolve) => {
    let settled = false;
    settle = (outcome) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(deadline);
      resolve(outcome);
    };
  });
  let upstream: ClientRequest | undefined;
  const fail = (status: 502 | 504) => {
    upstream?.destroy();
    sendElbError(response, status, !request.complete);
    settle({ kind: 'elb-error', status });
  };
  const deadline = clock.setTimeout(() => {
    if (!response.headersSent) fail(504);
  }, limits.targetTimeoutMs);

  response.on('close', () => {
    if (!response.writableFinished) {
      upstream?.destroy();
      settle({ kind: 'client-gone' });
    }
  });

  const send = (retry: boolean) => {
    const outgoing = httpRequest({
      host: target.host,
      port: target.port,
      method: request.method,
      path: request.url,
      headers,
      agent: target.agent,
    });
    upstream = outgoing;
    outgoing.setTimeout(limits.idleTimeoutMs, () => outgoing.destroy(new Error('idle')));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (upstream !== outgoing) return;
      if (retry && outgoing.reusedSocket && error.code === 'ECONNRESET' && !response.headersSent) {
        send(false);
        return;
      }
      if (response.headersSent) {
        response.destroy();
        settle({ kind: 'elb-error', status: 502 });
      } else fail(error.message === 'idle' ? 504 : 502);
    });
    outgoing.on('response', (answer) => {
      if (response.destroyed) {
        answer.destroy();
        return;
      }
      const status = answer.statusCode ?? 502;
      const headers = endToEndHeaders(answer.headers);
      headers[targetHeader] = target.label;
      response.writeHead(status, answer.statusMessage, headers);
      answer.on('error', () => response.destroy());
      answer.pipe(response);
      answer.on('end', () => settle({ kind: 'answered', status }));
    });
    if (bodyless) outgoing.end();
  };

  send(bodyless);
  if (!bodyless) {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limits.maxBodyBytes) {
      upstream?.destroy();
      sendElbError(response, 413, true);
      settle({ kind: 'client-gone' });
    } else {
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBodyBytes) {
          upstream?.destroy();
          request.unpipe();
          sendElbError(response, 413, true);
          settle({ kind: 'client-gone' });
        }
      });
      if (upstream) request.pipe(upstream);
    }
  }
  request.on('error', () => {
    upstream?.destroy();
    response.destroy();
    settle({ kind: 'client-gone' });
  });

  return {
    abort: () => {
      upstream?.destroy();
      response.destroy();
      settle({ kind: 'client-gone' });
    },
    done,
  };
}
