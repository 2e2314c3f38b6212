import { extname, join } from 'node:path';
import { contentTypeOf } from '../lib/content-types';
import { cleanSegments, requestPath } from '../lib/request-path';
import { appOrigin } from './app-page';

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
    const file = join(rootDir, 'index.html');
    return { file, contentType: contentTypeOf(file), fallbackToIndex: true };
  }
  return {
    file: join(rootDir, ...segments),
    contentType: contentTypeOf(last),
    fallbackToIndex: false,
  };
}
