import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fsyncDirectory } from './atomic-write';
import { decodeLineLoosely } from './format';

/**
 * Damage found in the journal: recovery keeps the snapshot and every record before it, and the
 * bytes from it on are set aside (never deleted) and reported.
 */
export interface JournalDamage {
  /** What was found, e.g. "journal segment 3: a damaged record at byte 1234". */
  reason: string;
  /** The segment where the damage is (which may be gone). */
  segmentPath: string;
  /** The segment that is cut, and where: the bytes from `offset` on are set aside. */
  cut: { path: string; offset: number } | undefined;
  /** Whole segments after the damage, set aside. */
  laterSegments: string[];
  /** How many records were dropped; undefined when that cannot be told (a segment is gone). */
  droppedRecords: number | undefined;
  /** What the dropped records that can still be read were about, as `describeChange` says. */
  resources: string[];
}

/** At most this many resources are named; the count says how many records there were. */
const maxResources = 20;

/**
 * Counts the records in dropped journal bytes (a damaged one included) and names what those
 * that can still be read changed. Segment headers are not records.
 */
export function describeDropped(
  chunks: readonly Buffer[],
  describeChange: ((change: unknown) => string | undefined) | undefined,
): { droppedRecords: number; resources: string[] } {
  let droppedRecords = 0;
  const resources = new Set<string>();
  for (const chunk of chunks) {
    let offset = 0;
    while (offset < chunk.length) {
      const end = chunk.indexOf(0x0a, offset);
      const lineEnd = end === -1 ? chunk.length : end;
      const value = decodeLineLoosely(chunk.subarray(offset, lineEnd));
      offset = lineEnd + 1;
      if (isSegmentHeader(value)) continue;
      droppedRecords++;
      for (const change of changesOf(value)) {
        const resource = safely(() => describeChange?.(change));
        if (typeof resource === 'string' && resources.size < maxResources) resources.add(resource);
      }
    }
  }
  return { droppedRecords, resources: [...resources] };
}

function isSegmentHeader(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'store' in value && 'segment' in value;
}

function changesOf(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null || !('changes' in value)) return [];
  return Array.isArray(value.changes) ? value.changes : [];
}

/** The describer sees damaged data: whatever it throws only means "cannot tell". */
function safely<T>(describe: () => T): T | undefined {
  try {
    return describe();
  } catch {
    return undefined;
  }
}

/** `<prefix>-<time>` (made unique with a counter), created in `dir`. */
export async function timestampedFolder(dir: string, prefix: string, at: number) {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '-');
  let target = join(dir, `${prefix}-${stamp}`);
  for (let attempt = 2; ; attempt++) {
    try {
      await mkdir(target);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw error;
      target = join(dir, `${prefix}-${stamp}-${attempt}`);
    }
  }
}

/**
 * Keeps the dropped bytes in `<name>.damaged-<time>/`: the cut segment's bytes from the damage
 * on (as `<segment>.from-byte-<offset>`) and the later segments whole. The cut segment itself
 * is truncated when the journal is opened for writing. Resolves with the folder, or undefined
 * when there was nothing to keep (a segment that is gone or empty).
 */
export async function setAside(
  dir: string,
  name: string,
  damage: JournalDamage,
  at: number,
): Promise<string | undefined> {
  const cut = damage.cut;
  const cutBytes = cut ? await bytesFrom(cut.path, cut.offset) : undefined;
  if (!cutBytes?.length && damage.laterSegments.length === 0) return undefined;
  const folder = await timestampedFolder(dir, `${name}.damaged`, at);
  if (cut && cutBytes?.length) {
    const kept = join(folder, `${basename(cut.path)}.from-byte-${cut.offset}`);
    const handle = await open(kept, 'wx', 0o600);
    try {
      await handle.writeFile(cutBytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  for (const path of damage.laterSegments) await rename(path, join(folder, basename(path)));
  await fsyncDirectory(folder);
  await fsyncDirectory(dir);
  return folder;
}

async function bytesFrom(path: string, offset: number): Promise<Buffer> {
  return (await readFile(path)).subarray(offset);
}
