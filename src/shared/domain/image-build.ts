import { z } from 'zod';
import { imageReferenceSchema } from './image-reference';

const buildArgName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A new image name: a reference without a digest. */
export const newImageNameSchema = imageReferenceSchema.refine((value) => !value.includes('@'), {
  message: 'A new name cannot hold a digest: use [registry/]name[:tag].',
});

/** `docker build` of a folder on the machine Stowage runs on. */
export const imageBuildInputSchema = z
  .object({
    /** The build context: an absolute path to a folder. */
    context: z
      .string()
      .min(1, 'Give the folder to build.')
      .max(4096, 'A folder path is at most 4096 characters.')
      .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path), {
        message: 'Give the folder as an absolute path, such as /home/me/app.',
      }),
    /** The Dockerfile, relative to the context. */
    dockerfile: z
      .string()
      .min(1, 'Name the Dockerfile.')
      .max(1024, 'A Dockerfile path is at most 1024 characters.')
      .refine((path) => !path.startsWith('/') && !path.split(/[\\/]/).includes('..'), {
        message: 'The Dockerfile must be inside the folder: give a path relative to it.',
      })
      .default('Dockerfile'),
    tags: z.array(newImageNameSchema).max(20, 'At most 20 tags.').default([]),
    buildArgs: z
      .record(
        z.string().regex(buildArgName, 'A build argument name is letters, digits and _.'),
        z.string().max(32_768, 'A build argument value is at most 32 KiB.'),
      )
      .refine((args) => Object.keys(args).length <= 100, {
        message: 'At most 100 build arguments.',
      })
      .default({}),
    noCache: z.boolean().default(false),
    /** A stage of a multi-stage Dockerfile to stop at. */
    target: z
      .string()
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'A stage name is letters, digits, _, . and -.')
      .optional(),
  })
  .strict();

export type ImageBuildInput = z.input<typeof imageBuildInputSchema>;

/** One thing the build said: a log line, or the step it moved on to. */
export const buildProgressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('log'), text: z.string() }),
  z.object({
    kind: z.literal('step'),
    step: z.number().int().positive(),
    total: z.number().int().positive(),
    instruction: z.string(),
  }),
]);

export type BuildProgress = z.infer<typeof buildProgressSchema>;

export const buildResultSchema = z.object({ id: z.string(), tags: z.array(z.string()) });
export type BuildResult = z.infer<typeof buildResultSchema>;
