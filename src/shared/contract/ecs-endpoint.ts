import { z } from 'zod';
import { call } from './define';
import { noInput } from './engine';

/** 127.0.0.0/8, ::1 and localhost: the endpoint checks no credentials, so it never leaves the machine. */
const loopbackPattern = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

export const ecsEndpointDefaultPort = 4566;

export const ecsEndpointStatusSchema = z.object({
  /** The remembered choice: on means it is served whenever the app runs. */
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  /** What to give `--endpoint-url`; only while it listens. */
  url: z.string().optional(),
  /** Why it is not listening although it is on (the port was taken when the app started). */
  problem: z.string().optional(),
});
export type EcsEndpointStatus = z.infer<typeof ecsEndpointStatusSchema>;

/** The app's own ECS API endpoint, the one `stowage ecs` serves, over the app's control plane. */
export const ecsEndpointCalls = {
  'ecs.endpoint.get': call({ input: noInput, output: ecsEndpointStatusSchema }),
  /**
   * Turns the endpoint on (listening at once, and at every start of the app) or off (closed at
   * once). A port another program holds is refused with CONFLICT and nothing is remembered.
   */
  'ecs.endpoint.set': call({
    input: z
      .object({
        enabled: z.boolean(),
        port: z.number().int().min(1).max(65535).optional(),
        host: z
          .string()
          .max(255)
          .regex(
            loopbackPattern,
            'The ECS endpoint listens on loopback only (127.0.0.1): it checks no credentials.',
          )
          .optional(),
      })
      .strict(),
    output: ecsEndpointStatusSchema,
  }),
} as const;
