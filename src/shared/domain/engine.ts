import { z } from 'zod';

/** How Stowage found the engine, the way the docker CLI would. */
export const engineEndpointSchema = z.object({
  /** A URL-like description: unix:///var/run/docker.sock, tcp://127.0.0.1:2375, ... */
  address: z.string(),
  /** Where the address came from: `address` is one chosen in Stowage by its address alone. */
  source: z.enum(['DOCKER_HOST', 'context', 'default', 'address']),
  /** The docker context name when `source` is `context` (`default` for the default socket). */
  context: z.string().optional(),
});

export type EngineEndpoint = z.infer<typeof engineEndpointSchema>;

export const engineStatusSchema = z.object({
  state: z.enum(['connecting', 'connected', 'unreachable']),
  endpoint: engineEndpointSchema,
  /** Why the engine is unreachable, in words a person can act on. */
  message: z.string().optional(),
  /** Epoch milliseconds of the last change of `state`. */
  since: z.number(),
  /** When unreachable: epoch milliseconds of the next reconnection attempt. */
  nextAttemptAt: z.number().optional(),
});

export type EngineStatus = z.infer<typeof engineStatusSchema>;

/** One engine Stowage can use: a docker context, the implicit `default` or `DOCKER_HOST`. */
export const engineContextSchema = z.object({
  /** The context's name; `DOCKER_HOST` for the environment's override. */
  name: z.string(),
  kind: z.enum(['DOCKER_HOST', 'context', 'default']),
  description: z.string(),
  /** The docker endpoint's address; absent when the context is broken. */
  host: z.string().optional(),
  /** The one the docker CLI would use now. */
  current: z.boolean(),
  /** The one Stowage uses now. */
  inUse: z.boolean(),
  /** Why the context cannot be used (unreadable meta.json, no docker endpoint, ...). */
  broken: z.string().optional(),
  /** Why its engine did not answer when asked, when it did not. */
  unreachable: z.string().optional(),
});

export type EngineContext = z.infer<typeof engineContextSchema>;

export const engineContextListSchema = z.object({
  contexts: z.array(engineContextSchema),
  /** Things a person should know, e.g. that a corrupt settings file was moved aside. */
  notices: z.array(z.string()),
});

export type EngineContextList = z.infer<typeof engineContextListSchema>;

/** What `engine.use` switches to: a context by name (`DOCKER_HOST` too), or an address. */
export const engineChoiceSchema = z.union([
  z.object({ context: z.string().min(1).max(200) }).strict(),
  z.object({ host: z.string().min(1).max(2000) }).strict(),
]);

export type EngineChoice = z.infer<typeof engineChoiceSchema>;

export const engineInfoSchema = z.object({
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  osType: z.string(),
  architecture: z.string(),
  kernelVersion: z.string(),
  storageDriver: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  name: z.string(),
  images: z.number(),
  containers: z.object({
    total: z.number(),
    running: z.number(),
    paused: z.number(),
    stopped: z.number(),
  }),
  volumes: z.number(),
});

export type EngineInfo = z.infer<typeof engineInfoSchema>;

/** One message of the engine's event stream, reduced to what the UI reacts to. */
export const dockerEventSchema = z.object({
  type: z.string(),
  action: z.string(),
  id: z.string(),
  /** Epoch milliseconds. */
  time: z.number(),
  attributes: z.record(z.string(), z.string()),
});

export type DockerEvent = z.infer<typeof dockerEventSchema>;
