import type { AnyEvent, EventName, EventPayload } from '../../shared';

export type EventListener = (event: AnyEvent) => void;

/** Fans events of the contract out to every connected client. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = { name, payload } as AnyEvent;
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
