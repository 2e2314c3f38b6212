import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fsyncDirectory, isAtomicTempFile } from './atomic-write';
import { describeDropped, timestampedFolder, type JournalDamage } from './damage';
import {
  CorruptStoreError,
  decodeSnapshot,
  parseRecord,
  parseSegmentHeader,
  scanLines,
  type SegmentHeader,
} from './format';

export interface RecoverOptions<S, C> {
  dir: string;
  name: string;
  version: number;
  initial(): S;
  apply(state: S, change: C): S;
  migrations?: Record<number, (snapshot: unknown) => unknown>;
  validate?(state: unknown): S;
  /** Names what a change was about (a resource), for reporting dropped records. */
  describeChange?(change: unknown): string | undefined;
}

export interface LiveSegment {
  segment: number;
  path: string;
  /** Bytes of whole records (the header included); a torn tail is not counted. */
  bytes: number;
  /** The format version its records were written in; undefined when its header is torn. */
  version: number | undefined;
  torn: boolean;
}

export interface Recovered<S> {
  state: S;
  /** The sequence number of the last change in `state`. */
  seq: number;
  snapshotBytes: number;
  /** The segment the snapshot starts from: where a fresh journal goes when there is none. */
  firstSegment: number;
  /** Segments to replay, oldest first; only the last may have a torn tail. */
  segments: LiveSegment[];
  /** The state came from an older format version: it should be written in the current one. */
  upgraded: boolean;
  /** Files left by a crash mid-snapshot: folded-in segments and temporary files. */
  leftovers: string[];
  /** Damage in the journal: the state holds every record before it, the rest is dropped. */
  damage?: JournalDamage;
}

export const snapshotFileName = (name: string) => `${name}.snapshot`;
export const segmentFileName = (name: string, segment: number) => `${name}.journal-${segment}`;

interface StoreFiles {
  snapshot: string | undefined;
  segments: { segment: number; path: string }[];
  temps: string[];
}

async function listStoreFiles(dir: string, name: string): Promise<StoreFiles> {
  const entries = await readdir(dir);
  const snapshotName = snapshotFileName(name);
  const segments: StoreFiles['segments'] = [];
  const temps: string[] = [];
  for (const entry of entries) {
    const ours = entry.startsWith(`${snapshotName}.`) || entry.startsWith(`${name}.journal-`);
    if (ours && isAtomicTempFile(entry)) {
      temps.push(join(dir, entry));
      continue;
    }
    const match = /^(.*)\.journal-(0|[1-9]\d{0,15})$/.exec(entry);
    if (match?.[1] === name) segments.push({ segment: Number(match[2]), path: join(dir, entry) });
  }
  segments.sort((a, b) => a.segment - b.segment);
  return {
    snapshot: entries.includes(snapshotName) ? join(dir, snapshotName) : undefined,
    segments,
    temps,
  };
}

function migrate<S, C>(options: RecoverOptions<S, C>, from: number, snapshot: unknown): unknown {
  let value = snapshot;
  for (let version = from; version < options.version; version++) {
    const step = options.migrations?.[version];
    if (!step) throw new CorruptStoreError(`no migration from format version ${version}`);
    try {
      value = step(value);
    } catch (error) {
      throw new CorruptStoreError(
        `the migration from format version ${version} failed: ${(error as Error).message}`,
      );
    }
  }
  return value;
}

function checkVersion(version: number, current: number, what: string) {
  if (version > current) {
    throw new CorruptStoreError(
      `${what} is in format version ${version}, newer than this build reads (${current})`,
    );
  }
}

async function readSnapshot<S, C>(options: RecoverOptions<S, C>, path: string) {
  const data = await readFile(path);
  const { header, state } = decodeSnapshot(data, 'the snapshot');
  if (header.store !== options.name) {
    throw new CorruptStoreError(`the snapshot belongs to store "${header.store}"`);
  }
  checkVersion(header.version, options.version, 'the snapshot');
  const migrated = migrate(options, header.version, state);
  let valid: S;
  try {
    valid = options.validate ? options.validate(migrated) : (migrated as S);
  } catch (error) {
    throw new CorruptStoreError(`the snapshot's state is not valid: ${(error as Error).message}`);
  }
  return { header, state: valid, bytes: data.length };
}

/**
 * Rebuilds the state from the files in `dir`: the snapshot (migrated and validated), then every
 * journal segment from the one it names, skipping changes it already holds, up to the first
 * damage (a record that was not written whole or was damaged since, a segment that is missing,
 * empty or has lost its header), which is described in `damage`. Throws CorruptStoreError for
 * what no prefix can be kept of: an unreadable snapshot, files of a newer version or another
 * store, records that do not follow on from each other or do not apply.
 */
