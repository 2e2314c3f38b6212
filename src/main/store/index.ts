/**
 * Durable state for the simulated control plane (and anything else kept as one JSON value
 * changed by typed change records).
 *
 * Design: an append-only journal with periodic snapshots, rather than rewriting the whole state
 * on every change. A rewrite costs O(size of the state) per mutation, which at thousands of
 * entities is megabytes per API call; a journal record costs O(size of the change).
 *
 * - append() applies the changes to `state` at once, encodes them as one journal record and
 *   resolves once that record is on disk (write + fdatasync). Calls that arrive while a write is
 *   under way are written together by the next one (group commit), so one fsync acknowledges
 *   every waiting call and throughput does not fall to one call per disk flush.
 * - Every record is a line with a crc32, so a record that was not written whole (a crash) or was
 *   damaged since is recognised. Open keeps the longest valid prefix: the snapshot and every
 *   record before the first damage (a bad record, a segment that is missing, empty or has lost
 *   its header). The bytes from the damage on are set aside in `<name>.damaged-<time>/`, and a
 *   `journal-damaged` notice (also written to stderr) says how many records were dropped and
 *   what they were about. What no prefix can be kept of (an unreadable snapshot, a version
 *   newer than this build, records out of sequence or that do not apply, a failing migration or
 *   validation) is corruption: the files are moved into `<name>.corrupt-<time>/`, the store
 *   starts from initial() and says so the same way. A new segment is written with its header
 *   beside it and renamed into place, so a crash never leaves one that looks damaged.
 * - A snapshot is taken once the journal has grown past max(1 MiB, twice the last snapshot's
 *   size): a new journal segment is started (later records go there), the state of that moment
 *   is serialised in slices of a few milliseconds between other work, and written in the
 *   background by atomicWriteFile (temp, fsync every MiB so journal fsyncs never wait behind
 *   the whole file, rename, fsync dir); only then are the older segments deleted. Because a
 *   snapshot of S bytes is written only after at least 2S bytes of journal, snapshot bytes are
 *   at most half the journal bytes: the amortised cost per mutation stays proportional to the
 *   change, whatever the size of the state, and recovery replays at most max(1 MiB, 2S) of
 *   journal. (Twice rather than once: when most of the state changes between snapshots, as a
 *   busy cluster's tasks do, serialising it is the dearest part of a write.)
 * - Open reads the snapshot, runs `migrations` from its version up to `version`, validates it,
 *   then replays every segment from the one the snapshot names, skipping records the snapshot
 *   already holds (sequence numbers). A crash between any two steps of a snapshot leaves files
 *   that recover to the same state. Records are not migrated: a journal written by an older
 *   version is replayed with the current `apply`, so change records must stay readable across
 *   versions (add new kinds of change rather than reshape old ones); after such an upgrade the
 *   store writes a snapshot in the current version straight away.
 * - A failed write or fsync fails the store: that append and every later one reject, since what
 *   is on disk can no longer be told from what is in memory. Reopening recovers what was durable.
 *
 * One process opens a store at a time: it listens on the socket `<name>.lock` (see lock.ts),
 * which the kernel closes when the process dies, so a killed holder never blocks a restart.
 */
import { mkdir } from 'node:fs/promises';
import { setAside, type JournalDamage } from './damage';
import { recover, moveAside, removeFiles, type Recovered } from './recover';
import { CorruptStoreError } from './format';
import { lockStore } from './lock';
import { JournalWriter } from './writer';

export { atomicWriteFile } from './atomic-write';
export { CorruptStoreError } from './format';
export { StoreLockedError } from './lock';
export { StoreClosedError, StoreFailedError } from './writer';

/** Something open had to do to the files, which the user must hear of. */
export type StoreNotice =
  | {
      /** Nothing could be kept: every file was moved into the folder `path`. */
      kind: 'moved-aside';
      path: string;
      reason: string;
      at: number;
    }
  | {
      /**
       * The journal was damaged: the snapshot and every record before the damage were kept,
       * the bytes from it on were set aside in the folder `path` (or, when there were none to
       * keep, `path` is the segment that is gone or empty).
       */
      kind: 'journal-damaged';
      path: string;
      reason: string;
      at: number;
      /** Undefined when it cannot be told (a segment is gone or empty). */
      droppedRecords: number | undefined;
      /** What the dropped records that could be read were about. */
      resources: string[];
    };

export interface DurableStore<S, C> {
  /** The recovered state, kept current by append(). */
  readonly state: S;
  /**
   * Applies the changes to `state` and resolves once they are on disk. Either all of them are
   * journalled or, when `apply` throws on one, those before it (already in `state`) are and
   * the call rejects with that error.
   */
  append(changes: readonly C[]): Promise<void>;
  /** What open had to do to the files, e.g. a corrupt file moved aside. */
  readonly notices: readonly StoreNotice[];
  /** Waits for pending writes and the snapshot under way; later appends reject. */
  close(): Promise<void>;
}

