import type { z } from 'zod';
import { containersContract } from './containers';
import { mergeDomains } from './define';
import { engineContract } from './engine';
import { eventsContract } from './events';
import { imagesContract } from './images';
import { layersContract } from './layers';
import { networksContract } from './networks';
import { volumesContract } from './volumes';
import { registriesContract } from './registries';
import { ecsContract } from './ecs';
import { tourContract } from './tour';

/**
 * The one contract between the renderer and the main services, merged from one module per
 * domain. The router, the client connection, both transports and the renderer's client all
 * derive from this table; nothing else spells a call, stream or event name.
 */
export const contract = mergeDomains(
  engineContract,
  imagesContract,
  containersContract,
  eventsContract,
  layersContract,
  volumesContract,
  networksContract,
  registriesContract,
  ecsContract,
  tourContract,
);

export const calls = contract.calls;
export const streams = contract.streams;
export const events = contract.events;

export type Contract = typeof contract;
export type Calls = Contract['calls'];
export type CallName = keyof Calls & string;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedCallInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Streams = Contract['streams'];
export type StreamName = keyof Streams & string;
export type StreamInput<K extends StreamName> = z.input<Streams[K]['input']>;
export type ParsedStreamInput<K extends StreamName> = z.output<Streams[K]['input']>;
export type StreamItem<K extends StreamName> = z.output<Streams[K]['item']>;
export type StreamResult<K extends StreamName> = z.output<Streams[K]['result']>;

export type Events = Contract['events'];
export type EventName = keyof Events & string;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

/** An event as it travels: a name and its payload, correlated by the type system. */
export type AnyEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(streams, name);
}

export const callNames = Object.keys(calls) as CallName[];
export const streamNames = Object.keys(streams) as StreamName[];
export const eventNames = Object.keys(events) as EventName[];

export { call, defineDomain, event, stream } from './define';
export type { CallSpec, DomainContract, EventSpec, StreamSpec } from './define';
