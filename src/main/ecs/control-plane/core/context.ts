import type { EcsSettings } from './arns';
import type { Random } from './ids';
import type { EcsChange, EcsState } from './state';

/** What a pure operation reads: the state as it is, the settings, the time and randomness. */
export interface PlaneContext {
  state: EcsState;
  settings: EcsSettings;
  now: number;
  random: Random;
}

/** What a pure operation gives back: its response and the changes that make it true. */
export interface Outcome<T> {
  result: T;
  changes: EcsChange[];
}

export function toDate(epochMs: number | undefined): Date | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs);
}

/** Drops members whose value is undefined, so responses carry no empty keys. */
export function compact<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const member = source[key];
    if (member === undefined) continue;
    // Defined rather than assigned, so a `__proto__` key stays a key.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = member;
  }
  return copy as T;
}

/** `value` without the members named in `keys`. */
export function omit<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Responses made once and shared, frozen through and through (see {@link sharedView}). */
const sharedViews = new WeakSet<object>();

/**
 * `view` frozen through and through, so it can be handed to every caller that asks for it
 * again without a copy (a caller that tries to change it gets a TypeError; the record it was
 * made from is never reachable, and what the view shares with it is frozen with it), and
 * recognised by {@link isSharedView} so what is derived
 * from it can be cached. Its Dates are shared too: callers must not call their setters.
 */
export function sharedView<T extends object>(view: T): T {
  deepFreeze(view);
  sharedViews.add(view);
  return view;
}

export function isSharedView(value: object): boolean {
  return sharedViews.has(value);
}

/** Responses made for one answer, with what to write on the wire for each. */
const wireValues = new WeakMap<object, unknown>();

/**
 * Marks a response made for one answer with its wire value: the same members with Dates as
 * epoch seconds, made by whoever made the response and knows where its Dates are, so that it
 * is written with one native stringify instead of being copied member by member.
 */
export function withWireValue<T extends object>(view: T, wire: unknown): T {
  wireValues.set(view, wire);
  return view;
}

export function wireValueOf(value: object): unknown {
  return wireValues.get(value);
}

/**
 * `value` frozen through and through, and returned. What is frozen already is taken to be
 * frozen through (as everything frozen here is), so parts shared by several records are
 * walked once.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const member of Object.values(value)) deepFreeze(member);
  return Object.freeze(value);
}
