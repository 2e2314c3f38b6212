// src/shared compiles without Node's types and without the DOM's; both sides have a console.
declare const console: { error(...values: unknown[]): void };

export type Listener<T> = (value: T) => void;

/** Where a listener's failure goes when the emitter is given nowhere else. */
export function logListenerFailure(error: unknown): void {
  console.error('A listener failed:', error);
}

/**
 * A set of listeners, each one isolated from the others: a listener that throws does not stop
 * delivery to the rest, and its error goes to `onListenerFailure` instead of to the emitter.
 * A listener removed while an emit is under way is not called by it; one added is called from
 * the next emit on.
 */
export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly onListenerFailure: (error: unknown) => void = logListenerFailure) {}

  /** Adds `listener`; the returned function removes it. */
  on(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) continue;
      try {
        listener(value);
      } catch (error) {
        this.onListenerFailure(error);
      }
    }
  }

  /** How many listeners there are. */
  get size(): number {
    return this.listeners.size;
  }
}
