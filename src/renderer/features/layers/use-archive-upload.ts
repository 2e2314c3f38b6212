import { useCallback, useEffect, useRef, useState } from 'react';
import {
  archiveChoiceSchema,
  maxArchiveBytes,
  StowageError,
  type ArchiveAnalysis,
  type ArchiveChoice,
  type LayerSummary,
} from '../../../shared';
import { useStowageClient } from '../../api';

export interface ArchiveUpload {
  status: 'idle' | 'sending' | 'done' | 'cancelled' | 'error';
  fileName: string;
  size: number;
  /** Bytes main has taken so far. */
  sent: number;
  /** Layers stacked so far, in build order. */
  layers: LayerSummary[];
  layersRead: number;
  result?: ArchiveAnalysis;
  error?: StowageError;
  /** The file, kept to be read again with a choice when it holds several images. */
  file?: File;
  /** The image and platform asked for. */
  select: ArchiveSelection;
  /** What the archive asks to choose (several images or platforms) when it failed for that. */
  choice?: ArchiveChoice;
}

export interface ArchiveSelection {
  image?: string;
  platform?: string;
}

const idle: ArchiveUpload = {
  status: 'idle',
  fileName: '',
  size: 0,
  sent: 0,
  layers: [],
  layersRead: 0,
  select: {},
};

/** A slice of the file as base64, read by the browser without a copy through JavaScript. */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Sends `size` bytes a chunk at a time, in order: the next chunk is read and sent only once
 * main has answered the last (its answer is the credit), so neither side holds the file.
 */
export async function sendInChunks(options: {
  size: number;
  chunkBytes: number;
  read(start: number, end: number): Promise<string>;
  send(offset: number, data: string): Promise<number>;
  onSent(received: number): void;
}): Promise<void> {
  const { size, chunkBytes } = options;
  for (let offset = 0; offset < size; offset += chunkBytes) {
    const data = await options.read(offset, Math.min(size, offset + chunkBytes));
    options.onSent(await options.send(offset, data));
  }
}

const asStowageError = (error: unknown) =>
  error instanceof StowageError
    ? error
    : new StowageError('INTERNAL', error instanceof Error ? error.message : String(error));

/**
 * Sends an image archive the user picked to main a chunk at a time (the next chunk only once
 * main has taken the last one, so neither side holds the file) while main reads it, and
 * collects the layers as they are stacked. `cancel` stops both.
 */
export function useArchiveUpload(): {
  upload: ArchiveUpload;
  /** Reads the file; `select` names the image and platform when it holds several. */
  open(file: File, select?: ArchiveSelection): void;
  cancel(): void;
} {
  const client = useStowageClient();
  const [upload, setUpload] = useState<ArchiveUpload>(idle);
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const open = useCallback(
    (file: File, select: ArchiveSelection = {}) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      const { signal } = current;
      const update = (change: Partial<ArchiveUpload>) => {
        if (controller.current === current) setUpload((previous) => ({ ...previous, ...change }));
      };
      setUpload({
        ...idle,
        status: 'sending',
        fileName: file.name,
        size: file.size,
        file,
        select,
      });
      const run = async () => {
        if (file.size > maxArchiveBytes) {
          throw new StowageError(
            'INVALID_INPUT',
            `${file.name} is larger than the ${maxArchiveBytes / 2 ** 30} GiB an archive can be.`,
          );
        }
        const name = file.name.slice(0, 255) || 'archive';
        const { uploadId, chunkBytes } = await client.call(
          'layers.archiveOpen',
          { name, size: file.size },
          { signal },
        );
        const layers: LayerSummary[] = [];
        let layersRead = 0;
        const analysis = client.stream(
          'layers.archiveAnalyze',
          { uploadId, ...select },
          {
            signal,
            onItem: (item) => {
              if (item.stage === 'read') layersRead = item.total;
              if (item.stage === 'stacked') layers[item.layer.index] = item.layer;
              update({ layers: layers.filter(Boolean), layersRead });
            },
          },
        );
        analysis.catch(() => undefined);
        try {
          await sendInChunks({
            size: file.size,
            chunkBytes,
            read: (start, end) => base64Of(file.slice(start, end)),
            send: async (offset, data) =>
              (await client.call('layers.archiveChunk', { uploadId, offset, data }, { signal }))
                .received,
            onSent: (sent) => update({ sent }),
          });
        } catch (error) {
          // When the read failed, main refuses the next chunk: its own reason says more.
          await analysis;
          throw error;
        }
        update({ status: 'done', result: await analysis, layers: layers.filter(Boolean) });
      };
      run().catch((error: unknown) => {
        const failure = asStowageError(error);
        if (signal.aborted || failure.code === 'CANCELLED') update({ status: 'cancelled' });
        else {
          const choice = archiveChoiceSchema.safeParse(failure.details);
          update({
            status: 'error',
            error: failure,
            ...(choice.success ? { choice: choice.data.choose } : {}),
          });
        }
      });
    },
    [client],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { upload, open, cancel };
}
