import { z } from 'zod';
import { imageIdOrReferenceSchema } from '../domain/image-reference';
import {
  changeKindSchema,
  fileTreePageSchema,
  imageStackSchema,
  layerChangeSchema,
  layerProgressSchema,
  treeMarkSchema,
  treeSortSchema,
  wasteSchema,
} from '../domain/layers';
import {
  archiveAnalysisSchema,
  archiveAnalyzeInputSchema,
  archiveChunkInputSchema,
  archiveOpenInputSchema,
} from '../domain/layer-archives';
import { call, defineDomain, stream } from './define';

export const layersContract = defineDomain('layers', {
  calls: {
    /**
     * A page of what one layer changed, from the analysis of that image (analyse it first).
     * By default the unmodified paths are left out.
     */
    'layers.changes': call({
      input: z
        .object({
          image: imageIdOrReferenceSchema,
          layer: z.number().int().nonnegative().max(10_000),
          kinds: z.array(changeKindSchema).max(4).optional(),
          search: z.string().max(1024).optional(),
          offset: z.number().int().nonnegative().optional(),
          limit: z.number().int().min(1).max(5000).optional(),
        })
        .strict(),
      output: z.object({ total: z.number().int(), changes: z.array(layerChangeSchema) }),
    }),
    /**
     * A page of one layer's file tree: every path it touched, marked; with `aggregated`, the
     * whole stacked filesystem up to that layer, where paths it left alone are "lower". Without
     * a search, the children of `directory` ('' is the root) that are or hold an entry of the
     * chosen marks (added, modified and removed by default); with one, the paths that match
     * (under `directory`) with their ancestors. Sorted by name, or by size, largest first.
     */
    'layers.tree': call({
      input: z
        .object({
          image: imageIdOrReferenceSchema,
          layer: z.number().int().nonnegative().max(10_000),
          aggregated: z.boolean().optional(),
          directory: z.string().max(4096).optional(),
          marks: z.array(treeMarkSchema).max(5).optional(),
          search: z.string().max(1024).optional(),
          sort: treeSortSchema.optional(),
          offset: z.number().int().nonnegative().optional(),
          limit: z.number().int().min(1).max(5000).optional(),
        })
        .strict(),
      output: fileTreePageSchema,
    }),
    /**
     * Starts taking an image archive file (docker save, OCI or containerd) from the client, for
     * layers.archiveAnalyze to read as its chunks arrive; dropped unless that stream starts soon.
     */
    'layers.archiveOpen': call({
      input: archiveOpenInputSchema,
      output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
    }),
    /** The next chunk of an opened archive; answered once the reader has room for more. */
    'layers.archiveChunk': call({
      input: archiveChunkInputSchema,
      output: z.object({ received: z.number().int() }),
    }),
    /**
     * The chosen images as stacks of layers named by ChainID (a shared layer has the same one
     * in every stack), each with its containers' read-write layers and its shared and unique
     * bytes among the chosen images.
     */
    'layers.sharing': call({
      input: z.object({ images: z.array(imageIdOrReferenceSchema).min(1).max(16) }).strict(),
      output: z.object({ images: z.array(imageStackSchema) }),
    }),
  },
  streams: {
    /**
     * Reads an opened archive as its chunks arrive, with no engine: progress as layers are
     * read, each layer once stacked; its analysis is then kept like an engine image's, by id.
     * Cancelling it ends the upload.
     */
    'layers.archiveAnalyze': stream({
      input: archiveAnalyzeInputSchema,
      item: layerProgressSchema,
      result: archiveAnalysisSchema,
    }),
    /**
     * Reads an image's export and stacks its layers: progress as layers are read, then each
     * layer with its change counts; ends with the waste figures. Results are kept per image.
     */
    'layers.analyze': stream({
      input: z.object({ image: imageIdOrReferenceSchema }).strict(),
      item: layerProgressSchema,
      result: z.object({ imageId: z.string(), layers: z.number().int(), waste: wasteSchema }),
    }),
  },
});
