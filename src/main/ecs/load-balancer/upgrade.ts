import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../../lib/clock';
import { rawElbError } from './elb-answers';
import { forwardedHeaders, targetHeader, type ForwardedExchange } from './forward';

export interface UpgradeLimits {
  /** The target's answer head, as the client's is capped by the listener. */
  maxHeaderBytes: number;
  /** Until the target answers the handshake: then 504. */
  targetTimeoutMs: number;
  /** An upgraded connection with no traffic either way for this long is closed. */
  idleTimeoutMs: number;
}

export interface UpgradeTarget {
  host: string;
  port: number;
  /** Added to the handshake's answer, as to every proxied answer. */
  label: string;
}

/**
 * Carries an HTTP Upgrade (a WebSocket handshake) to a target, as an application load
 * balancer does: Node's HTTP client sends the handshake, and once the target switches
 * protocols the two sockets are piped both ways until either ends or both fall idle. A
 * target that declines answers the client as it would any request, on a connection then
 * closed; one that cannot be reached is a 502, one too slow to answer a 504.
 */
export function forwardUpgrade(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: UpgradeTarget,
  listenerPort: number,
  limits: UpgradeLimits,
  clock: Clock,
): ForwardedExchange {
  const headers = forwardedHeaders(request, listenerPort);
  // Hop-by-hop headers are dropped on the way; these two are the point of the exchange.
  headers.connection = 'Upgrade';
  headers.upgrade = request.headers.upgrade ?? '';
  let upstream: Duplex | undefined;
  let settle: (outcome: Awaited<ForwardedExchange['done']>) => void = () => undefined;
  const done = new Promise<Awaited<ForwardedExchange['done']>>((resolve) => {
    let settled = false;
    settle = (outcome) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(deadline);
      resolve(outcome);
    };
  });
  const outgoing = httpRequest({
    host: target.host,
    port: target.port,
    method: request.method,
    path: request.url,
    headers,
    agent: false,
    maxHeaderSize: limits.maxHeaderBytes,
  });
  const cut = () => {
    outgoing.destroy();
    upstream?.destroy();
    socket.destroy();
  };
  const fail = (status: 502 | 504) => {
    outgoing.destroy();
    if (socket.writable) socket.end(rawElbError(status));
    settle({ kind: 'elb-error', status });
  };
  const deadline = clock.setTimeout(() => fail(504), limits.targetTimeoutMs);

  socket.on('close', () => {
    if (upstream === undefined) outgoing.destroy();
    else upstream.destroy();
    settle({ kind: 'client-gone' });
  });
  outgoing.on('error', () => {
    if (upstream === undefined) fail(502);
  });
  outgoing.on('response', (answer) => {
    clock.clearTimeout(deadline);
    answer.on('error', () => socket.destroy());
    // Declined: its answer goes back whole, delimited by the end of the connection.
    socket.write(answerHead(answer, target.label, ['content-length', 'transfer-encoding']));
    answer.pipe(socket);
    answer.on('end', () => settle({ kind: 'answered', status: answer.statusCode ?? 502 }));
  });
  outgoing.on('upgrade', (answer: IncomingMessage, upgraded: Duplex, upgradedHead: Buffer) => {
    clock.clearTimeout(deadline);
    upstream = upgraded;
    if (socket.destroyed) {
      upgraded.destroy();
      return;
    }
    upgraded.on('error', () => cut());
    upgraded.on('close', () => {
      socket.destroy();
      settle({ kind: 'answered', status: 101 });
    });
    socket.write(answerHead(answer, target.label, []));
    if (upgradedHead.length > 0) socket.write(upgradedHead);
    if (head.length > 0) upgraded.write(head);
    for (const side of [socket, upgraded]) {
      if (side instanceof Socket) side.setTimeout(limits.idleTimeoutMs, cut);
    }
    upgraded.pipe(socket);
    socket.pipe(upgraded);
  });
  outgoing.end();

  return {
    abort: () => {
      cut();
      settle({ kind: 'client-gone' });
    },
    done,
  };
}

/**
 * The status line and headers of the target's answer, for a socket that is no longer an
 * HTTP exchange Node writes itself. Node parsed and checked them, so they carry no line break.
 */
function answerHead(answer: IncomingMessage, label: string, leaveOut: readonly string[]): string {
  const status = answer.statusCode ?? 502;
  let head = `HTTP/1.1 ${status} ${answer.statusMessage ?? ''}\r\n`;
  for (let index = 0; index + 1 < answer.rawHeaders.length; index += 2) {
    const name = answer.rawHeaders[index] ?? '';
    const lower = name.toLowerCase();
    if (lower === targetHeader || leaveOut.includes(lower)) continue;
    if (status !== 101 && lower === 'connection') continue;
    head += `${name}: ${answer.rawHeaders[index + 1] ?? ''}\r\n`;
  }
  if (status !== 101) head += 'Connection: close\r\n';
  return `${head}${targetHeader}: ${label}\r\n\r\n`;
}
