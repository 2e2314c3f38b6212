import type { z } from 'zod';

/**
 * How a domain declares its part of the contract. Three kinds of entry:
 *
 * - a call: one input, one output (a request and its reply);
 * - a stream: one input, any number of typed items, then one result or error (long work with
 *   progress, logs, event logs); the client can cancel it by id;
 * - an event: a payload that main pushes to every client. A sticky event (state such as the
 *   engine status) is replayed with its latest value to each client that connects.
 *
 * Names are flat and fully spelt (`images.list`) and must start with the domain's prefix: the
 * helpers below make a `containers` module unable to declare `images.remove`.
 */

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export interface StreamSpec<
  I extends z.ZodType = z.ZodType,
  T extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly input: I;
  readonly item: T;
  readonly result: R;
  /**
   * Items with the same key replace each other while they wait for a slow client (progress of
   * one layer, say): the client sees the latest value rather than every step. Without it a
   * stream that outruns its client is paused instead.
   */
  coalesceBy?(item: z.output<T>): string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly sticky: boolean;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>) => spec;
export const stream = <I extends z.ZodType, T extends z.ZodType, R extends z.ZodType>(
  spec: StreamSpec<I, T, R>,
) => spec;
export const event = <P extends z.ZodType>(payload: P, options: { sticky?: boolean } = {}) =>
  ({ payload, sticky: options.sticky ?? false }) as EventSpec<P>;

type Prefixed<D extends string, T, S> = {
  [K in keyof T]: K extends `${D}.${string}` ? S : never;
};

export interface DomainContract<
  D extends string = string,
  C extends Record<string, CallSpec> = Record<string, CallSpec>,
  S extends Record<string, StreamSpec> = Record<string, StreamSpec>,
  E extends Record<string, EventSpec> = Record<string, EventSpec>,
> {
  readonly domain: D;
  readonly calls: C;
  readonly streams: S;
  readonly events: E;
}

/** One domain's calls, streams and events; every name must start with `${domain}.`. */
export function defineDomain<
  const D extends string,
  const C extends Record<string, CallSpec> = Record<never, never>,
  const S extends Record<string, StreamSpec> = Record<never, never>,
  const E extends Record<string, EventSpec> = Record<never, never>,
>(
  domain: D,
  entries: {
    calls?: C & Prefixed<D, C, CallSpec>;
    streams?: S & Prefixed<D, S, StreamSpec>;
    events?: E & Prefixed<D, E, EventSpec>;
  },
): DomainContract<D, C, S, E> {
  const all = [entries.calls, entries.streams, entries.events].flatMap((table) =>
    Object.keys(table ?? {}),
  );
  const stray = all.find((name) => !name.startsWith(`${domain}.`));
  if (stray) throw new Error(`${stray} is not in the ${domain} domain.`);
  return {
    domain,
    calls: (entries.calls ?? {}) as C,
    streams: (entries.streams ?? {}) as S,
    events: (entries.events ?? {}) as E,
  };
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

type EntryNames<M> = M extends DomainContract
  ? keyof M['calls'] | keyof M['streams'] | keyof M['events']
  : never;

/** Names that two different modules of the list both declare (or two modules of one domain). */
type Clashes<M extends readonly DomainContract[]> = {
  [I in keyof M]: {
    [J in keyof M]: I extends J
      ? never
      : (EntryNames<M[I]> & EntryNames<M[J]>) | (M[I]['domain'] & M[J]['domain']);
  }[number];
}[number];

type NoClashes<M extends readonly DomainContract[]> = [Clashes<M>] extends [never]
  ? unknown
  : { readonly 'defined twice': Clashes<M> };

export type MergedContract<M extends readonly DomainContract[]> = {
  calls: UnionToIntersection<M[number]['calls']>;
  streams: UnionToIntersection<M[number]['streams']>;
  events: UnionToIntersection<M[number]['events']>;
};

/** The one table: every domain's entries side by side. A name declared twice does not compile. */
export function mergeDomains<const M extends readonly DomainContract[]>(
  ...modules: M & NoClashes<M>
): MergedContract<M> {
  const merged = { calls: {}, streams: {}, events: {} } as Record<
    'calls' | 'streams' | 'events',
    Record<string, unknown>
  >;
  const seen = new Set<string>();
  for (const module of modules as readonly DomainContract[]) {
    if (seen.has(module.domain)) throw new Error(`The ${module.domain} domain is merged twice.`);
    seen.add(module.domain);
    for (const kind of ['calls', 'streams', 'events'] as const) {
      for (const [name, spec] of Object.entries(module[kind])) {
        // Calls and streams share one namespace (a client names either); events have their own.
        const taken = kind === 'events' ? [merged.events] : [merged.calls, merged.streams];
        if (taken.some((table) => Object.hasOwn(table, name))) {
          throw new Error(`${name} is defined twice.`);
        }
        merged[kind][name] = spec;
      }
    }
  }
  return merged as MergedContract<M>;
}
