import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built renderer. Unknown paths get index.html, so reloading any page of the app
 * works; nothing outside `root` is ever read.
 */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse) {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    response.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) file = join(root, 'index.html');
  const index = await stat(file).catch(() => undefined);
  if (!index?.isFile()) {
    response
      .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('The Stowage UI is not built. Run `npm run build` and start again.');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': extname(file) === '.html' ? 'no-store' : 'max-age=31536000, immutable',
  });
  createReadStream(file).pipe(response);
}
