import { z } from 'zod';
import { wasteSchema } from './layers';

/** Bytes of an image archive in one upload chunk (base64 in the call keeps a frame under 1 MiB). */
export const archiveChunkBytes = 512 * 1024;
/** The largest image archive the app takes from the UI. */
export const maxArchiveBytes = 8 * 1024 * 1024 * 1024;

const uploadIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'Not an upload id.');

export const archiveOpenInputSchema = z
  .object({
    /** The file's name, to name the upload in messages. */
    name: z.string().min(1).max(255),
    size: z
      .number()
      .int()
      .min(1, 'The file is empty.')
      .max(maxArchiveBytes, `An image archive can be at most ${maxArchiveBytes / 2 ** 30} GiB.`),
  })
  .strict();

export const archiveChunkInputSchema = z
  .object({
    uploadId: uploadIdSchema,
    /** Where the chunk starts in the file: chunks come in order, one after the other. */
    offset: z.number().int().nonnegative().max(maxArchiveBytes),
    data: z
      .string()
      .min(1)
      .max(Math.ceil(archiveChunkBytes / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'A chunk is base64.'),
  })
  .strict();

export const archiveAnalyzeInputSchema = z
  .object({
    uploadId: uploadIdSchema,
    /** Which image to read when the archive holds several: one of the names it offered. */
    image: z.string().min(1).max(512).optional(),
    /** Which platform (`os/arch`) when the image is an index of several. */
    platform: z.string().min(1).max(64).optional(),
  })
  .strict();

/**
 * The details of the INVALID_INPUT error an archive of several images or platforms gets when
 * none was chosen: what to choose and the names to choose from.
 */
export const archiveChoiceSchema = z.object({
  choose: z.object({ what: z.enum(['image', 'platform']), choices: z.array(z.string()) }),
});

export type ArchiveChoice = z.infer<typeof archiveChoiceSchema>['choose'];

export const archiveAnalysisSchema = z.object({
  /** The image id (its config's digest): what layers.changes and layers.tree are asked with. */
  imageId: z.string(),
  tags: z.array(z.string()),
  layers: z.number().int(),
  waste: wasteSchema,
});

export type ArchiveAnalysis = z.infer<typeof archiveAnalysisSchema>;
