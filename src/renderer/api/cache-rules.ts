import type { CallName, EventName, EventPayload } from '../../shared';

/**
 * Which cached calls an event makes stale. Each feature declares its own rules next to its
 * page (in its index.ts); the app hands all of them to the StowageProvider.
 */
export type CacheRule = {
  [K in EventName]: {
    event: K;
    /** The calls whose cached results may no longer be true after this event. */
    stale: (payload: EventPayload<K>) => readonly CallName[];
  };
}[EventName];

/** Declares a rule with its payload typed from the event name. */
export function cacheRule<K extends EventName>(
  event: K,
  stale: (payload: EventPayload<K>) => readonly CallName[],
): CacheRule {
  return { event, stale } as CacheRule;
}
