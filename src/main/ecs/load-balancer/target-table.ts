import type { Clock, TimerHandle } from '../../lib/clock';
import type {
  PlannedTarget,
  PlannedTargetGroup,
  TargetEndpoint,
  TargetHealthState,
} from '../control-plane/core/load-balancer-port';
import { initialTally, type HealthTally } from './target-health';

/** A registered target as the data plane serves it. */
export interface TargetEntry {
  readonly key: string;
  readonly targetGroupArn: string;
  readonly id: string;
  readonly port: number;
  endpoint: TargetEndpoint | undefined;
  taskArn: string | undefined;
  /** The state the plan gives: only its `draining` and `unused` override the checks' tally. */
  planned: TargetHealthState;
  tally: HealthTally;
  healthCheckEnabled: boolean;
  drainUntil: number | undefined;
  /** Aborts for the requests in flight to it. */
  readonly inflight: Set<() => void>;
  /** Kept while its target group is in the plan, so a target that leaves and returns keeps them. */
  readonly counts: TargetCounts;
}

/** What a target was sent, counted from when its group entered the plan. */
export interface TargetCounts {
  readonly targetGroupArn: string;
  readonly id: string;
  readonly port: number;
  requests: number;
  errors: number;
  elbErrors: number;
}

/** A drain that ended: the target had nothing in flight before its deadline (or met it). */
export interface DrainEnd {
  targetGroupArn: string;
  id: string;
  port: number;
  drainUntil: number;
}

export const targetKey = (targetGroupArn: string, id: string, port: number): string =>
  `${targetGroupArn}|${id}|${port}`;

/** The state routing and the UI go by: the plan's draining and unused, else the checks'. */
export function effectiveState(entry: TargetEntry): TargetHealthState {
  if (entry.planned === 'draining' || entry.planned === 'unused') return entry.planned;
  if (!entry.healthCheckEnabled) return 'healthy';
  return entry.tally.state;
}

/** The tally a target starts with: what the control plane last recorded, so a restart keeps serving. */
function seededTally(target: PlannedTarget): HealthTally {
  if (target.state === 'healthy') return { state: 'healthy', passes: 0, failures: 0 };
  if (target.state === 'unhealthy') {
    return {
      state: 'unhealthy',
      passes: 0,
      failures: 0,
      ...(target.reason === undefined ? {} : { reason: target.reason }),
    };
  }
  return initialTally;
}

/**
 * Every target of the plan's target groups, with its health tally, its requests in flight
 * and its counts. A draining target gets no new request; its drain ends as soon as nothing
 * is in flight to it, as ELB's connection draining does, or at its `drainUntil` at the
 * latest, when what is still in flight is cut.
 */
