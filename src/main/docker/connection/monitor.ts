import type Docker from 'dockerode';
import type { DockerEvent, EngineEndpoint, EngineStatus } from '../../../shared';
import type { Clock, TimerHandle } from '../../lib/clock';
import { parseDockerEvents } from './event-stream';
import { describeEngineFailure } from './errors';
import { signalAware } from './signal-aware';

export interface EngineMonitorOptions {
  docker: Docker;
  endpoint: EngineEndpoint;
  onStatus(status: EngineStatus): void;
  onEvent(event: DockerEvent): void;
  clock: Clock;
  /** How often a connected engine is pinged, so a hung engine is noticed too. */
  heartbeatMs?: number;
  pingTimeoutMs?: number;
}

/** Delay before the n-th reconnection attempt (0-based): 0.5 s doubling up to 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 5000);
}

/**
 * Keeps an eye on the engine: pings it, follows its event stream while it answers, and when it
 * goes away says so and keeps trying again with back-off, restarting the event stream once it
 * is back. Nothing waits on it: the first status is `connecting`, at once.
 */
export class EngineMonitor {
  private current: EngineStatus;
  private attempt = 0;
  private timer: TimerHandle | undefined;
  private events: { destroy(): void } | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: EngineMonitorOptions) {
    this.now = () => options.clock.now();
    this.current = { state: 'connecting', endpoint: options.endpoint, since: this.now() };
  }

  status(): EngineStatus {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.events?.destroy();
    this.events = undefined;
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    try {
      await signalAware(this.options.docker).ping({
        abortSignal: AbortSignal.timeout(this.options.pingTimeoutMs ?? 3000),
      });
    } catch (error) {
      this.lost(error);
      return;
    }
    if (this.stopped) return;
    if (this.current.state !== 'connected') {
      this.attempt = 0;
      this.setStatus({ state: 'connected', endpoint: this.options.endpoint, since: this.now() });
    }
    if (!this.events) await this.followEvents();
    this.schedule(this.options.heartbeatMs ?? 5000);
  }

  private async followEvents(): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.options.docker.getEvents({});
    } catch (error) {
      this.lost(error);
      return;
    }
    const readable = stream as NodeJS.ReadableStream & { destroy(): void };
    if (this.stopped) {
      readable.destroy();
      return;
    }
    this.events = readable;
    const parse = parseDockerEvents((event) => this.options.onEvent(event));
    readable.on('data', (chunk: Buffer) => parse(chunk.toString('utf8')));
    const ended = () => {
      if (this.events !== readable || this.stopped) return;
      this.events = undefined;
      // Events may have been missed; going through `connecting` tells clients to refetch.
      this.setStatus({ state: 'connecting', endpoint: this.options.endpoint, since: this.now() });
      this.schedule(0);
    };
    readable.on('end', ended);
    readable.on('close', ended);
    readable.on('error', ended);
  }

  private lost(error: unknown): void {
    if (this.stopped) return;
    this.events?.destroy();
    this.events = undefined;
    const delay = reconnectDelay(this.attempt++);
    const message = describeEngineFailure(error);
    const since = this.current.state === 'unreachable' ? this.current.since : this.now();
    this.setStatus({
      state: 'unreachable',
      endpoint: this.options.endpoint,
      message,
      since,
      nextAttemptAt: this.now() + delay,
    });
    this.schedule(delay);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => void this.check(), delayMs);
  }

  private setStatus(status: EngineStatus): void {
    this.current = status;
    this.options.onStatus(status);
  }
}
