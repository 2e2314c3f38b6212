import { z } from 'zod';

/** How Stowage found the engine, the way the docker CLI would. */
export const engineEndpointSchema = z.object({
  /** A URL-like description: unix:///var/run/docker.sock, tcp://127.0.0.1:2375, ... */
  address: z.string(),
  /** Where the address came from. */
  source: z.enum(['DOCKER_HOST', 'context', 'default']),
  /** The docker context name when `source` is `context`. */
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
