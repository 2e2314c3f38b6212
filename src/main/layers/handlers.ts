import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { StowageError, type LayerChange, type LayerProgress } from '../../shared';
import type { layersContract } from '../../shared/contract/layers';
import { openedUnlessAborted } from '../docker/connection/abortable';
import type { EngineConnection } from '../docker/connection/engine';
import type { DomainHandlers } from '../rpc/handlers';
import { analyseArchive, type ImageAnalysis } from './analysis';
import { readImageArchive } from './archive';

/** Analyses kept, by image id and by the name they were asked for; the oldest goes first. */
const cacheSize = 4;

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
        return { imageId, layers: cached.layers.length, waste: cached.waste };
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
      return { imageId, layers: analysis.layers.length, waste: analysis.waste };
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

function dial<T>(docker: Docker, options: object): Promise<T> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      options as Parameters<Docker['modem']['dial']>[0],
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
    ),
  );
}

function inspectImage(
  docker: Docker,
  image: string,
  signal: AbortSignal,
): Promise<{ Id: string; RootFS?: { Layers?: string[] } }> {
  return dial(docker, {
    path: `/images/${image}/json`,
    method: 'GET',
    options: {},
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
  });
}

/** The engine's export of one image, as a stream; a cancel ends it. */
function exportImage(docker: Docker, imageId: string, signal: AbortSignal): Promise<Readable> {
  const opening = dial<Readable>(docker, {
    path: `/images/${imageId}/get`,
    method: 'GET',
    options: {},
    isStream: true,
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
  });
  return openedUnlessAborted(opening, signal);
}
