import type Docker from 'dockerode';
import { readableInstruction, type ImageStack, type LayerSummary } from '../../shared';
import { mapConcurrently, requestsPerSignal } from '../lib/concurrency';
import { imageContainers, imageHistory, inspectImage } from './engine-export';
import {
  chainIds,
  layersFromHistory,
  sharedAndUniqueBytes,
  withMeasuredSizes,
} from './tree/layer-sharing';

/**
 * Each image as a stack of layers named by ChainID, with its containers' read-write layers
 * and its shared and unique bytes among the images asked for. Layer sizes come from an
 * analysis when one is kept (`analysed`) for any image with that layer, else from the image
 * history.
 */
export async function imageStacks(
  docker: Docker,
  images: readonly string[],
  signal: AbortSignal,
  analysed: (imageId: string) => readonly LayerSummary[] | undefined,
): Promise<{ images: ImageStack[] }> {
  const inspected = await mapConcurrently(images, requestsPerSignal, (image) =>
    inspectImage(docker, image, signal),
  );
  const unique = inspected.filter(
    (image, index) => inspected.findIndex((other) => other.Id === image.Id) === index,
  );
  const containers = await imageContainers(docker, signal);
  const stacks = withMeasuredSizes(
    await mapConcurrently(
      unique,
      requestsPerSignal,
      async (image): Promise<Omit<ImageStack, 'sharedBytes' | 'uniqueBytes'>> => {
        const diffIds = image.RootFS?.Layers ?? [];
        const chain = chainIds(diffIds);
        const exact = analysed(image.Id);
        const fromHistory = exact
          ? undefined
          : layersFromHistory(await imageHistory(docker, image.Id, signal), diffIds.length);
        return {
          id: image.Id,
          name: image.RepoTags?.[0] ?? images[inspected.indexOf(image)] ?? image.Id.slice(7, 19),
          layers: diffIds.map((diffId, layer) => ({
            chainId: chain[layer] as string,
            diffId,
            size: exact?.[layer]?.tarBytes ?? fromHistory?.[layer]?.size ?? 0,
            instruction:
              exact?.[layer]?.instruction ??
              readableInstruction(fromHistory?.[layer]?.instruction ?? ''),
          })),
          containers: containers
            .filter((container) => container.imageId === image.Id)
            .sort((a, b) => a.name.localeCompare(b.name)),
          exactSizes: exact !== undefined,
        };
      },
    ),
  );
  const figures = sharedAndUniqueBytes(stacks);
  return {
    images: stacks.map((stack, index) => ({
      ...stack,
      ...(figures[index] ?? { sharedBytes: 0, uniqueBytes: 0 }),
    })),
  };
}
