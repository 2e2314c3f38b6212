import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../lib/csp';

/** Sent with every response, errors included. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A short plain-text answer: errors say what is wrong and nothing more. */
export function sendPlain(
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  response.end(text);
}

/** The same, as raw bytes on a socket that never became an HTTP response (an upgrade). */
export function plainResponseBytes(status: number, reason: string): string {
  const headers = Object.entries(securityHeaders)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (
    `HTTP/1.1 ${status} ${reason}\r\n${headers}` +
    `Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n` +
    `Connection: close\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`
  );
}

/** A small JSON answer that no cache may keep (it carries the session token). */
export function sendJson(response: ServerResponse, value: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(value));
}
