import { z } from 'zod';
import type { FileChange } from '../../../../shared';

/** Paths stated at most per answer; the rest keep no size ("size unknown"). */
export const statLimit = 2000;
/** Stats asked of the engine at once. */
const concurrency = 8;

const pathStatSchema = z.object({
  name: z.string(),
  size: z.number().nonnegative(),
  mode: z.number().int().nonnegative(),
  linkTarget: z.string().optional(),
});

/** Bits of Go's os.FileMode, which the engine's stat carries. */
const goModeBits = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  device: 2 ** 26,
  namedPipe: 2 ** 25,
  socket: 2 ** 24,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
} as const;

export type PathStat = Pick<FileChange, 'type' | 'size' | 'mode' | 'linkTarget'>;

/**
 * The `X-Docker-Container-Path-Stat` header (base64 JSON of name, size, Go file mode, mtime and
 * link target) as a change's type, size, Unix mode and link target; undefined if malformed.
 * Links, devices and fifos have no bytes of their own, so their size is 0; a socket has no
 * type of the tree's.
 */
export function toPathStat(header: string): PathStat | undefined {
  let raw: unknown;
  try {
    const bytes = Uint8Array.from(atob(header), (char) => char.charCodeAt(0));
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  const parsed = pathStatSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { size, mode, linkTarget } = parsed.data;
  const has = (bit: number) => Math.floor(mode / bit) % 2 === 1;
  const type: PathStat['type'] = has(goModeBits.dir)
    ? 'dir'
    : has(goModeBits.symlink)
      ? 'symlink'
      : has(goModeBits.device)
        ? has(goModeBits.charDevice)
          ? 'char'
          : 'block'
        : has(goModeBits.namedPipe)
          ? 'fifo'
          : has(goModeBits.socket)
            ? undefined
            : 'file';
  const unixMode =
    (mode % 0o1000) +
    (has(goModeBits.setuid) ? 0o4000 : 0) +
    (has(goModeBits.setgid) ? 0o2000 : 0) +
    (has(goModeBits.sticky) ? 0o1000 : 0);
  return {
    ...(type !== undefined ? { type } : {}),
    size: type === 'file' ? size : 0,
    mode: unixMode,
    ...(linkTarget ? { linkTarget } : {}),
  };
}

/**
 * The changes with the engine's stat of each path still there: the first `limit` added or
 * modified ones, a few at a time. Removed paths have none; a path gone since, none either.
 */
export async function withSizes(
  changes: readonly FileChange[],
  stat: (path: string) => Promise<string | undefined>,
  limit = statLimit,
): Promise<FileChange[]> {
  const present = changes.filter((change) => change.kind !== 'removed').slice(0, limit);
  const stats = new Map<string, PathStat>();
  let next = 0;
  const statNext = async (): Promise<void> => {
    for (let change = present[next++]; change; change = present[next++]) {
      const header = await stat(change.path);
      const parsed = header === undefined ? undefined : toPathStat(header);
      if (parsed) stats.set(change.path, parsed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, present.length) }, statNext));
  return changes.map((change) => ({ ...change, ...stats.get(change.path) }));
}
