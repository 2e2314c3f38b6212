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

/**
 * What the analysis says while it runs: the provisional list, each layer read (in archive
 * order), and each layer stacked as soon as it and those below it are read (a layer stacked
 * before the image config was read may come again, named exactly).
 */
export const layerProgressSchema = z.discriminatedUnion('stage', [
  /** First, from the image history: each layer's instruction and size, until it is read. */
  z.object({
    stage: z.literal('listed'),
    layers: z.array(
      z.object({ index: z.number().int(), instruction: z.string(), size: z.number() }),
    ),
  }),
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

export const entryTypeSchema = z.enum([
  'file',
  'dir',
  'symlink',
  'hardlink',
  'char',
  'block',
  'fifo',
]);

/** What a file tree shows of an entry: its change kind, or "from a lower layer" ("lower"). */
export const treeMarkSchema = z.enum(['added', 'modified', 'removed', 'unmodified', 'lower']);

export type TreeMark = z.infer<typeof treeMarkSchema>;

/**
 * One row of a file tree as a page of it gives it: a layer's entry, or a path a container's
 * read-write layer changed. What the source does not know (a removed path's type, the owner
 * the engine does not report) is left out.
 */
export const fileTreeEntrySchema = z.object({
  path: z.string(),
  name: z.string(),
  type: entryTypeSchema.optional(),
  mark: treeMarkSchema,
  /** A file's bytes (a hardlink's target's), a directory's files below it; absent if unknown. */
  size: z.number().optional(),
  mode: z.number().optional(),
  uid: z.number().optional(),
  gid: z.number().optional(),
  linkTarget: z.string().optional(),
  /** A directory that is there only because something below it is. */
  implicit: z.boolean().optional(),
  /** Children shown under the chosen marks (0 for a file). */
  childCount: z.number().int().nonnegative(),
  /** Whether something below it was added, modified or removed. */
  changedBelow: z.boolean(),
});

export type FileTreeEntry = z.infer<typeof fileTreeEntrySchema>;

export const treeSortSchema = z.enum(['name', 'size']);

/**
 * A page of a file tree. For a directory: its children shown under the chosen marks, `total`
 * of them. For a search: the matching paths with their ancestors, parents first, of `total`
 * matches the first `limit` are given. `counts` are the whole tree's entries per mark.
 */
export const fileTreePageSchema = z.object({
  entries: z.array(fileTreeEntrySchema),
  total: z.number().int().nonnegative(),
  counts: z.record(treeMarkSchema, z.number().int()),
});

export type FileTreePage = z.infer<typeof fileTreePageSchema>;

/** One layer of an image in the sharing view: its ChainID says where else it is reused. */
export const sharedLayerSchema = z.object({
  chainId: z.string(),
  diffId: z.string(),
  size: z.number(),
  instruction: z.string(),
});

export const imageStackSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Oldest first. */
  layers: z.array(sharedLayerSchema),
  containers: z.array(
    z.object({ id: z.string(), name: z.string(), state: z.string(), sizeRw: z.number() }),
  ),
  /** Bytes of the layers another of the chosen images has too, and of the others. */
  sharedBytes: z.number(),
  uniqueBytes: z.number(),
  /** Whether the layer sizes are exact (from an analysis) or from the image history. */
  exactSizes: z.boolean(),
});

export type ImageStack = z.infer<typeof imageStackSchema>;

const fileTypeLetters = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  hardlink: '-',
  char: 'c',
  block: 'b',
  fifo: 'p',
} as const;

/** `drwxr-xr-x` from a type and permission bits, setuid, setgid and sticky included. */
export function modeString(type: z.infer<typeof entryTypeSchema>, mode: number): string {
  const triplet = (shift: number, special: boolean, specialLetter: string) => {
    const value = (mode >> shift) & 7;
    const execute = (value & 1) !== 0;
    const last = special
      ? execute
        ? specialLetter
        : specialLetter.toUpperCase()
      : execute
        ? 'x'
        : '-';
    return `${value & 4 ? 'r' : '-'}${value & 2 ? 'w' : '-'}${last}`;
  };
  return (
    fileTypeLetters[type] +
    triplet(6, (mode & 0o4000) !== 0, 's') +
    triplet(3, (mode & 0o2000) !== 0, 's') +
    triplet(0, (mode & 0o1000) !== 0, 't')
  );
}

/**
 * Where the renderer keeps the images the Layers page compares (session storage), so that
 * an image's detail can open the page with that image chosen.
 */
export const layersCompareStorageKey = 'stowage.layers.compare';
