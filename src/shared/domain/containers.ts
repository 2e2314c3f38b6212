import { z } from 'zod';
import { imageIdOrReferenceSchema } from './image-reference';
import { entryTypeSchema } from './layers';

export const containerStates = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export const containerStateSchema = z.enum(containerStates);
export type ContainerState = z.infer<typeof containerStateSchema>;

/** What the health check says; `none` when the container has no health check. */
export const containerHealthSchema = z.enum(['healthy', 'unhealthy', 'starting', 'none']);
export type ContainerHealth = z.infer<typeof containerHealthSchema>;

export const portProtocols = ['tcp', 'udp', 'sctp'] as const;
export const portProtocolSchema = z.enum(portProtocols);

export const containerPortSchema = z.object({
  containerPort: z.number(),
  protocol: portProtocolSchema,
  /** Only for a published port. */
  hostPort: z.number().optional(),
  hostIp: z.string().optional(),
});
export type ContainerPort = z.infer<typeof containerPortSchema>;

/** A container by id (full or short) or by name. */
export const containerIdOrNameSchema = z
  .string()
  .min(1, 'Name a container.')
  .max(256)
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a container id or name.');

/** The names `docker run --name` accepts. */
export const containerNameSchema = z
  .string()
  .max(128, 'A name has at most 128 characters.')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    'A name starts with a letter or digit, then letters, digits, _ . or -.',
  );

export const containerSummarySchema = z.object({
  id: z.string(),
  /** Without the engine's leading slash. */
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  state: containerStateSchema,
  /** The engine's words: "Up 5 minutes (healthy)", "Exited (0) 2 hours ago". */
  status: z.string(),
  health: containerHealthSchema,
  /** Epoch milliseconds. */
  created: z.number(),
  /** Epoch milliseconds; only while running or paused. */
  startedAt: z.number().optional(),
  ports: z.array(containerPortSchema),
  labels: z.record(z.string(), z.string()),
  /** From the com.docker.compose.project label. */
  composeProject: z.string().optional(),
  /** From the com.amazonaws.ecs.task-arn label. */
  ecsTaskArn: z.string().optional(),
  /** Bytes of the read-write layer, when the list was asked for sizes. */
  sizeRw: z.number().optional(),
});
export type ContainerSummary = z.infer<typeof containerSummarySchema>;

// ---- the run spec: `docker run` as data, validated the same way in the form and in main ----

const portRangePattern = /^\d{1,5}(-\d{1,5})?$/;

/** `8080` or `8000-8010` into its first and last port; undefined when it is not one. */
export function parsePortRange(text: string): { first: number; last: number } | undefined {
  if (!portRangePattern.test(text)) return undefined;
  const [first, last = first] = text.split('-').map(Number) as [number, number?];
  if (first < 1 || last > 65_535 || first > last) return undefined;
  return { first, last };
}

const portRangeText = (what: string) =>
  z
    .string()
    .trim()
    .refine((text) => parsePortRange(text) !== undefined, {
      message: `${what}: a port from 1 to 65535, or a range such as 8000-8010.`,
    });

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv6 = /^[0-9a-fA-F:]+$/;

export const portMappingSchema = z
  .object({
    containerPort: portRangeText('Container port'),
    /** Empty: not published, or published on a port the engine picks when `publish`. */
    hostPort: z.union([z.literal(''), portRangeText('Host port')]),
    hostIp: z
      .string()
      .trim()
      .refine((text) => text === '' || ipv4.test(text) || (text.includes(':') && ipv6.test(text)), {
        message: 'Host IP: an IPv4 or IPv6 address, or empty for all.',
      }),
    protocol: portProtocolSchema,
  })
  .superRefine((mapping, context) => {
    const inside = parsePortRange(mapping.containerPort);
    const outside = mapping.hostPort ? parsePortRange(mapping.hostPort) : undefined;
    if (!inside || !outside) return;
    const insideCount = inside.last - inside.first + 1;
    const outsideCount = outside.last - outside.first + 1;
    if (insideCount > 1 && insideCount !== outsideCount) {
      context.addIssue({
        code: 'custom',
        path: ['hostPort'],
        message: `Host port: a range of ${insideCount} ports, as many as the container ports.`,
      });
    }
  });
