import { z } from 'zod';
import {
  containerDetailSchema,
  containerNameSchema,
  containerPrunePreviewSchema,
  containerIdOrNameSchema,
  containerSummarySchema,
  containerUsageSchema,
  execItemSchema,
  fileChangeSchema,
  logLineSchema,
  processListSchema,
  runSpecSchema,
  statsSampleSchema,
} from '../domain/containers';
import { call, defineDomain, stream } from './define';

const target = z.object({ container: containerIdOrNameSchema }).strict();
const done = z.object({ id: z.string() });
const sessionSchema = z.string().regex(/^[a-f0-9-]{36}$/, 'Not an exec session id.');
const signalSchema = z
  .string()
  .regex(/^(SIG)?[A-Z0-9+-]{1,12}$|^\d{1,2}$/, 'A signal name such as SIGTERM, or its number.');

export const containersContract = defineDomain('containers', {
  calls: {
    /** Every container (or only the running ones), newest first, with uptime and health. */
    'containers.list': call({
      input: z
        .object({
          /** False: only running containers. */
          all: z.boolean().optional(),
          /** Also the size of each read-write layer (slower). */
          size: z.boolean().optional(),
          /** Only these containers (full ids): what an engine event names, read again. */
          ids: z
            .array(z.string().regex(/^[a-f0-9]{64}$/, 'Not a full container id.'))
            .max(1000, 'At most 1,000 ids at once.')
            .optional(),
        })
        .strict(),
      output: z.array(containerSummarySchema),
    }),
    /** One container in full: the detail panel's tabs, the spec to duplicate it, the raw JSON. */
    'containers.inspect': call({ input: target, output: containerDetailSchema }),
    'containers.start': call({ input: target, output: done }),
    /** Stops with SIGTERM, then SIGKILL after `timeoutSeconds` (the engine's default: 10). */
    'containers.stop': call({
      input: target.extend({ timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
      output: done,
    }),
    'containers.restart': call({
      input: target.extend({ timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
      output: done,
    }),
    'containers.pause': call({ input: target, output: done }),
    'containers.unpause': call({ input: target, output: done }),
    'containers.kill': call({
      input: target.extend({ signal: signalSchema.optional() }),
      output: done,
    }),
    /** Removes a container; `volumes` also its anonymous volumes, `force` even while running. */
    'containers.remove': call({
      input: target.extend({ force: z.boolean().optional(), volumes: z.boolean().optional() }),
      output: done,
    }),
    'containers.rename': call({
      input: target.extend({ name: containerNameSchema.min(1, 'Give a new name.') }),
      output: z.object({ id: z.string(), name: z.string() }),
    }),
    /**
     * `docker run -d`: creates the container from the spec and starts it. A start that fails
     * (a host port already taken) removes what it created, and says CONFLICT naming the port;
     * an image the engine does not have is NOT_FOUND.
     */
    'containers.run': call({
      input: z.object({ spec: runSpecSchema }).strict(),
      output: z.object({ id: z.string(), name: z.string(), warnings: z.array(z.string()) }),
    }),
    /** The stopped containers a prune would remove, and their read-write layers' bytes. */
    'containers.prunePreview': call({
      input: z.object({}).strict(),
      output: containerPrunePreviewSchema,
    }),
    /** Removes the containers a preview listed, each only if it is still stopped. */
    'containers.prune': call({
      input: z
        .object({ ids: z.array(z.string().regex(/^[a-f0-9]{64}$/, 'Not a full container id.')) })
        .strict()
        .refine((input) => input.ids.length <= 10_000, { message: 'At most 10,000 at once.' }),
      output: z.object({
        removed: z.array(z.string()),
        kept: z.array(z.object({ id: z.string(), reason: z.string() })),
      }),
    }),
    /** `docker top`: the processes running in the container. */
    'containers.top': call({
      input: target.extend({
        psArgs: z
          .string()
          .regex(/^[a-zA-Z0-9 ,=-]{0,64}$/, 'ps options: letters, digits, spaces, - , =.')
          .optional(),
      }),
      output: processListSchema,
    }),
    /** `docker diff`: what the container changed in its read-write layer. */
    'containers.changes': call({ input: target, output: z.array(fileChangeSchema) }),
    /** Types into a running `containers.exec` session (keys, pasted text). */
    'containers.execInput': call({
      input: z.object({ session: sessionSchema, data: z.string().max(64 * 1024) }).strict(),
      output: z.object({}),
    }),
    /** Tells a running `containers.exec` session its terminal's new size. */
    'containers.execResize': call({
      input: z
        .object({
          session: sessionSchema,
          cols: z.number().int().min(1).max(1000),
          rows: z.number().int().min(1).max(1000),
        })
        .strict(),
      output: z.object({}),
    }),
  },
  streams: {
    /**
     * A container's log, from `tail` lines back, then live while `follow`. Items are batches
     * of lines: a fast writer gets many lines per item, and a slow reader holds the engine back
     * rather than losing lines.
     */
    'containers.logs': stream({
      input: target.extend({
        follow: z.boolean(),
        timestamps: z.boolean(),
        /** Lines from the end to start with; omitted: the whole log. */
        tail: z.number().int().min(0).max(1_000_000).optional(),
      }),
      item: z.object({ lines: z.array(logLineSchema) }),
      result: z.object({}),
    }),
    /** One sample a second from the engine's stats stream; a slow reader sees the latest. */
    'containers.stats': stream({
      input: target,
      item: statsSampleSchema,
      result: z.object({}),
      coalesceBy: () => 'sample',
    }),
    /**
     * The CPU and memory of every running container, one snapshot every second and a half,
     * for as long as the stream is open (the engine's stats streams close with the last
     * reader); a slow reader sees the latest. A container without a reading yet is left out.
     */
    'containers.usage': stream({
      input: z.object({}).strict(),
      item: z.object({ time: z.number(), containers: z.array(containerUsageSchema) }),
      result: z.object({}),
      coalesceBy: () => 'usage',
    }),
    /**
     * An interactive command with a terminal (`docker exec -it`). The first item names the
     * session for `containers.execInput` and `containers.execResize`; then output chunks. It
     * ends with the command's exit code, or NOT_FOUND when the container has no such command.
     */
    'containers.exec': stream({
      input: target.extend({
        cmd: z.array(z.string().min(1).max(4096)).min(1, 'Give a command.').max(64),
        cols: z.number().int().min(1).max(1000).optional(),
        rows: z.number().int().min(1).max(1000).optional(),
      }),
      item: execItemSchema,
      result: z.object({ exitCode: z.number() }),
    }),
  },
});