export async function recover<S, C>(options: RecoverOptions<S, C>): Promise<Recovered<S>> {
  const files = await listStoreFiles(options.dir, options.name);
  const leftovers = [...files.temps];
  let state: S;
  let seq = 0;
  let snapshotBytes = 0;
  let firstSegment = 0;
  let upgraded = false;
  if (files.snapshot) {
    const snapshot = await readSnapshot(options, files.snapshot);
    state = snapshot.state;
    seq = snapshot.header.seq;
    snapshotBytes = snapshot.bytes;
    firstSegment = snapshot.header.segment;
    upgraded = snapshot.header.version < options.version;
  } else {
    state = options.initial();
  }
  leftovers.push(...files.segments.filter((s) => s.segment < firstSegment).map((s) => s.path));
  const replayed = files.segments.filter((s) => s.segment >= firstSegment);
  if (!files.snapshot && replayed[0] && replayed[0].segment !== 0) {
    throw new CorruptStoreError(`journal segment ${replayed[0].segment} has no snapshot before it`);
  }
  const segments: LiveSegment[] = [];
  let damage: Omit<JournalDamage, 'droppedRecords' | 'resources'> | undefined;
  let droppedBytes: Buffer[] = [];
  /** What a segment that is gone, empty or cut inside its header held cannot be counted. */
  let countable = true;
  let previousSeq = 0;
  for (const [index, file] of replayed.entries()) {
    const expected = firstSegment + index;
    const later = replayed.slice(index + 1).map((s) => s.path);
    if (file.segment !== expected) {
      damage = {
        reason: `journal segment ${expected} is missing`,
        segmentPath: join(options.dir, segmentFileName(options.name, expected)),
        cut: undefined,
        laterSegments: [file.path, ...later],
      };
      countable = false;
      break;
    }
    const what = `journal segment ${file.segment}`;
    const data = await readFile(file.path);
    const scanned = scanLines(data);
    const [first, ...records] = scanned.lines;
    if (!first) {
      segments.push({ ...file, bytes: 0, version: undefined, torn: true });
      damage = {
        reason: data.length === 0 ? `${what} is empty` : `${what} has lost its header`,
        segmentPath: file.path,
        cut: { path: file.path, offset: 0 },
        laterSegments: later,
      };
      // The records after a damaged header line can still be counted.
      const headerEnd = data.indexOf(0x0a);
      countable = headerEnd !== -1;
      droppedBytes = [data.subarray(headerEnd + 1)];
      break;
    }
    const header: SegmentHeader = parseSegmentHeader(first.value, what);
    if (header.store !== options.name || header.segment !== file.segment) {
      throw new CorruptStoreError(`${what} has the header of another file`);
    }
    checkVersion(header.version, options.version, what);
    upgraded ||= header.version < options.version;
    for (const line of records) {
      const record = parseRecord<C>(line.value, what);
      if (record.seq > seq + 1) {
        throw new CorruptStoreError(`${what} skips from change ${seq} to ${record.seq}`);
      }
      if (record.seq <= previousSeq) {
        throw new CorruptStoreError(`${what}: change ${record.seq} comes after ${previousSeq}`);
      }
      previousSeq = record.seq;
      // Records the snapshot already holds: written after it was serialised.
      if (record.seq <= seq) continue;
      try {
        for (const change of record.changes) state = options.apply(state, change);
      } catch (error) {
        throw new CorruptStoreError(
          `${what}: change ${record.seq} does not apply: ${(error as Error).message}`,
        );
      }
      seq = record.seq;
    }
    segments.push({
      ...file,
      bytes: scanned.goodLength,
      version: header.version,
      torn: scanned.torn,
    });
    if (scanned.torn) {
      damage = {
        reason: `${what}: the record at byte ${scanned.goodLength} is damaged or incomplete`,
        segmentPath: file.path,
        cut: { path: file.path, offset: scanned.goodLength },
        laterSegments: later,
      };
      droppedBytes = [data.subarray(scanned.goodLength)];
      break;
    }
  }
  if (files.snapshot && replayed.length === 0) {
    damage = {
      reason: `journal segment ${firstSegment}, which the snapshot names, is missing`,
      segmentPath: join(options.dir, segmentFileName(options.name, firstSegment)),
      cut: undefined,
      laterSegments: [],
    };
    countable = false;
  }
  const result = { state, seq, snapshotBytes, firstSegment, segments, upgraded, leftovers };
  if (!damage) return result;
  for (const path of damage.laterSegments) droppedBytes.push(await readFile(path));
  const dropped = describeDropped(droppedBytes, options.describeChange);
  return {
    ...result,
    damage: {
      ...damage,
      droppedRecords: countable ? dropped.droppedRecords : undefined,
      resources: dropped.resources,
    },
  };
}

/** Moves every file of the store into `<name>.corrupt-<time>` and returns that folder. */
export async function moveAside(dir: string, name: string, at: number): Promise<string> {
  const files = await listStoreFiles(dir, name);
  const target = await timestampedFolder(dir, `${name}.corrupt`, at);
  const paths = [files.snapshot, ...files.segments.map((s) => s.path), ...files.temps];
  for (const path of paths) {
    if (path) await rename(path, join(target, basename(path)));
  }
  await fsyncDirectory(target);
  await fsyncDirectory(dir);
  return target;
}

export async function removeFiles(dir: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  for (const path of paths) await rm(path, { force: true });
  await fsyncDirectory(dir);
}
