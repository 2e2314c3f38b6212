import { open, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { atomicWriteFile } from './atomic-write';
import { encodeJsonLine, encodeLine, snapshotHeaderLine } from './format';
import { removeFiles, segmentFileName, snapshotFileName, type Recovered } from './recover';

export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor(store: string) {
    super(`The store "${store}" is closed: nothing can be appended after close()`);
  }
}

/**
 * A write or fsync failed: what is on disk can no longer be told from what is in memory. The
 * changes of a rejected append may or may not be there after reopening (a snapshot may hold
 * them); those of every resolved append are.
 */
export class StoreFailedError extends Error {
  override readonly name = 'StoreFailedError';
  constructor(store: string, cause: unknown) {
    super(`The store "${store}" could not write its journal: ${(cause as Error).message}`, {
      cause,
    });
  }
}

interface WriterOptions<S, C> {
  dir: string;
  name: string;
  version: number;
  apply(state: S, change: C): S;
  snapshotPieces?(state: S): Iterable<string>;
}

interface Waiter {
  line: Buffer | undefined;
  resolve(): void;
  reject(error: Error): void;
}

interface Segment {
  number: number;
  path: string;
  handle: FileHandle;
}

/** The open side of a store: group-committed journal writes and background snapshots. */
export class JournalWriter<S, C> {
  private queue: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private flushRunning = false;
  private snapshotting: Promise<void> | undefined;
  private failure: StoreFailedError | undefined;
  private closing: Promise<void> | undefined;
  /** Segments written since the last snapshot that has landed, the current one last. */
  private olderSegments: string[] = [];

  private constructor(
    private readonly options: WriterOptions<S, C>,
    public state: S,
    private seq: number,
    private segment: Segment,
    private journalBytes: number,
    private snapshotBytes: number,
    private readonly snapshotMinBytes: number,
  ) {}

  static async open<S, C>(
    options: WriterOptions<S, C>,
    recovered: Recovered<S>,
    { snapshotMinBytes }: { snapshotMinBytes: number },
  ): Promise<JournalWriter<S, C>> {
    const last = recovered.segments.at(-1);
    let segment: Segment;
    if (last?.version === options.version && !recovered.upgraded) {
      if (last.torn) {
        await truncate(last.path, last.bytes);
      }
      const handle = await open(last.path, 'a');
      if (last.torn) await handle.sync();
      segment = { number: last.segment, path: last.path, handle };
    } else {
      // No journal yet, or its header was torn: (re)start the segment the snapshot names.
      // After an upgrade a new segment is started and a snapshot in the current version
      // written below, even if an earlier open got as far as starting one.
      const number = recovered.upgraded
        ? (last?.segment ?? recovered.firstSegment) + 1
        : (last?.segment ?? recovered.firstSegment);
      segment = await createSegment(options, number);
    }
    const journalBytes = recovered.segments.reduce((sum, s) => sum + s.bytes, 0);
    const writer = new JournalWriter(
      options,
      recovered.state,
      recovered.seq,
      segment,
      journalBytes,
      recovered.snapshotBytes,
      snapshotMinBytes,
    );
    writer.olderSegments = recovered.segments
      .map((s) => s.path)
      .filter((path) => path !== segment.path);
    if (recovered.upgraded) {
      writer.startSnapshot(segment.number);
      await writer.snapshotting;
      if (writer.failure) {
        await writer.close();
        throw writer.failure;
      }
    }
    return writer;
  }

