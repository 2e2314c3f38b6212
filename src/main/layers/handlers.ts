import {
  readableInstruction,
  StowageError,
  type AnyEvent,
  type LayerProgress,
  type LayerSummary,
} from '../../shared';
import type { layersContract } from '../../shared/contract/layers';
import type { EngineConnection } from '../docker/connection/engine';
import type { DomainHandlers } from '../rpc/handlers';
import { AnalysisCache } from './analysis-cache';
import { archiveHandlers } from './archive-uploads';
import { exportImage, imageHistory, inspectImage } from './engine-export';
import { imageStacks } from './image-stacks';
import { layersFromHistory } from './tree/layer-sharing';
import type { WasteReport } from './tree/waste';
import { AnalysisWorker } from './worker-host';

/** Images whose analyses are kept; each holds a worker with its image's metadata. */
const cacheSize = 4;

interface CachedAnalysis {
  imageId: string;
  worker: AnalysisWorker;
  layers: LayerSummary[];
  waste: WasteReport;
  terminate(): void;
}

/** Where the handlers hear the engine's events (an image removed drops its analysis). */
export interface EngineEvents {
  subscribe(listener: (event: AnyEvent) => void): () => void;
}

export function layerHandlers(
  engine: EngineConnection,
  events?: EngineEvents,
): DomainHandlers<typeof layersContract> {
  const cache = new AnalysisCache<CachedAnalysis>(cacheSize);
  events?.subscribe((event) => {
    if (event.name !== 'engine.event' || event.payload.type !== 'image') return;
    if (event.payload.action === 'delete' || event.payload.action === 'untag') {
      cache.drop(event.payload.id);
    }
  });

  const analysed = (image: string): CachedAnalysis => {
    const cached = cache.get(image);
    if (!cached) {
      throw new StowageError(
        'NOT_FOUND',
        `${image} has not been analysed yet: open its layers first.`,
      );
    }
    return cached;
  };

  return {
    'layers.analyze': async ({ image }, { signal, emit }) => {
      const docker = engine.docker();
      const { Id: imageId, RootFS } = await inspectImage(docker, image, signal);
      const cached = cache.get(imageId);
      if (cached) {
        cache.put(imageId, [image], cached);
        for (const layer of cached.layers) await emit({ stage: 'stacked', layer });
        return { imageId, layers: cached.layers.length, waste: cached.waste };
      }
      // Items are announced as the worker reports them; each waits its turn for the client.
      const total = RootFS?.Layers?.length ?? 0;
      let read = 0;
      let announced: Promise<void> = Promise.resolve();
      const announce = (item: LayerProgress) => {
        announced = announced.then(() => emit(item));
        announced.catch(() => undefined);
      };
      const diffIds = RootFS?.Layers ?? [];
      const history = await imageHistory(docker, imageId, signal).catch(() => []);
      const provisional = layersFromHistory(history, diffIds.length);
      const instructions = diffIds.map((_, index) =>
        readableInstruction(provisional?.[index]?.instruction ?? ''),
      );
      announce({
        stage: 'listed',
        layers: diffIds.map((_, index) => ({
          index,
          instruction: instructions[index] ?? '',
          size: provisional?.[index]?.size ?? 0,
        })),
      });
      const layers: LayerSummary[] = [];
      const worker = new AnalysisWorker();
      try {
        const source = await exportImage(docker, imageId, signal);
        const result = await worker.analyse({ id: imageId, diffIds, instructions }, source, {
          signal,
          onRead: (bytes) => announce({ stage: 'read', index: read++, total, bytes }),
          onStacked: (layer) => {
            layers[layer.index] = layer;
            announce({ stage: 'stacked', layer });
          },
        });
        await announced;
        cache.put(imageId, [image], {
          imageId,
          worker,
          layers,
          waste: result.waste,
          terminate: () => worker.terminate(),
        });
        return { imageId, layers: result.layers, waste: result.waste };
      } catch (error) {
        worker.terminate();
        throw error;
      }
    },

    'layers.changes': ({ image, layer, kinds, search, offset, limit }) =>
      analysed(image).worker.query({
        name: 'changes',
        layer,
        ...(kinds !== undefined ? { kinds } : {}),
        ...(search !== undefined ? { search } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }),

    'layers.tree': ({ image, aggregated, ...page }) =>
      analysed(image).worker.query({ name: 'tree', ...page, aggregated: aggregated ?? false }),

    ...archiveHandlers((analysis) => cache.put(analysis.imageId, [], analysis)),

    'layers.sharing': ({ images }, { signal }) =>
      imageStacks(engine.docker(), images, signal, (id) => cache.get(id)?.layers),
  };
}
