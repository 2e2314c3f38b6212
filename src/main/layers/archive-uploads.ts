import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  archiveChunkBytes,
  StowageError,
  type LayerProgress,
  type LayerSummary,
} from '../../shared';
import type { layersContract } from '../../shared/contract/layers';
import type { DomainHandlers } from '../rpc/handlers';
import type { WasteReport } from './tree/waste';
import { ArchiveChoiceError } from './archive';
import { AnalysisWorker } from './worker-host';

/** Archives read at once; each holds a worker while it is read. */
const maxUploads = 4;
/** An opened upload whose analysis has not started by then is dropped. */
const unclaimedMs = 30_000;

interface Upload {
  name: string;
  size: number;
  received: number;
  input: PassThrough;
  claimed: boolean;
  timer: NodeJS.Timeout;
  /** Why the upload ended early: every later chunk is refused with it. */
  failure?: Error;
}

/** An archive's analysis, kept like an engine image's so the inspector's calls find it. */
export interface KeptArchiveAnalysis {
  imageId: string;
  worker: AnalysisWorker;
  layers: LayerSummary[];
  waste: WasteReport;
  terminate(): void;
}

type ArchiveHandlers = Pick<
  DomainHandlers<typeof layersContract>,
  'layers.archiveOpen' | 'layers.archiveChunk' | 'layers.archiveAnalyze'
>;

/**
 * Image archives taken from the UI in chunks: each chunk call is answered only once the
 * reader has room for it (so the client holds the rest of the file, not main), and the
 * archive is read on a worker as it arrives, with no engine and nothing written to disk.
 */
export function archiveHandlers(keep: (analysis: KeptArchiveAnalysis) => void): ArchiveHandlers {
  const uploads = new Map<string, Upload>();

  const end = (uploadId: string, failure: Error) => {
    const upload = uploads.get(uploadId);
    if (!upload) return;
    uploads.delete(uploadId);
    clearTimeout(upload.timer);
    upload.failure ??= failure;
    upload.input.destroy();
  };

  const uploadOf = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (!upload) {
      throw new StowageError(
        'NOT_FOUND',
        'This archive upload has ended (it was cancelled, failed or never started).',
      );
    }
    if (upload.failure) throw upload.failure;
    return upload;
  };

  return {
    'layers.archiveOpen': async ({ name, size }) => {
      if (uploads.size >= maxUploads) {
        throw new StowageError(
          'LIMIT_EXCEEDED',
          `${maxUploads} archives are being read already; wait for one to finish.`,
        );
      }
      const uploadId = randomUUID();
      const timer = setTimeout(
        () => end(uploadId, new StowageError('CANCELLED', `Nothing read ${name}: dropped.`)),
        unclaimedMs,
      );
      timer.unref();
      uploads.set(uploadId, {
        name,
        size,
        received: 0,
        input: new PassThrough({ highWaterMark: 2 * archiveChunkBytes }),
        claimed: false,
        timer,
      });
      return { uploadId, chunkBytes: archiveChunkBytes };
    },

    'layers.archiveChunk': async ({ uploadId, offset, data }, { signal }) => {
      const upload = uploadOf(uploadId);
      if (offset !== upload.received) {
        throw new StowageError(
          'INVALID_INPUT',
          `The chunk at byte ${offset} is out of order: ${upload.received} bytes came so far.`,
        );
      }
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > archiveChunkBytes || upload.received + bytes.length > upload.size) {
        throw new StowageError(
          'INVALID_INPUT',
          `The chunk goes past the ${upload.size} bytes ${upload.name} was opened with.`,
        );
      }
      upload.received += bytes.length;
      const roomLeft = upload.input.write(bytes);
      if (upload.received === upload.size) upload.input.end();
      if (!roomLeft) {
        await new Promise<void>((resolve) => {
          const done = () => {
            upload.input.off('drain', done).off('close', done);
            signal.removeEventListener('abort', done);
            resolve();
          };
          upload.input.once('drain', done).once('close', done);
          signal.addEventListener('abort', done, { once: true });
        });
      }
      if (upload.failure) throw upload.failure;
      return { received: upload.received };
    },

    'layers.archiveAnalyze': async ({ uploadId, image, platform }, { signal, emit }) => {
      const upload = uploadOf(uploadId);
      if (upload.claimed) {
        throw new StowageError('CONFLICT', `${upload.name} is being read already.`);
      }
      upload.claimed = true;
      clearTimeout(upload.timer);
      let announced: Promise<void> = Promise.resolve();
      const announce = (item: LayerProgress) => {
        announced = announced.then(() => emit(item));
        announced.catch(() => undefined);
      };
      const layers: LayerSummary[] = [];
      let read = 0;
      const worker = new AnalysisWorker();
      try {
        const result = await worker.analyse(
          {
            id: uploadId,
            diffIds: [],
            instructions: [],
            select: {
              ...(image !== undefined ? { image } : {}),
              ...(platform !== undefined ? { platform } : {}),
            },
          },
          upload.input,
          {
            signal,
            onRead: (bytes) => announce({ stage: 'read', index: read, total: ++read, bytes }),
            onStacked: (layer) => {
              layers[layer.index] = layer;
              announce({ stage: 'stacked', layer });
            },
          },
        );
        await announced;
        uploads.delete(uploadId);
        keep({
          imageId: result.image.id,
          worker,
          layers,
          waste: result.waste,
          terminate: () => worker.terminate(),
        });
        return {
          imageId: result.image.id,
          tags: result.image.tags,
          layers: result.layers,
          waste: result.waste,
        };
      } catch (error) {
        worker.terminate();
        const failure =
          error instanceof StowageError
            ? error
            : new StowageError(
                'INVALID_INPUT',
                `${upload.name}: ${error instanceof Error ? error.message : String(error)}`,
                error instanceof ArchiveChoiceError
                  ? { choose: { what: error.what, choices: error.choices } }
                  : undefined,
              );
        end(uploadId, failure);
        throw failure;
      }
    },
  };
}
