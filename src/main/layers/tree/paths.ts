/** A leading `/` or `./`, an empty, `.` or `..` part, or a trailing slash. */
const needsCleaning = /^\.{0,2}(\/|$)|\/\/|\/\.{1,2}(\/|$)|\/$/;

/**
 * Names of tar entries as layer paths: no leading `./` or `/`, `.` and `..` applied, never
 * above the root. Undefined for a name that escapes the root or names the root itself.
 */
export function cleanLayerPath(name: string): string | undefined {
  // Most names are clean already, or differ only by a directory's trailing slash.
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
  if (trimmed !== '' && !needsCleaning.test(trimmed)) return trimmed;
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export type Whiteout =
  | { kind: 'none' }
  /** `dir/.wh..wh..opq`: hides everything below `dir` in the lower layers. */
  | { kind: 'opaque'; directory: string }
  /** `dir/.wh.NAME`: deletes `dir/NAME` and its subtree from the lower layers. */
  | { kind: 'delete'; path: string }
  /** Other `.wh..wh.` names: metadata of the whiteout format, ignored. */
  | { kind: 'ignored' };

const opaqueMarker = '.wh..wh..opq';

/** What a cleaned layer path means under the OCI whiteout rules; a bare `.wh.` is an error. */
export function classifyWhiteout(path: string): Whiteout {
  const name = baseName(path);
  if (!name.startsWith('.wh.')) return { kind: 'none' };
  const directory = parentOf(path);
  if (name === opaqueMarker) return { kind: 'opaque', directory };
  if (name.startsWith('.wh..wh.')) return { kind: 'ignored' };
  const deleted = name.slice('.wh.'.length);
  if (deleted === '') throw new Error(`A whiteout without a name: ${path}`);
  return { kind: 'delete', path: directory ? `${directory}/${deleted}` : deleted };
}