  append(changes: readonly C[]): Promise<void> {
    if (this.closing) return Promise.reject(new StoreClosedError(this.options.name));
    if (this.failure) return Promise.reject(this.failure);
    let encoded: string[];
    try {
      // Encoded before apply, which may keep (and later mutate) the change objects in the state.
      encoded = changes.map(encodeChange);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    let applied = 0;
    let applyError: unknown;
    try {
      for (const change of changes) {
        this.state = this.options.apply(this.state, change);
        applied++;
      }
    } catch (error) {
      applyError = error;
    }
    const line =
      applied === 0
        ? undefined
        : encodeJsonLine(
            `{"seq":${++this.seq},"changes":[${encoded.slice(0, applied).join(',')}]}`,
          );
    const written = new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
    });
    if (!this.flushRunning) this.flushing = this.flush();
    return applyError === undefined ? written : written.then(() => Promise.reject(applyError));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.flushing;
      await this.snapshotting;
      await this.segment.handle.close();
    })();
    return this.closing;
  }

  private async flush(): Promise<void> {
    // Cleared in the same synchronous run that finds the queue empty, before any resolved
    // append's continuation runs, so an append made there starts a new flush.
    this.flushRunning = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        if (this.failure) {
          for (const waiter of batch) waiter.reject(this.failure);
          continue;
        }
        const lines = batch.flatMap((waiter) => (waiter.line ? [waiter.line] : []));
        const bytes = lines.reduce((sum, line) => sum + line.length, 0);
        try {
          if (bytes > 0) {
            await writeAll(this.segment.handle, lines);
            await this.segment.handle.datasync();
          }
        } catch (error) {
          this.failure = new StoreFailedError(this.options.name, error);
          for (const waiter of batch) waiter.reject(this.failure);
          continue;
        }
        this.journalBytes += bytes;
        for (const waiter of batch) waiter.resolve();
        if (this.snapshotDue()) await this.rotate();
      }
    } finally {
      this.flushRunning = false;
    }
  }

  private snapshotDue(): boolean {
    return (
      !this.snapshotting &&
      !this.failure &&
      this.journalBytes > Math.max(this.snapshotMinBytes, 2 * this.snapshotBytes)
    );
  }

  /** Starts a new segment for what follows, then snapshots the state in the background. */
  private async rotate(): Promise<void> {
    const number = this.segment.number + 1;
    let next: Segment;
    try {
      next = await createSegment(this.options, number);
    } catch (error) {
      this.failure = new StoreFailedError(this.options.name, error);
      return;
    }
    const previous = this.segment;
    this.segment = next;
    this.olderSegments.push(previous.path);
    await previous.handle.close().catch(() => undefined);
    this.startSnapshot(number);
  }

  /**
   * Takes the state as it is now (it already holds every queued change; their records go to
   * the new segment and are skipped on replay), then serialises it a slice at a time between
   * other work, writes it and deletes the segments before.
   */
  private startSnapshot(firstSegment: number): void {
    const { name, version, dir } = this.options;
    const header = { store: name, version, seq: this.seq, segment: firstSegment };
    const folded = this.olderSegments;
    this.olderSegments = [];
    this.journalBytes = 0;
    let pieces: Iterable<string>;
    try {
      pieces = this.options.snapshotPieces?.(this.state) ?? [JSON.stringify(this.state)];
    } catch (error) {
      this.failure ??= new StoreFailedError(name, error);
      return;
    }
    this.snapshotting = (async () => {
      try {
        const body = await encodePieces(pieces);
        this.snapshotBytes = body.bytes;
        await atomicWriteFile(
          join(dir, snapshotFileName(name)),
          [snapshotHeaderLine(header, body.bytes, body.crc), ...body.buffers],
          { syncEveryBytes: snapshotSyncBytes },
        );
        await removeFiles(dir, folded);
      } catch (error) {
        this.failure ??= new StoreFailedError(name, error);
      } finally {
        this.snapshotting = undefined;
      }
    })();
  }
}

/** How much of a snapshot is written before it is flushed (see AtomicWriteOptions). */
const snapshotSyncBytes = 1 << 20;
/** The longest a snapshot's serialising holds the event loop before letting other work run. */
const snapshotSliceMs = 4;
const snapshotBufferBytes = 256 * 1024;

/**
 * The pieces as UTF-8 in buffers of about 256 KiB, with their length and crc32, in slices.
 * Each piece is encoded straight into the buffer (no joining, no copy of what it holds).
 */
async function encodePieces(pieces: Iterable<string>) {
  const buffers: Buffer[] = [];
  let bytes = 0;
  let crc = 0;
  let buffer = Buffer.allocUnsafe(snapshotBufferBytes);
  let used = 0;
  const seal = (full: Buffer) => {
    buffers.push(full);
    bytes += full.length;
    crc = crc32(full, crc);
  };
  let sliceStarted = performance.now();
  for (const piece of pieces) {
    // A UTF-16 unit takes at most three bytes of UTF-8: past that bound it may not fit.
    if (used + piece.length * 3 > buffer.length) {
      if (used > 0) seal(buffer.subarray(0, used));
      buffer = Buffer.allocUnsafe(Math.max(snapshotBufferBytes, piece.length * 3));
      used = 0;
    }
    used += buffer.write(piece, used, 'utf8');
    if (performance.now() - sliceStarted >= snapshotSliceMs) {
      await nextTurn();
      sliceStarted = performance.now();
    }
  }
  if (used > 0 || buffers.length === 0) seal(buffer.subarray(0, used));
  return { buffers, bytes, crc };
}

function encodeChange(change: unknown): string {
  const json = JSON.stringify(change);
  if (json === undefined) throw new TypeError('A change must be a JSON value');
  return json;
}

/** Writes the buffers in order with as few calls as the system allows (writev). */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let pending = buffers;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending);
    let written = bytesWritten;
    let index = 0;
    while (index < pending.length && written >= pending[index]!.length) {
      written -= pending[index]!.length;
      index++;
    }
    pending = pending.slice(index);
    if (written > 0) pending[0] = pending[0]!.subarray(written);
  }
}

/**
 * Writes the segment's header beside it and renames it into place, so a segment is never seen
 * without its header: one that is empty or has lost it was damaged, and is reported as such.
 */
async function createSegment<S, C>(options: WriterOptions<S, C>, number: number) {
  const path = join(options.dir, segmentFileName(options.name, number));
  await atomicWriteFile(
    path,
    encodeLine({ store: options.name, version: options.version, segment: number }),
  );
  const handle = await open(path, 'a');
  return { number, path, handle };
}
