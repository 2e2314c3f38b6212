import { tourLabels } from '../clean-up-plan';
import {
  buildImage,
  busyboxNeed,
  engineNeed,
  ensureBaseImage,
  TOUR_BASE_IMAGE,
  throwIfCancelled,
} from '../tour-engine';
import type { TourStep } from '../step';

const step = 'layers';
export const LAYERS_IMAGE = 'stowage-tour/layers:1';

const labelLine = `LABEL ${Object.entries(tourLabels(step))
  .map(([name, value]) => `${name}="${value}"`)
  .join(' ')}`;

/**
 * The Dockerfile, one instruction at a time. Files and RUN add a layer; LABEL, ENV and CMD
 * change only the configuration; the last RUN deletes a file, which still adds a layer.
 */
export const layerInstructions = [
  `FROM ${TOUR_BASE_IMAGE}`,
  labelLine,
  'COPY hello.txt /srv/hello.txt',
  'RUN echo "<h1>Built by the tour</h1>" > /srv/index.html',
  'ENV GREETING=hello',
  'RUN rm /srv/hello.txt',
  'CMD ["httpd","-f","-p","8080","-h","/srv"]',
] as const;

const helloText = 'Hello from the tour: a file copied into its own layer.\n';

interface InspectedImage {
  Id: string;
  Size: number;
  RootFS?: { Layers?: string[] };
}

export const layersStep: TourStep<'layers'> = {
  id: step,
  title: 'An image is read-only layers',
  needs: [engineNeed, busyboxNeed],
  async run(ctx, signal) {
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const rows = [];
    let previousSize = 0;
    let imageId = '';
    for (let count = 1; count <= layerInstructions.length; count += 1) {
      throwIfCancelled(signal, 'The step');
      const instructions = layerInstructions.slice(0, count);
      const last = count === layerInstructions.length;
      // Each prefix is built on the cache of the one before, so the final image's
      // history is exactly these builds, one instruction apart.
      imageId = await buildImage(
        ctx.docker,
        { Dockerfile: `${instructions.join('\n')}\n`, 'hello.txt': helloText },
        last ? [LAYERS_IMAGE] : [],
        signal,
      );
      const image = (await ctx.docker.getImage(imageId).inspect()) as InspectedImage;
      const layerCount = image.RootFS?.Layers?.length ?? 0;
      const instruction = instructions[count - 1] as string;
      const addedBytes = count === 1 ? image.Size : Math.max(image.Size - previousSize, 0);
      previousSize = image.Size;
      rows.push({ instruction, layerCount, addedBytes });
      await ctx.progress(`${instruction} → ${layerCount} layer${layerCount === 1 ? '' : 's'}`);
    }
    await ctx.created({ kind: 'image', id: imageId, name: LAYERS_IMAGE });
    return { step, image: LAYERS_IMAGE, imageId, instructions: rows };
  },
  summary: (result) =>
    `${result.instructions.length} instructions gave ${result.image} ${result.instructions.at(-1)?.layerCount ?? 0} layers.`,
};
