import { events, type AnyEvent, type EventName, type EventPayload } from '../../shared';

export type EventListener = (event: AnyEvent) => void;

/**
 * Fans events of the contract out to every connected client. Sticky events (declared so in
 * the contract: state such as the engine status) keep their latest value, which every new
 * subscriber receives first, so no transport needs to know which state a client starts with.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly latest = new Map<EventName, AnyEvent>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = { name, payload } as AnyEvent;
    if (events[name].sticky) this.latest.set(name, event);
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Replays the latest sticky values to `listener`, then delivers every new event. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    for (const event of this.latest.values()) listener(event);
    return () => this.listeners.delete(listener);
  }
}
