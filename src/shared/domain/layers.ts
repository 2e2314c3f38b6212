import { z } from 'zod';

export const changeKindSchema = z.enum(['added', 'modified', 'removed', 'unmodified']);

export const layerSummarySchema = z.object({
  index: z.number().int().nonnegative(),
  diffId: z.string(),
  /** The instruction that made the layer, readable (`RUN apk add …`, `COPY …`). */
  instruction: z.string(),
  tarBytes: z.number(),
  blobBytes: z.number(),
  deltaBytes: z.number(),
  counts: z.record(changeKindSchema, z.number()),
});

export type LayerSummary = z.infer<typeof layerSummarySchema>;

/** What the analysis says while it runs: a layer read (in archive order), then each layer stacked. */
export const layerProgressSchema = z.discriminatedUnion('stage', [
  z.object({
    stage: z.literal('read'),
    index: z.number().int(),
    total: z.number().int(),
    bytes: z.number(),
  }),
  z.object({ stage: z.literal('stacked'), layer: layerSummarySchema }),
]);

export type LayerProgress = z.infer<typeof layerProgressSchema>;

export const wasteSchema = z.object({
  efficiency: z.number(),
  wastedBytes: z.number(),
  userWastedPercent: z.number(),
  reclaimableBytes: z.number(),
  causes: z.array(z.object({ path: z.string(), bytes: z.number(), layers: z.number() })),
  inefficiencies: z.array(
    z.object({ path: z.string(), count: z.number(), cumulativeBytes: z.number() }),
  ),
});

export const layerChangeSchema = z.object({
  path: z.string(),
  kind: changeKindSchema,
  type: z.string(),
  size: z.number(),
  mode: z.number(),
  uid: z.number(),
  gid: z.number(),
  linkTarget: z.string().optional(),
});

export type LayerChange = z.infer<typeof layerChangeSchema>;
