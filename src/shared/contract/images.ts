import { z } from 'zod';
import { imageIdOrReferenceSchema, imageReferenceSchema } from '../domain/image-reference';
import {
  imageDetailSchema,
  imageRemovalSchema,
  imageSummarySchema,
  pullProgressSchema,
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
  },
});