export class TargetTable {
  private readonly entries = new Map<string, TargetEntry>();
  private readonly groups = new Map<string, PlannedTargetGroup>();
  private readonly drainTimers = new Map<string, TimerHandle>();
  private readonly counted = new Map<string, TargetCounts>();
  /** The drains already reported ended, by target key: their `drainUntil`. */
  private readonly drainsEnded = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly onDrained: (end: DrainEnd) => void = () => undefined,
  ) {}

  /** Serves the plan's target groups from now on. */
  sync(groups: readonly PlannedTargetGroup[]): void {
    const now = this.clock.now();
    const seen = new Set<string>();
    this.groups.clear();
    for (const group of groups) {
      this.groups.set(group.targetGroupArn, group);
      for (const target of group.targets) {
        const key = targetKey(group.targetGroupArn, target.id, target.port);
        seen.add(key);
        const entry = this.entries.get(key) ?? this.added(key, group, target);
        entry.endpoint = target.endpoint;
        entry.taskArn = target.taskArn;
        entry.healthCheckEnabled = group.healthCheck.enabled;
        entry.planned = target.state;
        if (target.state === 'draining') {
          this.drain(entry, target.drainUntil ?? now + group.deregistrationDelaySeconds * 1000);
        } else this.undrain(entry);
      }
    }
    for (const entry of [...this.entries.values()]) {
      if (seen.has(entry.key)) continue;
      // Gone from the plan: a draining target keeps its requests in flight until its time.
      const draining = entry.drainUntil !== undefined && entry.drainUntil > now;
      if (draining && entry.inflight.size > 0) entry.planned = 'draining';
      else this.remove(entry);
    }
    for (const [key, counts] of this.counted) {
      if (!this.groups.has(counts.targetGroupArn)) this.counted.delete(key);
    }
    for (const key of this.drainsEnded.keys()) {
      if (!seen.has(key)) this.drainsEnded.delete(key);
    }
  }

  get(key: string): TargetEntry | undefined {
    return this.entries.get(key);
  }

  all(): TargetEntry[] {
    return [...this.entries.values()];
  }

  group(targetGroupArn: string): PlannedTargetGroup | undefined {
    return this.groups.get(targetGroupArn);
  }

  /** The group's targets, in the plan's order. */
  targetsOf(targetGroupArn: string): TargetEntry[] {
    return this.all().filter((entry) => entry.targetGroupArn === targetGroupArn);
  }

  /** Every target's counts while its group is in the plan, those that left it included. */
  counts(): TargetCounts[] {
    return [...this.counted.values()];
  }

  /** Counts a request to `entry` as in flight until the returned function is called. */
  begin(entry: TargetEntry, abort: () => void): () => void {
    entry.inflight.add(abort);
    entry.counts.requests++;
    return () => {
      entry.inflight.delete(abort);
      if (entry.inflight.size === 0 && entry.drainUntil !== undefined) this.drained(entry);
    };
  }

  /** Cuts every request in flight and forgets every target and count. */
  clear(): void {
    for (const entry of [...this.entries.values()]) this.remove(entry);
    this.groups.clear();
    this.counted.clear();
    this.drainsEnded.clear();
  }

  private added(key: string, group: PlannedTargetGroup, target: PlannedTarget): TargetEntry {
    const entry: TargetEntry = {
      key,
      targetGroupArn: group.targetGroupArn,
      id: target.id,
      port: target.port,
      endpoint: target.endpoint,
      taskArn: target.taskArn,
      planned: target.state,
      tally: seededTally(target),
      healthCheckEnabled: group.healthCheck.enabled,
      drainUntil: undefined,
      inflight: new Set(),
      counts: this.countsOf(key, group.targetGroupArn, target),
    };
    this.entries.set(key, entry);
    return entry;
  }

  private countsOf(key: string, targetGroupArn: string, target: PlannedTarget): TargetCounts {
    let counts = this.counted.get(key);
    if (!counts) {
      counts = {
        targetGroupArn,
        id: target.id,
        port: target.port,
        requests: 0,
        errors: 0,
        elbErrors: 0,
      };
      this.counted.set(key, counts);
    }
    return counts;
  }

  private drain(entry: TargetEntry, until: number): void {
    if (entry.drainUntil === until) return;
    this.undrain(entry);
    entry.drainUntil = until;
    if (entry.inflight.size === 0) {
      this.drained(entry);
      return;
    }
    const timer = this.clock.setTimeout(
      () => {
        this.drainTimers.delete(entry.key);
        if (this.entries.get(entry.key) !== entry) return;
        for (const abort of [...entry.inflight]) abort();
        entry.inflight.clear();
        this.drained(entry);
      },
      Math.max(0, until - this.clock.now()),
    );
    this.drainTimers.set(entry.key, timer);
  }

  /**
   * Nothing is in flight to a draining target any more: its drain is over, once. Still in the
   * plan (its record not yet dropped), it stays, with no traffic; else it is gone.
   */
  private drained(entry: TargetEntry): void {
    const until = entry.drainUntil;
    if (until === undefined || this.entries.get(entry.key) !== entry) return;
    const timer = this.drainTimers.get(entry.key);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.drainTimers.delete(entry.key);
    if (!this.inPlan(entry)) {
      this.remove(entry);
      return;
    }
    if (this.drainsEnded.get(entry.key) === until) return;
    this.drainsEnded.set(entry.key, until);
    this.onDrained({
      targetGroupArn: entry.targetGroupArn,
      id: entry.id,
      port: entry.port,
      drainUntil: until,
    });
  }

  private undrain(entry: TargetEntry): void {
    const timer = this.drainTimers.get(entry.key);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.drainTimers.delete(entry.key);
    entry.drainUntil = undefined;
  }

  private inPlan(entry: TargetEntry): boolean {
    return (
      this.groups
        .get(entry.targetGroupArn)
        ?.targets.some((target) => target.id === entry.id && target.port === entry.port) ?? false
    );
  }

  private remove(entry: TargetEntry): void {
    this.undrain(entry);
    for (const abort of [...entry.inflight]) abort();
    entry.inflight.clear();
    this.entries.delete(entry.key);
  }
}
