import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the browser-mode server: only requests that name this server in `Host`
 * (so a rebound DNS name cannot reach it), that come from its own page when they carry an
 * `Origin`, and that know the token, from the URL or the cookie the page received.
 */
export interface AccessPolicy {
  token: string;
  /** Host names (without port) the server answers to. */
  hostNames: readonly string[];
  port: number;
}

export type AccessVerdict = 'ok' | 'bad-host' | 'bad-origin' | 'no-token';

export const loopbackHostNames = ['127.0.0.1', 'localhost', '[::1]'] as const;

export function cookieName(port: number): string {
  // Cookies ignore ports, so two servers on one host must not share a cookie name.
  return `stowage-token-${port}`;
}

export function checkAccess(request: IncomingMessage, policy: AccessPolicy): AccessVerdict {
  if (!allowedHost(request.headers.host, policy)) return 'bad-host';
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigin(origin, policy)) return 'bad-origin';
  return presentedToken(request, policy.port).some((token) => sameToken(token, policy.token))
    ? 'ok'
    : 'no-token';
}

export function tokenFromUrl(request: IncomingMessage): string | undefined {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  return url.searchParams.get('token') ?? undefined;
}

function presentedToken(request: IncomingMessage, port: number): string[] {
  const tokens: string[] = [];
  const fromUrl = tokenFromUrl(request);
  if (fromUrl) tokens.push(fromUrl);
  const fromCookie = readCookie(request.headers.cookie, cookieName(port));
  if (fromCookie) tokens.push(fromCookie);
  return tokens;
}

function allowedHost(host: string | undefined, policy: AccessPolicy): boolean {
  if (!host) return false;
  return policy.hostNames.some((name) => host === `${name}:${policy.port}`);
}

function allowedOrigin(origin: string, policy: AccessPolicy): boolean {
  return policy.hostNames.some((name) => origin === `http://${name}:${policy.port}`);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
