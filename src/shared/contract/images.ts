import { z } from 'zod';
import {
  buildProgressSchema,
  buildResultSchema,
  imageBuildInputSchema,
  newImageNameSchema,
} from '../domain/image-build';
import { imageIdOrReferenceSchema, imageReferenceSchema } from '../domain/image-reference';
import {
  imageDetailSchema,
  imageRemovalSchema,
  imageSummarySchema,
  prunePreviewSchema,
  pruneResultSchema,
  pruneScopeSchema,
  pullProgressSchema,
  pushResultSchema,
} from '../domain/images';
import { call, defineDomain, stream } from './define';
import { noInput } from './engine';

export const imagesContract = defineDomain('images', {
  calls: {
    /** Every image of the engine, with the number of containers using each. */
    'images.list': call({ input: noInput, output: z.array(imageSummarySchema) }),
    /** Everything the engine knows about one image, and its history. */
    'images.inspect': call({
      input: z.object({ image: imageIdOrReferenceSchema }).strict(),
      output: imageDetailSchema,
    }),
    /**
     * Removes an image (or untags one of its references). Without `force`, an image that a
     * container uses is refused with CONFLICT, naming the container.
     */
    'images.remove': call({
      input: z.object({ image: imageIdOrReferenceSchema, force: z.boolean().optional() }).strict(),
      output: imageRemovalSchema,
    }),
    /** Gives an image another name (`docker tag`). */
    'images.tag': call({
      input: z
        .object({
          image: imageIdOrReferenceSchema,
          target: newImageNameSchema,
        })
        .strict(),
      output: z.object({ reference: z.string() }),
    }),
    /** The images a prune of this scope would remove, and the space that comes back. */
    'images.prunePreview': call({
      input: z.object({ scope: pruneScopeSchema }).strict(),
      output: prunePreviewSchema,
    }),
    /**
     * Removes the images a preview listed, each only if it still falls in the scope, so
     * nothing goes that the user did not see.
     */
    'images.prune': call({
      input: z
        .object({
          scope: pruneScopeSchema,
          ids: z
            .array(z.string().regex(/^sha256:[a-f0-9]{64}$/, 'Not a full image id.'))
            .max(10_000),
        })
        .strict(),
      output: pruneResultSchema,
    }),
  },
  streams: {
    /**
     * Pulls an image, with progress per layer (a slow reader sees each layer's latest line).
     * Credentials come from the docker CLI's config for the reference's registry.
     */
    'images.pull': stream({
      input: z.object({ reference: imageReferenceSchema }).strict(),
      item: pullProgressSchema,
      result: z.object({ reference: z.string(), id: z.string() }),
      coalesceBy: (progress) => progress.id || progress.status,
    }),
    /**
     * Builds a folder with its Dockerfile (`docker build`), streaming the log and the step
     * being run; honours the folder's .dockerignore. Cancelling stops the build.
     */
    'images.build': stream({
      input: imageBuildInputSchema,
      item: buildProgressSchema,
      result: buildResultSchema,
    }),
    /** Pushes a tag to its registry, with progress per layer; credentials as for a pull. */
    'images.push': stream({
      input: z.object({ reference: imageReferenceSchema }).strict(),
      item: pullProgressSchema,
      result: pushResultSchema,
      coalesceBy: (progress) => progress.id || progress.status,
    }),
  },
});
