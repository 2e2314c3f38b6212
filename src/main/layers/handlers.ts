import { StowageError, type LayerChange, type LayerProgress } from '../../shared';
import type { layersContract } from '../../shared/contract/layers';
import type { EngineConnection } from '../docker/connection/engine';
import type { DomainHandlers } from '../rpc/handlers';
import { analyseArchive, type ImageAnalysis } from './analysis';
import { readImageArchive } from './archive';
import { exportImage, inspectImage } from './engine-export';
import type { WasteReport } from './tree/waste';

/** Analyses kept, by image id and by the name they were asked for; the oldest goes first. */
const cacheSize = 4;
const listedPaths = 100;

export function layerHandlers(engine: EngineConnection): DomainHandlers<typeof layersContract> {
  const cache = new Map<string, ImageAnalysis>();
  const remember = (names: string[], analysis: ImageAnalysis) => {
    for (const name of names) {
      cache.delete(name);
      cache.set(name, analysis);
    }
    while (cache.size > cacheSize * 2) cache.delete(cache.keys().next().value as string);
  };

  return {
    'layers.analyze': async ({ image }, { signal, emit }) => {
      const docker = engine.docker();
      const { Id: imageId, RootFS } = await inspectImage(docker, image, signal);
      const cached = cache.get(imageId);
      if (cached) {
        for (const layer of cached.layers) await emit({ stage: 'stacked', layer: layer.summary });
        return { imageId, layers: cached.layers.length, waste: shortWaste(cached.waste) };
      }
      // Layers are announced as they are read; the items wait their turn for the client.
      const total = RootFS?.Layers?.length ?? 0;
      let read = 0;
      let announced: Promise<void> = Promise.resolve();
      const archive = await readImageArchive(await exportImage(docker, imageId, signal), {
        signal,
        onLayer: (layer) => {
          const item: LayerProgress = {
            stage: 'read',
            index: read++,
            total,
            bytes: layer.blobBytes,
          };
          announced = announced.then(() => emit(item));
          announced.catch(() => undefined);
        },
      });
      await announced;
      const stacked: LayerProgress[] = [];
      const analysis = analyseArchive(imageId, archive, (layer) =>
        stacked.push({ stage: 'stacked', layer }),
      );
      for (const item of stacked) await emit(item);
      remember([imageId, image], analysis);
      return { imageId, layers: analysis.layers.length, waste: shortWaste(analysis.waste) };
    },

    'layers.changes': async ({ image, layer, kinds, search, offset = 0, limit = 1000 }) => {
      const analysis = cache.get(image);
      if (!analysis) {
        throw new StowageError(
          'NOT_FOUND',
          `${image} has not been analysed yet: open its layers first.`,
        );
      }
      const chosen = analysis.layers[layer];
      if (!chosen)
        throw new StowageError(
          'NOT_FOUND',
          `The image has ${analysis.layers.length} layers, not ${layer + 1}.`,
        );
      const wanted = new Set(kinds ?? ['added', 'modified', 'removed']);
      const needle = search?.trim().toLowerCase() ?? '';
      const matching = chosen.changes.filter(
        (change) =>
          wanted.has(change.kind) && (needle === '' || change.path.toLowerCase().includes(needle)),
      );
      return {
        total: matching.length,
        changes: matching
          .slice(offset, offset + limit)
          .map(({ path, kind, entry }): LayerChange => ({
            path,
            kind,
            type: entry.type,
            size: entry.size,
            mode: entry.mode,
            uid: entry.uid,
            gid: entry.gid,
            ...(entry.linkTarget !== undefined ? { linkTarget: entry.linkTarget } : {}),
          })),
      };
    },
  };
}

/** The waste figures with their lists cut to what a screen shows. */
function shortWaste(waste: WasteReport): WasteReport {
  return {
    ...waste,
    causes: waste.causes.slice(0, listedPaths),
    inefficiencies: waste.inefficiencies.slice(0, listedPaths),
  };
}
