import { events, type AnyEvent, type EventName, type EventPayload } from '../../shared';
import { Emitter } from '../../shared/emitter';

export type EventListener = (event: AnyEvent) => void;

/**
 * Fans events of the contract out to every connected client. Sticky events (declared so in
 * the contract: state such as the engine status) keep their latest value, which every new
 * subscriber receives first, so no transport needs to know which state a client starts with.
 */
export class EventHub {
  private readonly listeners = new Emitter<AnyEvent>();
  private readonly latest = new Map<EventName, AnyEvent>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = { name, payload } as AnyEvent;
    if (events[name].sticky) this.latest.set(name, event);
    this.listeners.emit(event);
  }

  /** Replays the latest sticky values to `listener`, then delivers every new event. */
  subscribe(listener: EventListener): () => void {
    const unsubscribe = this.listeners.on(listener);
    for (const event of this.latest.values()) listener(event);
    return unsubscribe;
  }
}
