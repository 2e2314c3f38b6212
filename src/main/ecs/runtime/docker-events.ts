import type Docker from 'dockerode';
import { parseJsonLines } from '../../docker/connection/json-lines';
import type { Clock, TimerHandle } from '../../lib/clock';
import { containerEndOf, runtimeLabel, runtimeLabelValue, type ContainerEnd } from './docker-map';

export interface ContainerEndFollowerOptions {
  docker: () => Docker;
  clock: Clock;
  onEnd(end: ContainerEnd): void;
  /** Delay before following again after the stream broke or could not be opened. */
  retryMs?: number;
}

/**
 * Follows the engine's die, oom and health status events of the runtime's containers. When the stream
 * breaks it opens again from the last event it saw, so exits while it was away still arrive
 * (Docker replays events since a time).
 */
export class ContainerEndFollower {
  private stream: (NodeJS.ReadableStream & { destroy(): void }) | undefined;
  private timer: TimerHandle | undefined;
  private stopped = false;
  /** Seconds, as `since` takes them; starts at the follower's start. */
  private since: number;
  private readonly opened: Promise<void>;
  private markOpened: () => void = () => undefined;

  constructor(private readonly options: ContainerEndFollowerOptions) {
    this.since = Math.floor(options.clock.now() / 1000);
    this.opened = new Promise((resolve) => (this.markOpened = resolve));
    void this.follow();
  }

  /** Resolves once the stream is open (or has failed to open once), so no exit is missed. */
  ready(): Promise<void> {
    return this.opened;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.stream?.destroy();
    this.stream = undefined;
  }

  private async follow(): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.options.docker().getEvents({
        since: this.since,
        filters: {
          type: ['container'],
          event: ['die', 'oom', 'health_status'],
          label: [`${runtimeLabel}=${runtimeLabelValue}`],
        },
      });
    } catch {
      this.markOpened();
      this.retry();
      return;
    }
    if (this.stopped) {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      return;
    }
    const readable = stream as NodeJS.ReadableStream & { destroy(): void };
    this.stream = readable;
    this.markOpened();
    const parse = parseJsonLines<Parameters<typeof containerEndOf>[0]>((event) => {
      if (event.time) this.since = Math.max(this.since, event.time);
      const end = containerEndOf(event);
      if (end) this.options.onEnd(end);
    });
    readable.on('data', (chunk: Buffer) => parse(chunk.toString('utf8')));
    const ended = () => {
      if (this.stream !== readable) return;
      this.stream = undefined;
      this.retry();
    };
    readable.on('end', ended);
    readable.on('close', ended);
    readable.on('error', ended);
  }

  private retry(): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(
      () => void this.follow(),
      this.options.retryMs ?? 1000,
    );
  }
}
