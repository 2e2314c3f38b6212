import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { errorCodes, StowageError, type ErrorCode, type LayerSummary } from '../../shared';
import { Emitter } from '../../shared/emitter';
import { serveAnalysis } from './analysis-session';
import { ArchiveChoiceError } from './archive';
import type {
  AnalysisPort,
  AnalysisQuery,
  ArchiveSelection,
  QueryAnswers,
  WorkerMessage,
} from './worker-protocol';

/** Chunks of the export in flight to the worker before the source is paused. */
const chunksInFlight = 8;
/** Where the build puts the worker, seen from the main entries and from their shared chunks. */
const workerFileCandidates = ['./layers-worker.js', '../layers-worker.js'];

function builtWorkerFile(): URL | undefined {
  for (const candidate of workerFileCandidates) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** What the worker says once every layer is stacked. */
export type AnalysisDone = Omit<WorkerMessage & { type: 'done' }, 'type'>;

export interface AnalyseOptions {
  signal: AbortSignal;
  onRead(bytes: number): void;
  onStacked(layer: LayerSummary): void;
}

/**
 * One image's analysis on its own thread: the host streams the export's bytes to it (with
 * flow control, so memory stays flat), hears each layer as it is read and stacked, and then
 * asks it questions about the image it holds. Terminating it ends the parse and frees the
 * analysis. Run from the sources (the unit and integration tests), where no built worker
 * file exists, the same session runs on this thread over a MessageChannel.
 */
export class AnalysisWorker {
  private readonly port: AnalysisPort;
  private readonly close: () => void;
  private readonly listeners = new Emitter<WorkerMessage>();
  private readonly pending = new Map<
    number,
    (message: WorkerMessage & { type: 'answer' }) => void
  >();
  private nextQueryId = 0;
  private failure: Error | undefined;
  /** Whether the analysis runs on a thread of its own. */
  readonly threaded: boolean;

  constructor() {
    const file = builtWorkerFile();
    if (file) {
      const worker = new Worker(file);
      worker.unref();
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('The layer analysis stopped.')));
      this.port = worker;
      this.close = () => void worker.terminate();
      this.threaded = true;
    } else {
      const channel = new MessageChannel();
      channel.port1.unref();
      channel.port2.unref();
      serveAnalysis(channel.port2);
      this.port = channel.port1;
      this.close = () => {
        channel.port1.close();
        channel.port2.close();
      };
      this.threaded = false;
    }
    this.port.on('message', (raw) => {
      const message = raw as WorkerMessage;
      if (message.type === 'answer') {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
        return;
      }
      this.listeners.emit(message);
    });
  }

  /** Streams the export to the worker and resolves once every layer is stacked. */
  analyse(
    image: { id: string; diffIds: string[]; instructions: string[]; select?: ArchiveSelection },
    source: Readable,
    options: AnalyseOptions,
  ): Promise<AnalysisDone> {
    return new Promise((resolve, reject) => {
      let inFlight = 0;
      let stopListening = () => {};
      const finish = (error?: Error, result?: AnalysisDone) => {
        stopListening();
        this.failed = () => undefined;
        options.signal.removeEventListener('abort', cancel);
        if (error) {
          source.destroy();
          reject(error);
        } else resolve(result as AnalysisDone);
      };
      const listener = (message: WorkerMessage) => {
        if (message.type === 'ack' && --inFlight < chunksInFlight) source.resume();
        else if (message.type === 'read') options.onRead(message.bytes);
        else if (message.type === 'stacked') options.onStacked(message.layer);
        else if (message.type === 'done') finish(undefined, message);
        else if (message.type === 'failed') {
          finish(
            message.choice
              ? new ArchiveChoiceError(message.choice.what, message.choice.choices)
              : new Error(message.message),
          );
        }
      };
      const cancel = () => {
        finish(new StowageError('CANCELLED', 'The layer analysis was cancelled.'));
        this.terminate();
      };
      if (options.signal.aborted) return cancel();
      options.signal.addEventListener('abort', cancel, { once: true });
      stopListening = this.listeners.on(listener);
      this.failed = (error) => finish(error);
      this.port.postMessage({
        type: 'start',
        imageId: image.id,
        diffIds: image.diffIds,
        instructions: image.instructions,
        ...(image.select ? { select: image.select } : {}),
      });
      source.on('data', (chunk: Buffer) => {
        const bytes = Uint8Array.from(chunk);
        this.port.postMessage({ type: 'chunk', bytes }, [bytes.buffer as ArrayBuffer]);
        if (++inFlight >= chunksInFlight) source.pause();
      });
      source.on('end', () => this.port.postMessage({ type: 'end' }));
      source.on('error', (error) => finish(error));
    });
  }

  query<N extends AnalysisQuery['name']>(
    query: Extract<AnalysisQuery, { name: N }>,
  ): Promise<QueryAnswers[N]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextQueryId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (answer) => {
        if (answer.error) {
          reject(new StowageError(knownCode(answer.error.code), answer.error.message));
        } else resolve(answer.result as QueryAnswers[N]);
      });
      this.port.postMessage({ type: 'query', id, query });
    });
  }

  terminate(): void {
    this.fail(new StowageError('NOT_FOUND', 'The analysis of this image was dropped.'));
    this.close();
  }

  private failed: (error: Error) => void = () => undefined;

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.failed(error);
    for (const settle of this.pending.values()) {
      settle({ type: 'answer', id: -1, error: { code: 'INTERNAL', message: error.message } });
    }
    this.pending.clear();
  }
}

const knownCode = (code: string): ErrorCode =>
  (errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
