import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { contentTypeOf } from '../lib/content-types';
import { securityHeaders, sendPlain } from './headers';
import { cleanSegments } from '../lib/request-path';

/**
 * Serves the built renderer. Paths without an extension are routes of the app and get
 * index.html, so reloading any page works; a missing file with an extension is a 404.
 * Nothing outside `root` is ever read: the path is cleaned to segments below it first.
 */
export async function serveStatic(
  root: string,
  path: string,
  response: ServerResponse,
  headOnly: boolean,
): Promise<void> {
  const segments = cleanSegments(path);
  const wanted = join(root, ...segments);
  const found = await stat(wanted).catch(() => undefined);
  let file = wanted;
  if (!found?.isFile()) {
    if (extname(segments.at(-1) ?? '') !== '') {
      sendPlain(response, 404, 'Not found.');
      return;
    }
    file = join(root, 'index.html');
  }
  const info = found?.isFile() ? found : await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    sendPlain(response, 503, 'The Stowage UI is not built. Run `npm run build` and start again.');
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(info.size),
    'Cache-Control': extname(file) === '.html' ? 'no-store' : 'max-age=31536000, immutable',
  });
  if (headOnly) {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