export type PortMapping = z.infer<typeof portMappingSchema>;

export const volumeMountSchema = z
  .object({
    /** An absolute host path (bind mount), a volume name, or empty for an anonymous volume. */
    source: z
      .string()
      .trim()
      .refine((text) => text === '' || text.startsWith('/') || /^[a-zA-Z0-9][\w.-]*$/.test(text), {
        message: 'Source: an absolute host path, a volume name, or empty for a new volume.',
      }),
    target: z
      .string()
      .trim()
      .regex(/^\/\S*$/, 'Container path: an absolute path such as /data.'),
    readOnly: z.boolean(),
  })
  .strict();
export type VolumeMount = z.infer<typeof volumeMountSchema>;

export const restartPolicies = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

const envNamePattern = /^[^=\s]+$/;
const labelNamePattern = /^[^\s=]+$/;

export const runSpecSchema = z
  .object({
    image: imageIdOrReferenceSchema,
    name: z.union([z.literal(''), containerNameSchema]),
    /** Empty: the image's command. */
    cmd: z.array(z.string()).max(1000),
    /** Empty: the image's entrypoint. */
    entrypoint: z.array(z.string()).max(1000),
    env: z
      .array(
        z
          .object({
            name: z.string().regex(envNamePattern, 'Variable: a name without = or spaces.'),
            value: z.string(),
          })
          .strict(),
      )
      .max(1000),
    ports: z.array(portMappingSchema).max(200),
    volumes: z.array(volumeMountSchema).max(200),
    /** Empty: the default bridge network. */
    network: z
      .string()
      .trim()
      .regex(/^([a-zA-Z0-9][\w.-]*)?$/, 'Network: a network name.'),
    restartPolicy: z.enum(restartPolicies),
    /** Only for on-failure; 0 means no limit. */
    maxRetries: z.number().int('Retries: a whole number.').min(0).max(1000),
    /** CPUs, as `--cpus` takes them; 0 means no limit. */
    cpus: z.number().min(0, 'CPUs: 0 (no limit) or more.').max(1024, 'CPUs: at most 1024.'),
    /** Bytes; 0 means no limit. The engine wants at least 6 MB. */
    memoryBytes: z
      .number()
      .int()
      .refine((bytes) => bytes === 0 || bytes >= 6 * 1024 * 1024, {
        message: 'Memory: at least 6 MB, or 0 for no limit.',
      }),
    labels: z
      .array(
        z
          .object({
            name: z.string().regex(labelNamePattern, 'Label: a name without = or spaces.'),
            value: z.string(),
          })
          .strict(),
      )
      .max(1000),
    autoRemove: z.boolean(),
    /** `-t`: a terminal. */
    tty: z.boolean(),
    /** `-i`: stdin kept open. */
    interactive: z.boolean(),
  })
  .strict()
  .superRefine((spec, context) => {
    const taken = new Map<string, number>();
    spec.ports.forEach((mapping, index) => {
      const range = mapping.hostPort ? parsePortRange(mapping.hostPort) : undefined;
      if (!range) return;
      for (let port = range.first; port <= range.last; port++) {
        const key = `${mapping.hostIp || '*'} ${port}/${mapping.protocol}`;
        const other = taken.get(key);
        if (other !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['ports', index, 'hostPort'],
            message: `Host port ${port}/${mapping.protocol} is already used by mapping ${other + 1}.`,
          });
          return;
        }
        taken.set(key, index);
      }
    });
    const targets = new Map<string, number>();
    spec.volumes.forEach((mount, index) => {
      if (targets.has(mount.target)) {
        context.addIssue({
          code: 'custom',
          path: ['volumes', index, 'target'],
          message: `Container path ${mount.target} is mounted twice.`,
        });
      }
      targets.set(mount.target, index);
    });
    if (spec.autoRemove && spec.restartPolicy !== 'no') {
      context.addIssue({
        code: 'custom',
        path: ['restartPolicy'],
        message: 'Auto-remove works only with the restart policy "no".',
      });
    }
  });
