import { z } from 'zod';

/** A volume name as the engine validates it: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. */
export const volumeNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export const volumeNameSchema = z
  .string()
  .min(2, 'A volume name has at least two characters.')
  .max(255, 'A volume name is at most 255 characters.')
  .regex(
    volumeNamePattern,
    'Use letters, digits, _ . or -, starting with a letter or digit (e.g. app-data).',
  );

const labelKeySchema = z
  .string()
  .min(1, 'A label needs a key.')
  .max(256, 'A label key is at most 256 characters.')
  .regex(/^[^\s=]+$/, 'A label key has no spaces and no =.');
const labelValueSchema = z.string().max(4096, 'A label value is at most 4096 characters.');

/** Labels as the engine takes them: keys without spaces or `=`, any value. */
export const labelsSchema = z
  .record(z.string(), labelValueSchema)
  .superRefine((labels, context) => {
    const keys = Object.keys(labels);
    if (keys.length > 100) context.addIssue({ code: 'custom', message: 'At most 100 labels.' });
    for (const key of keys) {
      const problem = labelKeySchema.safeParse(key).error?.issues[0]?.message;
      if (problem) context.addIssue({ code: 'custom', path: [key], message: problem });
    }
  });

export type Labels = z.infer<typeof labelsSchema>;

/**
 * Labels typed one per line as `key=value` (a key alone means an empty value); blank lines
 * are skipped. Gives the labels, or the problem with the first line that is wrong.
 */
export function parseLabelLines(text: string): { labels: Labels } | { problem: string } {
  const labels: Labels = {};
  const lines = text.split('\n').map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const equals = line.indexOf('=');
    const key = (equals < 0 ? line : line.slice(0, equals)).trim();
    const value = equals < 0 ? '' : line.slice(equals + 1).trim();
    const problem =
      labelKeySchema.safeParse(key).error?.issues[0]?.message ??
      labelValueSchema.safeParse(value).error?.issues[0]?.message;
    if (problem) return { problem: `Line ${index + 1}: ${problem}` };
    if (Object.hasOwn(labels, key)) return { problem: `Line ${index + 1}: ${key} is given twice.` };
    labels[key] = value;
  }
  return { labels };
}

/** A container, by id and name (without the leading slash). */
export const containerRefSchema = z.object({ id: z.string(), name: z.string() });
export type ContainerRef = z.infer<typeof containerRefSchema>;

export const volumeSummarySchema = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string(),
  /** Epoch milliseconds; 0 when the engine does not say. */
  created: z.number(),
  labels: z.record(z.string(), z.string()),
  scope: z.string(),
  /** Bytes in the volume, or null when the engine does not know (other drivers). */
  size: z.number().nullable(),
  /** The containers (running or not) that mount this volume. */
  containers: z.array(containerRefSchema),
});
export type VolumeSummary = z.infer<typeof volumeSummarySchema>;

export const volumeDetailSchema = volumeSummarySchema.extend({
  options: z.record(z.string(), z.string()),
  raw: z.unknown(),
});
export type VolumeDetail = z.infer<typeof volumeDetailSchema>;

export const volumeRemovalSchema = z.object({
  name: z.string(),
  /** Containers removed first because they used the volume (only with force). */
  removedContainers: z.array(z.string()),
});

export const volumePrunePreviewSchema = z.object({
  volumes: z.array(
    z.object({ name: z.string(), size: z.number().nullable(), created: z.number() }),
  ),
  /** The sum of the sizes the engine knows. */
  reclaimableBytes: z.number(),
});
export type VolumePrunePreview = z.infer<typeof volumePrunePreviewSchema>;

export const volumePruneResultSchema = z.object({
  removed: z.array(z.string()),
  /** Volumes that were not removed: in use by now, or already gone. */
  kept: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type VolumePruneResult = z.infer<typeof volumePruneResultSchema>;

/**
 * A path inside a volume, from its root: `/`, `/logs/2024`. No `..`, no NUL, no empty parts
 * other than the slashes themselves.
 */
export const volumePathSchema = z
  .string()
  .max(4096, 'A path is at most 4096 characters.')
  .refine((path) => path.startsWith('/'), 'A path starts at the volume root: /…')
  .refine((path) => !path.includes('\0'), 'A path holds no NUL character.')
  .refine(
    (path) => path.split('/').every((part) => part !== '..' && part !== '.'),
    'A path may not hold . or .. parts: it stays inside the volume.',
  );

/** The parts of a volume path: `/a//b/` -> ['a', 'b']. */
export function volumePathParts(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

export const fileEntrySchema = z.object({
  name: z.string(),
  type: z.enum(['directory', 'file', 'symlink', 'other']),
  /** Bytes (for a link: of the link itself). */
  size: z.number(),
  /** As `ls -l` prints it: `drwxr-xr-x`. */
  mode: z.string(),
  /** Epoch milliseconds. */
  modified: z.number(),
  /** Where a symbolic link points, as written in it; never followed. */
  linkTarget: z.string().optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const volumeFilesSchema = z.discriminatedUnion('readable', [
  z.object({
    readable: z.literal(true),
    path: z.string(),
    /** Directories first, then by name. */
    entries: z.array(fileEntrySchema),
    /** How many entries the directory has; more than `entries` when the list was cut short. */
    total: z.number(),
  }),
  z.object({
    readable: z.literal(false),
    /** Why Stowage cannot read this volume's files, in words a person can act on. */
    reason: z.string(),
  }),
]);
export type VolumeFiles = z.infer<typeof volumeFilesSchema>;

/** The most of one file a single read returns: a preview asks for less. */
export const maxVolumeFileRead = 16 * 1024 * 1024;

/** The first bytes of one file of a volume, for a preview or a download. */
export const volumeFileSchema = z.discriminatedUnion('readable', [
  z.object({
    readable: z.literal(true),
    path: z.string(),
    /** The whole file's size in bytes. */
    size: z.number(),
    /** The bytes read, base64: the first `limit` of the file. */
    base64: z.string(),
    /** The file is longer than what was read. */
    truncated: z.boolean(),
  }),
  z.object({ readable: z.literal(false), reason: z.string() }),
]);
export type VolumeFile = z.infer<typeof volumeFileSchema>;
