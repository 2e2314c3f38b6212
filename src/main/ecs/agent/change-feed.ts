import type { Clock, TimerHandle } from '../../lib/clock';
import type { EventHub } from '../../rpc/event-hub';

/** How often the task detail is told at most that one task's agent requests moved. */
export const agentChangeIntervalMs = 250;

/**
 * Tells `emit` of changed tasks at most once per `intervalMs` each: a task's SDK may ask the
 * agent many times a second, and the task detail needs only to know that its list moved. The
 * first change of a quiet task is told at once; later ones within the interval are told once,
 * when it ends.
 */
export class AgentChangeFeed {
  private readonly last = new Map<string, number>();
  private readonly pending = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly emit: (taskArn: string) => void,
  ) {}

  changed(taskArn: string): void {
    if (this.pending.has(taskArn)) return;
    const wait = (this.last.get(taskArn) ?? -Infinity) + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.tell(taskArn);
      return;
    }
    this.pending.set(
      taskArn,
      this.clock.setTimeout(() => {
        this.pending.delete(taskArn);
        this.tell(taskArn);
      }, wait),
    );
  }

  close(): void {
    for (const handle of this.pending.values()) this.clock.clearTimeout(handle);
    this.pending.clear();
    this.last.clear();
  }

  private tell(taskArn: string): void {
    this.last.set(taskArn, this.clock.now());
    // Quiet tasks are forgotten, so the map holds only tasks heard from in the last interval.
    for (const [arn, at] of this.last) {
      if (at + this.intervalMs <= this.clock.now() && arn !== taskArn) this.last.delete(arn);
    }
    this.emit(taskArn);
  }
}

/**
 * The app's wiring of the agent's changes to its clients: each task whose agent view moved
 * (a request, credentials fetched, a release) is told as `ecs.agent.changed`, at most once per
 * `intervalMs`, and the task detail refetches. Returns the unwiring.
 */
export function publishAgentChanges(
  agent: { onChange(listener: (taskArn: string) => void): () => void },
  events: Pick<EventHub, 'emit'>,
  clock: Clock,
  intervalMs = agentChangeIntervalMs,
): () => void {
  const feed = new AgentChangeFeed(clock, intervalMs, (taskArn) =>
    events.emit('ecs.agent.changed', { taskArn }),
  );
  const unsubscribe = agent.onChange((taskArn) => feed.changed(taskArn));
  return () => {
    unsubscribe();
    feed.close();
  };
}
