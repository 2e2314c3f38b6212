import type { ContainerUsage, StatsSample } from '../../../shared';
import { Emitter } from '../../../shared/emitter';
import type { Clock, TimerHandle } from '../../lib/clock';

/** Where readings come from: the engine in the app, a script in the tests. */
export interface UsageSource {
  /** The ids of the running containers. */
  running(signal: AbortSignal): Promise<string[]>;
  /** Follows one container's stats until `signal` aborts or the engine ends the stream. */
  follow(id: string, signal: AbortSignal, onSample: (sample: StatsSample) => void): Promise<void>;
  /** Which engine is in use: when it changes, every stream is opened again on the new one. */
  engineKey(): unknown;
}

export interface UsageSnapshot {
  /** Epoch milliseconds. */
  time: number;
  containers: ContainerUsage[];
}

interface Followed {
  controller: AbortController;
  engine: unknown;
  latest: StatsSample | undefined;
}

/**
 * The CPU and memory of every running container, for the list's columns: one engine stats
 * stream per running container, shared by every subscriber, open only while someone
 * subscribes. Every `intervalMs` it lists the running containers (opening streams for new ones,
 * closing those of stopped ones) and sends each subscriber one snapshot of the latest readings.
 */
export class UsageMonitor {
  private readonly listeners = new Emitter<UsageSnapshot>();
  private readonly followed = new Map<string, Followed>();
  private timer: TimerHandle | undefined;
  private ticking: AbortController | undefined;
  private last: UsageSnapshot | undefined;

  constructor(
    private readonly source: UsageSource,
    private readonly clock: Clock,
    private readonly intervalMs = 1_500,
  ) {}

  /** Starts the readings with the first subscriber; the returned function unsubscribes. */
  subscribe(listener: (snapshot: UsageSnapshot) => void): () => void {
    const unsubscribe = this.listeners.on(listener);
    if (this.listeners.size === 1) void this.tick();
    // A later subscriber has the readings so far at once, not at the next round.
    else if (this.last) listener(this.last);
    return () => {
      unsubscribe();
      if (this.listeners.size === 0) this.stopAll();
    };
  }

  /** Engine streams open now: what the tests check to see nothing is left reading. */
  get openStreams(): number {
    return this.followed.size;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const controller = new AbortController();
    this.ticking = controller;
    let running: string[] | undefined;
    try {
      running = await this.source.running(controller.signal);
    } catch {
      // The engine did not answer this time; the readings stay as they were.
    }
    if (controller.signal.aborted || this.listeners.size === 0) return;
    if (running) this.reconcile(running);
    const snapshot = this.snapshot(running);
    this.last = snapshot;
    this.listeners.emit(snapshot);
    this.timer = this.clock.setTimeout(() => void this.tick(), this.intervalMs);
  }

  private reconcile(running: readonly string[]): void {
    const wanted = new Set(running);
    const engine = this.source.engineKey();
    for (const [id, entry] of this.followed) {
      if (!wanted.has(id) || entry.engine !== engine) this.unfollow(id);
    }
    for (const id of running) if (!this.followed.has(id)) this.follow(id, engine);
  }

  private follow(id: string, engine: unknown): void {
    const entry: Followed = { controller: new AbortController(), engine, latest: undefined };
    this.followed.set(id, entry);
    const ended = () => {
      // A stream that ends (the container stopped) is opened again if it still runs.
      if (this.followed.get(id) === entry) this.followed.delete(id);
    };
    this.source
      .follow(id, entry.controller.signal, (sample) => (entry.latest = sample))
      .then(ended, ended);
  }

  private unfollow(id: string): void {
    this.followed.get(id)?.controller.abort();
    this.followed.delete(id);
  }

  private snapshot(running: readonly string[] | undefined): UsageSnapshot {
    const ids = running ?? [...this.followed.keys()];
    const containers: ContainerUsage[] = [];
    for (const id of ids) {
      const sample = this.followed.get(id)?.latest;
      if (!sample) continue;
      containers.push({
        id,
        cpuPercent: sample.cpuPercent,
        memoryUsage: sample.memoryUsage,
        memoryLimit: sample.memoryLimit,
      });
    }
    return { time: this.clock.now(), containers };
  }

  private stopAll(): void {
    this.last = undefined;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.ticking?.abort();
    this.ticking = undefined;
    for (const id of [...this.followed.keys()]) this.unfollow(id);
  }
}
