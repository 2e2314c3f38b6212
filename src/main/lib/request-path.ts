/** Longest request target read; anything longer is refused before any parsing. */
export const maxRequestTarget = 2048;

/**
 * The decoded path of a request target, or undefined when it cannot be one: not starting
 * with `/`, too long, a bad percent-escape, a NUL byte. Query and fragment are dropped. The
 * result still needs confining to a directory; see `resolveInside`.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (!target || target.length > maxRequestTarget || !target.startsWith('/')) return undefined;
  const end = target.search(/[?#]/);
  const raw = end === -1 ? target : target.slice(0, end);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  return decoded;
}

/**
 * The path's segments after `.` and `..` are applied, clamped at the root (as browsers do):
 * `/a/../../b` is `b`, and nothing can climb out. Backslashes count as separators too.
 */
export function cleanSegments(path: string): string[] {
  const segments: string[] = [];
  for (const segment of path.split(/[/\\]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}
