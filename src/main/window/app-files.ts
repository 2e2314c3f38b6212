import { extname, join } from 'node:path';
import { cleanSegments, requestPath } from '../web/request-path';
import { appOrigin } from './app-page';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type AppFile =
  { file: string; contentType: string; fallbackToIndex: boolean } | { status: 400 | 404 };

/**
 * Which built file an `app://stowage/...` request names. Never a path outside `rootDir`: dot
 * segments are clamped at the root and escapes are refused. Paths without an extension are
 * routes of the app (index.html); any other host or scheme is not ours (404).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): AppFile {
  if (!requestUrl.startsWith(`${appOrigin}/`)) return { status: 404 };
  const path = requestPath(requestUrl.slice(appOrigin.length));
  if (path === undefined) return { status: 400 };
  const segments = cleanSegments(path);
  const last = segments.at(-1) ?? '';
  if (extname(last) === '') {
    return {
      file: join(rootDir, 'index.html'),
      contentType: contentTypes['.html'] as string,
      fallbackToIndex: true,
    };
  }
  return {
    file: join(rootDir, ...segments),
    contentType: contentTypes[extname(last)] ?? 'application/octet-stream',
    fallbackToIndex: false,
  };
}
