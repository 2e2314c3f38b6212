import type { ServerResponse } from 'node:http';

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Time-out',
  413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** The page an application load balancer answers with when it answers a request itself. */
export function elbBody(status: number): string {
  const title = `${status} ${reasons[status] ?? 'Error'}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`
  );
}

/** Answers with ELB's own page, or cuts the exchange when the answer has already begun. */
export function sendElbError(response: ServerResponse, status: number, close = false): void {
  if (response.destroyed || response.writableEnded) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = elbBody(status);
  response.writeHead(status, {
    Server: 'awselb/2.0',
    'Content-Type': 'text/html',
    'Content-Length': String(Buffer.byteLength(body)),
    ...(close ? { Connection: 'close' } : {}),
  });
  response.end(body);
}

/** The same page on a socket that never became an HTTP exchange (a parse error or timeout). */
export function rawElbError(status: number): string {
  const body = elbBody(status);
  return (
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\nServer: awselb/2.0\r\n` +
    `Content-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}
