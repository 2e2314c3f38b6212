import { z } from 'zod';

export const imageSummarySchema = z.object({
  /** Full image id, `sha256:...`. */
  id: z.string(),
  /** `repository:tag` names; empty for a dangling image. */
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** Bytes, as the engine reports them. */
  size: z.number(),
  /** Epoch milliseconds. */
  created: z.number(),
  /** How many containers (running or not) use this image. */
  containers: z.number(),
  labels: z.record(z.string(), z.string()),
});

export type ImageSummary = z.infer<typeof imageSummarySchema>;
