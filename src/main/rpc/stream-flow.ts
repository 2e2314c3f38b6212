import { StowageError, streamWindow, type Envelope } from '../../shared';

/**
 * Credit-based flow control of one stream: at most `streamWindow` items are sent before the
 * client acknowledges them. Beyond that, items with a coalescing key replace their waiting
 * predecessor; other items make the producer wait (its `emit` resolves once there is credit).
 */
export class StreamFlow {
  private credit = streamWindow;
  private readonly coalesced = new Map<string, unknown>();
  private readonly waiting: { item: unknown; resolve(): void; reject(error: unknown): void }[] = [];
  private onDrained: (() => void) | undefined;
  private cancelled = false;

  constructor(
    private readonly deliver: (item: unknown) => void,
    private readonly coalesceBy: ((item: never) => string) | undefined,
    private readonly maxKeys: number,
  ) {}

  emit(item: unknown): Promise<void> {
    if (this.cancelled) return Promise.reject(cancelled());
    if (this.credit > 0 && this.idle()) {
      this.credit--;
      this.deliver(item);
      return Promise.resolve();
    }
    if (this.coalesceBy) {
      const key = this.coalesceBy(item as never);
      if (this.coalesced.has(key) || this.coalesced.size < this.maxKeys) {
        this.coalesced.delete(key);
        this.coalesced.set(key, item);
        return Promise.resolve();
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ item, resolve, reject }));
  }

  grant(count: number): void {
    this.credit = Math.min(streamWindow, this.credit + count);
    this.flush();
  }

  /** Sends the end once every waiting item is out. */
  end(sendEnd: () => void, envelope: Envelope<unknown>): void {
    if ('error' in envelope || this.cancelled) {
      this.cancel();
      sendEnd();
      return;
    }
    this.onDrained = sendEnd;
    this.flush();
  }

  cancel(): void {
    this.cancelled = true;
    this.coalesced.clear();
    for (const waiter of this.waiting.splice(0)) waiter.reject(cancelled());
  }

  private idle(): boolean {
    return this.coalesced.size === 0 && this.waiting.length === 0;
  }

  private flush(): void {
    while (this.credit > 0 && !this.idle()) {
      this.credit--;
      const first = this.coalesced.entries().next();
      if (!first.done) {
        this.coalesced.delete(first.value[0]);
        this.deliver(first.value[1]);
        continue;
      }
      const waiter = this.waiting.shift();
      if (waiter) {
        this.deliver(waiter.item);
        waiter.resolve();
      }
    }
    if (this.idle() && this.onDrained) {
      const sendEnd = this.onDrained;
      this.onDrained = undefined;
      sendEnd();
    }
  }
}

function cancelled(): StowageError {
  return new StowageError('CANCELLED', 'The stream was cancelled.');
}
