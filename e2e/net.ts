import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';

export type WebSocketAttempt =
  { opened: true } | { opened: false; status?: number; error?: string };

/** Opens a WebSocket from Node, where every header (Origin, Host, Cookie) is ours to choose. */
export function tryWebSocket(
  url: string,
  headers: Record<string, string>,
  protocols: string[] = [],
): Promise<WebSocketAttempt> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, protocols, { headers, handshakeTimeout: 10_000 });
    socket.once('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
      resolve({ opened: false, status: response.statusCode });
    });
    socket.once('error', (error) => resolve({ opened: false, error: error.message }));
  });
}

/** A GET with exactly the Host header we give, which fetch and Playwright do not allow. */
export function getWithHost(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { Host: host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}
