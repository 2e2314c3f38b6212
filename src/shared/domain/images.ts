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

/** One line of `docker pull` progress, per layer (`id`) or for the whole image. */
export const pullProgressSchema = z.object({
  /** The layer, or '' for a line about the whole pull. */
  id: z.string(),
  status: z.string(),
  current: z.number().optional(),
  total: z.number().optional(),
});

export type PullProgress = z.infer<typeof pullProgressSchema>;

export const imageRemovalSchema = z.object({
  untagged: z.array(z.string()),
  deleted: z.array(z.string()),
});

export type ImageRemoval = z.infer<typeof imageRemovalSchema>;

/** What `docker image inspect` says, the parts the detail view reads, and all of it as raw. */
export const imageDetailSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  size: z.number(),
  created: z.number(),
  architecture: z.string(),
  os: z.string(),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  env: z.array(z.string()),
  exposedPorts: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  history: z.array(
    z.object({ createdBy: z.string(), created: z.number(), size: z.number(), comment: z.string() }),
  ),
  /** The containers made from this image, running or not. */
  containers: z.array(
    z.object({ id: z.string(), name: z.string(), state: z.string(), status: z.string() }),
  ),
  raw: z.unknown(),
});

export type ImageDetail = z.infer<typeof imageDetailSchema>;

/** What a prune would remove: unused images, or only the dangling (untagged) ones. */
export const pruneScopeSchema = z.enum(['dangling', 'unused']);
export type PruneScope = z.infer<typeof pruneScopeSchema>;

export const prunePreviewSchema = z.object({
  images: z.array(
    z.object({
      id: z.string(),
      repoTags: z.array(z.string()),
      size: z.number(),
      created: z.number(),
    }),
  ),
  /** Bytes no other image shares: what comes back at least (layers shared only among the
   * pruned images come back too). */
  reclaimableBytes: z.number(),
});
export type PrunePreview = z.infer<typeof prunePreviewSchema>;

export const pruneResultSchema = z.object({
  removed: z.array(z.string()),
  /** Images that were not removed: in use by now, or already gone. */
  kept: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type PruneResult = z.infer<typeof pruneResultSchema>;

export const pushResultSchema = z.object({ reference: z.string(), digest: z.string() });
