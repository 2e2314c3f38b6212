import { z } from 'zod';
import {
  dockerEventSchema,
  engineInfoSchema,
  engineStatusSchema,
  imageSummarySchema,
} from './domain';

/**
 * The one contract between the renderer and the main services. Every call is a name with a
 * zod schema for its input and one for its output; every event stream is a name with a schema
 * for its payload. The router, the preload bridge, the WebSocket server and the renderer's
 * client all derive from this table; nothing else spells a call or event name.
 */

const noInput = z.object({}).strict();

export const calls = {
  /** The current state of the connection to the Docker engine. Never fails. */
  'engine.status': { input: noInput, output: engineStatusSchema },
  /** Version, platform and counts of the engine. */
  'engine.info': { input: noInput, output: engineInfoSchema },
  /** Every image of the engine, with the number of containers using each. */
  'images.list': { input: noInput, output: z.array(imageSummarySchema) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** Sent on every change of the engine connection, and once to every new client. */
  'engine.status': engineStatusSchema,
  /** Every event of the engine's event stream while connected. */
  'docker.event': dockerEventSchema,
} as const satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedCallInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

/** An event as it travels: a name and its payload, correlated by the type system. */
export type AnyEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];