export type RunSpec = z.infer<typeof runSpecSchema>;

export const emptyRunSpec: RunSpec = {
  image: '',
  name: '',
  cmd: [],
  entrypoint: [],
  env: [],
  ports: [],
  volumes: [],
  network: '',
  restartPolicy: 'no',
  maxRetries: 0,
  cpus: 0,
  memoryBytes: 0,
  labels: [],
  autoRemove: false,
  tty: false,
  interactive: false,
};

// ---- detail ----

export const containerMountSchema = z.object({
  type: z.string(),
  /** The volume name, for a volume. */
  name: z.string().optional(),
  source: z.string(),
  destination: z.string(),
  readOnly: z.boolean(),
});

export const containerNetworkSchema = z.object({
  name: z.string(),
  ipAddress: z.string(),
  gateway: z.string(),
  macAddress: z.string(),
  aliases: z.array(z.string()),
});

export const containerDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  state: containerStateSchema,
  health: containerHealthSchema,
  exitCode: z.number(),
  /** Epoch milliseconds. */
  created: z.number(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  restartCount: z.number(),
  tty: z.boolean(),
  command: z.array(z.string()),
  env: z.array(z.object({ name: z.string(), value: z.string() })),
  mounts: z.array(containerMountSchema),
  networks: z.array(containerNetworkSchema),
  ports: z.array(containerPortSchema),
  labels: z.record(z.string(), z.string()),
  /** What `docker run` would make the same container again (Duplicate). */
  spec: runSpecSchema,
  raw: z.unknown(),
});
export type ContainerDetail = z.infer<typeof containerDetailSchema>;

// ---- logs, stats, processes, changes, prune ----

export const logLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** The engine's RFC 3339 timestamp, when asked for. */
  timestamp: z.string().optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const statsSampleSchema = z.object({
  /** Epoch milliseconds of the engine's reading. */
  time: z.number(),
  cpuPercent: z.number(),
  memoryUsage: z.number(),
  memoryLimit: z.number(),
  netRx: z.number(),
  netTx: z.number(),
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number(),
});
export type StatsSample = z.infer<typeof statsSampleSchema>;

/** The latest CPU and memory reading of one running container, for the list's columns. */
export const containerUsageSchema = z.object({
  id: z.string(),
  cpuPercent: z.number(),
  /** Bytes, without the page cache (as `docker stats`). */
  memoryUsage: z.number(),
  memoryLimit: z.number(),
});
export type ContainerUsage = z.infer<typeof containerUsageSchema>;

export const processListSchema = z.object({
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
});
export type ProcessList = z.infer<typeof processListSchema>;

export const fileChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'modified', 'removed']),
  /** From the engine's stat of a path still there (none for removed ones, nor past a cap). */
  type: entryTypeSchema.optional(),
  size: z.number().optional(),
  mode: z.number().int().optional(),
  linkTarget: z.string().optional(),
});
export type FileChange = z.infer<typeof fileChangeSchema>;

export const containerPrunePreviewSchema = z.object({
  containers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      image: z.string(),
      status: z.string(),
      sizeRw: z.number(),
    }),
  ),
  /** The read-write layers' bytes: what comes back. */
  reclaimableBytes: z.number(),
});
export type ContainerPrunePreview = z.infer<typeof containerPrunePreviewSchema>;

export const execItemSchema = z.discriminatedUnion('kind', [
  /** The first item: the id that `containers.execInput` and `containers.execResize` take. */
  z.object({ kind: z.literal('session'), session: z.string() }),
  z.object({ kind: z.literal('output'), data: z.string() }),
]);
export type ExecItem = z.infer<typeof execItemSchema>;
