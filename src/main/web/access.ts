import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tokenFromSubprotocol, webSocketProtocol } from '../../shared';

/**
 * Who may talk to the browser-mode server. Every request must name this server in `Host` (so
 * a rebound DNS name cannot reach it) and, when it carries an `Origin`, come from this
 * server's own page. The WebSocket, which holds the keys to the engine, also needs the token,
 * which the page presents as a subprotocol: never in a URL the server logs, never in a cookie
 * that other ports of this host would receive.
 */
export interface AccessPolicy {
  token: string;
  /** `host:port` values the server answers to, lower case (IPv6 in brackets). */
  hosts: ReadonlySet<string>;
}

export type AccessVerdict = 'ok' | 'bad-host' | 'bad-origin' | 'no-token' | 'no-protocol';

/** Longest `Sec-WebSocket-Protocol` header read; a token is far shorter. */
const maxProtocolHeader = 4096;

export function checkPageRequest(
  headers: IncomingHttpHeaders,
  policy: AccessPolicy,
): AccessVerdict {
  if (!allowedHost(headers.host, policy)) return 'bad-host';
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigin(origin, policy)) return 'bad-origin';
  return 'ok';
}

export function checkSocketRequest(
  headers: IncomingHttpHeaders,
  policy: AccessPolicy,
): AccessVerdict {
  const page = checkPageRequest(headers, policy);
  if (page !== 'ok') return page;
  const offered = offeredProtocols(headers['sec-websocket-protocol']);
  if (!offered.includes(webSocketProtocol)) return 'no-protocol';
  const tokens = offered.map(tokenFromSubprotocol).filter((token) => token !== undefined);
  return tokens.some((token) => sameToken(token, policy.token)) ? 'ok' : 'no-token';
}

/** The subprotocols a client offers, read defensively. */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (text.length > maxProtocolHeader) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, 8);
}

/** Constant time whatever the lengths: both sides are hashed to the same size first. */
export function sameToken(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function allowedHost(host: string | undefined, policy: AccessPolicy): boolean {
  return typeof host === 'string' && policy.hosts.has(host.toLowerCase());
}

function allowedOrigin(origin: string, policy: AccessPolicy): boolean {
  const prefix = 'http://';
  return origin.startsWith(prefix) && allowedHost(origin.slice(prefix.length), policy);
}
