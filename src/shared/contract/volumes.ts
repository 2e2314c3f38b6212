import { z } from 'zod';
import {
  labelsSchema,
  volumeDetailSchema,
  maxVolumeFileRead,
  volumeFileSchema,
  volumeFilesSchema,
  volumeNameSchema,
  volumePathSchema,
  volumePrunePreviewSchema,
  volumePruneResultSchema,
  volumeRemovalSchema,
  volumeSummarySchema,
} from '../domain/volumes';
import { call, defineDomain } from './define';
import { noInput } from './engine';

const driverSchema = z
  .string()
  .min(1, 'Name a volume driver, such as local.')
  .max(128, 'A driver name is at most 128 characters.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'Not a driver name: use letters, digits, _ . : / -.');

export const volumesContract = defineDomain('volumes', {
  calls: {
    /** Every volume, with its size where the engine knows it and the containers using it. */
    'volumes.list': call({ input: noInput, output: z.array(volumeSummarySchema) }),
    'volumes.inspect': call({
      input: z.object({ name: volumeNameSchema }).strict(),
      output: volumeDetailSchema,
    }),
    'volumes.create': call({
      input: z
        .object({
          name: volumeNameSchema,
          driver: driverSchema.optional(),
          labels: labelsSchema.optional(),
        })
        .strict(),
      output: volumeDetailSchema,
    }),
    /**
     * Removes a volume. One that containers use is refused with CONFLICT naming them; with
     * `force` those containers are removed first (running ones too), then the volume.
     */
    'volumes.remove': call({
      input: z.object({ name: volumeNameSchema, force: z.boolean().optional() }).strict(),
      output: volumeRemovalSchema,
    }),
    /** The volumes no container uses (running or not), and the space they hold. */
    'volumes.prunePreview': call({ input: noInput, output: volumePrunePreviewSchema }),
    /** Removes the volumes a preview listed, each only if still no container uses it. */
    'volumes.prune': call({
      input: z.object({ names: z.array(volumeNameSchema).max(10_000) }).strict(),
      output: volumePruneResultSchema,
    }),
    /**
     * One directory of a volume, read-only, from the volume's mountpoint on this machine;
     * symbolic links are listed, never followed. `readable: false` says why it cannot be read
     * (the engine is on another machine, or its files are not readable here).
     */
    'volumes.files': call({
      input: z.object({ name: volumeNameSchema, path: volumePathSchema }).strict(),
      output: volumeFilesSchema,
    }),
    /**
     * The first `limit` bytes of one regular file of a volume, read-only, on the same terms
     * as `volumes.files`: a symbolic link is refused, never followed.
     */
    'volumes.readFile': call({
      input: z
        .object({
          name: volumeNameSchema,
          path: volumePathSchema,
          limit: z.number().int().min(1).max(maxVolumeFileRead),
        })
        .strict(),
      output: volumeFileSchema,
    }),
  },
});
