import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** The sha256 of a layer's uncompressed bytes as they pass: its diff id. */
export interface DiffHasher {
  update(bytes: Uint8Array): void;
  /** At once when hashed on this thread, so that a layer is reported without a turn. */
  digest(): string | Promise<string>;
}

/** Hashes nothing: the diff id is known from the archive (empty until it is). */
export function namedDiffId(digest: string): DiffHasher {
  return { update: () => undefined, digest: () => digest };
}

/** Hashes on this thread: for layers too small to be worth a message. */
export function inlineDiffHasher(): DiffHasher {
  const hash = createHash('sha256');
  return {
    update: (bytes) => void hash.update(bytes),
    digest: () => hash.digest('hex'),
  };
}

// Each batch goes back once hashed, so the same few buffers carry every layer.
const hashingThread = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ({ id, bytes, done }) => {
  let hash = hashes.get(id);
  if (!hash) hashes.set(id, (hash = createHash('sha256')));
  hash.update(bytes);
  const digest = done ? hash.digest('hex') : undefined;
  if (done) hashes.delete(id);
  parentPort.postMessage({ id, taken: bytes.byteLength, digest, buffer: bytes.buffer }, [bytes.buffer]);
});
`;

interface HashedBatch {
  id: number;
  taken: number;
  digest?: string;
  buffer: ArrayBuffer;
}

/** Bytes copied into one message to the hashing thread. */
const batchBytes = 1024 * 1024;
/** Bytes sent and not yet hashed before the reader is asked to wait. */
const maxInFlight = 8 * batchBytes;

/**
 * A second thread that hashes the big layers while this one parses them: the bytes are copied
 * into 1 MiB batches and transferred, so the parse never waits for sha256 but the thread's
 * backlog is bounded (`ready` says when to read on). One per archive read; `close` ends it.
 */
export class HashingThread {
  private readonly worker = new Worker(hashingThread, { eval: true });
  private nextId = 0;
  private inFlight = 0;
  private readonly digests = new Map<
    number,
    { resolve(digest: string): void; reject(error: Error): void }
  >();
  private waiting: (() => void) | undefined;
  private readonly spare: Uint8Array[] = [];
  private failure: Error | undefined;

  constructor(private readonly onFailure: (error: Error) => void) {
    this.worker.unref();
    this.worker.on('message', (message: HashedBatch) => {
      this.inFlight -= message.taken;
      if (message.buffer.byteLength === batchBytes) this.spare.push(new Uint8Array(message.buffer));
      if (this.inFlight <= maxInFlight / 2) this.wake();
      if (message.digest !== undefined) {
        this.digests.get(message.id)?.resolve(message.digest);
        this.digests.delete(message.id);
      }
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  /** Settles once the thread has caught up enough to take more (at once when it has). */
  ready(): Promise<void> | undefined {
    if (this.inFlight <= maxInFlight || this.failure) return undefined;
    return new Promise((resolve) => (this.waiting = resolve));
  }

  hasher(): DiffHasher {
    const id = this.nextId++;
    const fresh = () => this.spare.pop() ?? new Uint8Array(batchBytes);
    let batch = fresh();
    let filled = 0;
    const send = (done: boolean) => {
      const bytes = batch.subarray(0, filled);
      this.inFlight += bytes.byteLength;
      this.worker.postMessage({ id, bytes, done }, [batch.buffer as ArrayBuffer]);
      batch = done ? new Uint8Array(0) : fresh();
      filled = 0;
    };
    return {
      update: (bytes) => {
        for (let offset = 0; offset < bytes.length;) {
          const taken = Math.min(batchBytes - filled, bytes.length - offset);
          batch.set(bytes.subarray(offset, offset + taken), filled);
          filled += taken;
          offset += taken;
          if (filled === batchBytes) send(false);
        }
      },
      digest: () =>
        new Promise<string>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.digests.set(id, { resolve, reject });
          send(true);
        }),
    };
  }

  close(): void {
    void this.worker.terminate();
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private fail(error: Error): void {
    this.failure = error;
    this.wake();
    for (const pending of this.digests.values()) pending.reject(error);
    this.digests.clear();
    this.onFailure(error);
  }
}
