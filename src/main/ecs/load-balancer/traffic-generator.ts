import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Clock, TimerHandle } from '../../lib/clock';
import type { TrafficRun } from '../../../shared/contract/ecs-load-balancing';
import { targetHeader } from './forward';

export interface TrafficRunOptions {
  id: string;
  /** The listener the run sends to. */
  listenerArn: string;
  /** `http://127.0.0.1:<port>`: the listener as the data plane serves it. */
  url: string;
  path: string;
  requestsPerSecond: number;
  durationSeconds: number;
  clock: Clock;
  /** Called once when the run stops, by itself or when told. */
  onStopped?(): void;
}

/** Sends the requests due since the last tick at most this often, so a high rate is not a timer per request. */
const tickMs = 50;
/** Requests waiting for an answer at once: beyond it a tick sends nothing (the target is too slow). */
const maxInFlight = 256;
const requestTimeoutMs = 10_000;
/** Latency samples kept for the percentiles (the newest). */
const maxSamples = 10_000;

/**
 * GET requests at a steady rate to a listener, from inside the app, on one keep-alive agent,
 * for a duration. Answers are counted by status and by the target that served them, which
 * the load balancer names in its `x-stowage-target` answer header; the percentiles are over
 * the newest answers.
 */
export class TrafficGenerator {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });
  private readonly byStatus = new Map<string, number>();
  private readonly byTarget = new Map<string, number>();
  private readonly latencies: number[] = [];
  private readonly startedAt: number;
  private stoppedAt: number | undefined;
  private sent = 0;
  private inFlight = 0;
  private timer: TimerHandle | undefined;

  constructor(private readonly options: TrafficRunOptions) {
    this.startedAt = options.clock.now();
    this.tick();
  }

  get id(): string {
    return this.options.id;
  }

  get running(): boolean {
    return this.stoppedAt === undefined;
  }

  stop(): void {
    if (this.stoppedAt !== undefined) return;
    this.stoppedAt = this.options.clock.now();
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    // Answers still on their way are still counted: the sockets go once the last is in.
    if (this.inFlight === 0) this.agent.destroy();
    this.options.onStopped?.();
  }

  snapshot(): TrafficRun {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (fraction: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
    return {
      id: this.options.id,
      listenerArn: this.options.listenerArn,
      url: `${this.options.url}${this.options.path}`,
      requestsPerSecond: this.options.requestsPerSecond,
      startedAt: this.startedAt,
      ...(this.stoppedAt === undefined ? {} : { stoppedAt: this.stoppedAt }),
      sent: this.sent,
      byStatus: Object.fromEntries(this.byStatus),
      byTarget: [...this.byTarget].map(([target, responses]) => ({ target, responses })),
      ...(sorted.length === 0 ? {} : { latencyMs: { p50: round(at(0.5)), p99: round(at(0.99)) } }),
    };
  }

  private tick(): void {
    if (this.stoppedAt !== undefined) return;
    const { clock, requestsPerSecond, durationSeconds } = this.options;
    const elapsed = clock.now() - this.startedAt;
    const endMs = durationSeconds * 1000;
    const due = Math.floor((Math.min(elapsed, endMs) * requestsPerSecond) / 1000) + 1;
    const total = durationSeconds * requestsPerSecond;
    while (this.sent < Math.min(due, total) && this.inFlight < maxInFlight) this.send();
    if (this.sent >= total || elapsed >= endMs) {
      this.stop();
      return;
    }
    this.timer = clock.setTimeout(() => this.tick(), tickMs);
  }

  private send(): void {
    this.sent++;
    this.inFlight++;
    const began = performance.now();
    let counted = false;
    const count = (status: string, target?: string) => {
      if (counted) return;
      counted = true;
      this.inFlight--;
      this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
      if (target) this.byTarget.set(target, (this.byTarget.get(target) ?? 0) + 1);
      this.latencies.push(performance.now() - began);
      if (this.latencies.length > maxSamples) this.latencies.shift();
      if (this.stoppedAt !== undefined && this.inFlight === 0) this.agent.destroy();
    };
    const outgoing = request(
      `${this.options.url}${this.options.path}`,
      { agent: this.agent, timeout: requestTimeoutMs },
      (answer) => {
        const target = answer.headers[targetHeader];
        answer.resume();
        answer.on('end', () =>
          count(String(answer.statusCode ?? 0), typeof target === 'string' ? target : undefined),
        );
        answer.on('error', () => count('error'));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.on('error', () => count('error'));
    outgoing.end();
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
