import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fsyncDirectory, isAtomicTempFile } from './atomic-write';
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
    if (entry.startsWith(`${snapshotName}.`) && isAtomicTempFile(entry)) {
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
 * journal segment from the one it names, skipping changes it already holds. Throws
 * CorruptStoreError for anything a crash cannot explain.
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
  let previousSeq = 0;
  for (const [index, file] of replayed.entries()) {
    const expected = firstSegment + index;
    if (file.segment !== expected) {
      throw new CorruptStoreError(`journal segment ${expected} is missing`);
    }
    const what = `journal segment ${file.segment}`;
    const isLast = index === replayed.length - 1;
    const scanned = scanLines(await readFile(file.path), what);
    if (scanned.torn && !isLast) throw new CorruptStoreError(`${what} ends in a damaged record`);
    const [first, ...records] = scanned.lines;
    if (!first) {
      if (!isLast) throw new CorruptStoreError(`${what} has no header`);
      segments.push({ ...file, bytes: 0, version: undefined, torn: scanned.torn });
      continue;
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
  }
  return { state, seq, snapshotBytes, firstSegment, segments, upgraded, leftovers };
}

/** Moves every file of the store into `<name>.corrupt-<time>` and returns that folder. */
export async function moveAside(dir: string, name: string, at: number): Promise<string> {
  const files = await listStoreFiles(dir, name);
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '-');
  let target = join(dir, `${name}.corrupt-${stamp}`);
  for (let attempt = 2; ; attempt++) {
    try {
      await mkdir(target);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw error;
      target = join(dir, `${name}.corrupt-${stamp}-${attempt}`);
    }
  }
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