export interface StoreOptions<S, C> {
  /** Files live in dir, named after `name`. */
  dir: string;
  name: string;
  /** The current format version. */
  version: number;
  initial(): S;
  /** May mutate and return state; must throw before mutating anything. */
  apply(state: S, change: C): S;
  /** From version n to n + 1, run on the snapshot's state on open. */
  migrations?: Record<number, (snapshot: unknown) => unknown>;
  /** E.g. a zod parse of the (migrated) snapshot's state; throwing means corrupt. */
  validate?(state: unknown): S;
  /**
   * The state as JSON for a snapshot, in pieces that joined are what JSON.stringify(state)
   * answers (the default, in one piece). Called at the moment of the snapshot, it must take
   * then what it needs (appends change `state` in place afterwards); the pieces are taken
   * later, a slice at a time between other work. An implementation can make a piece from a
   * cache of the parts that have not changed since the last snapshot. A piece must not end
   * inside a character (between the halves of a surrogate pair): each is encoded on its own.
   */
  snapshotPieces?(state: S): Iterable<string>;
  /** Names what a change was about (a resource), to say what damage dropped. */
  describeChange?(change: unknown): string | undefined;
  /** Where what open had to do is told besides `notices`; standard error unless told. */
  warn?(line: string): void;
  /** The journal size that triggers a snapshot at the least; 1 MiB unless told. */
  snapshotMinBytes?: number;
}

const defaultSnapshotMinBytes = 1 << 20;

export async function openStore<S, C>(options: StoreOptions<S, C>): Promise<DurableStore<S, C>> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.name)) {
    throw new Error(`A store name is letters, digits, _ and -: "${options.name}" is not`);
  }
  if (!Number.isSafeInteger(options.version) || options.version < 1) {
    throw new Error(`A store version is a whole number from 1: ${options.version} is not`);
  }
  await mkdir(options.dir, { recursive: true });
  const unlock = await lockStore(options.dir, options.name);
  const notices: StoreNotice[] = [];
  let writer: JournalWriter<S, C>;
  try {
    const recovered = await recoverOrMoveAside(options, notices);
    if (recovered.damage) notices.push(await keepDamage(options, recovered.damage));
    await removeFiles(options.dir, recovered.leftovers);
    writer = await JournalWriter.open(options, recovered, {
      snapshotMinBytes: options.snapshotMinBytes ?? defaultSnapshotMinBytes,
    });
  } catch (error) {
    await unlock();
    throw error;
  }
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (const notice of notices) warn(describeNotice(options.name, notice));
  let closing: Promise<void> | undefined;
  return {
    get state() {
      return writer.state;
    },
    append: (changes) => writer.append(changes),
    notices,
    close: () => (closing ??= writer.close().finally(unlock)),
  };
}

async function recoverOrMoveAside<S, C>(
  options: StoreOptions<S, C>,
  notices: StoreNotice[],
): Promise<Recovered<S>> {
  try {
    return await recover(options);
  } catch (error) {
    if (!(error instanceof CorruptStoreError)) throw error;
    const at = Date.now();
    const path = await moveAside(options.dir, options.name, at);
    notices.push({ kind: 'moved-aside', path, reason: error.message, at });
    return fresh(options.initial());
  }
}

async function keepDamage<S, C>(
  options: StoreOptions<S, C>,
  damage: JournalDamage,
): Promise<StoreNotice> {
  const at = Date.now();
  const folder = await setAside(options.dir, options.name, damage, at);
  return {
    kind: 'journal-damaged',
    path: folder ?? damage.segmentPath,
    reason: damage.reason,
    at,
    droppedRecords: damage.droppedRecords,
    resources: damage.resources,
  };
}

/** One line for standard error. */
export function describeNotice(name: string, notice: StoreNotice): string {
  if (notice.kind === 'moved-aside') {
    return `stowage: the saved state of "${name}" was unreadable (${notice.reason}); it was moved to ${notice.path} and starts empty.`;
  }
  const dropped =
    notice.droppedRecords === undefined
      ? 'an unknown number of recent changes'
      : `${notice.droppedRecords} change record${notice.droppedRecords === 1 ? '' : 's'}`;
  const about = notice.resources.length > 0 ? ` (about ${notice.resources.join(', ')})` : '';
  return `stowage: the journal of "${name}" was damaged (${notice.reason}); the state before the damage was kept, ${dropped}${about} dropped, and what could not be replayed was kept in ${notice.path}.`;
}

function fresh<S>(state: S): Recovered<S> {
  return {
    state,
    seq: 0,
    snapshotBytes: 0,
    firstSegment: 0,
    segments: [],
    upgraded: false,
    leftovers: [],
  };
}
