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
  requests: number;
  errors: number;
  elbErrors: number;
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
 * and its counts. A draining target gets no new request; those in flight may finish until
 * its `drainUntil`, when they are cut and the target is gone.
 */
export class TargetTable {
  private readonly entries = new Map<string, TargetEntry>();
  private readonly groups = new Map<string, PlannedTargetGroup>();
  private readonly drainTimers = new Map<string, TimerHandle>();

  constructor(private readonly clock: Clock) {}

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
      if (entry.drainUntil !== undefined && entry.drainUntil > now) entry.planned = 'draining';
      else this.remove(entry);
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

  /** Counts a request to `entry` as in flight until the returned function is called. */
  begin(entry: TargetEntry, abort: () => void): () => void {
    entry.inflight.add(abort);
    entry.requests++;
    return () => entry.inflight.delete(abort);
  }

  /** Cuts every request in flight and forgets every target. */
  clear(): void {
    for (const entry of [...this.entries.values()]) this.remove(entry);
    this.groups.clear();
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
      requests: 0,
      errors: 0,
      elbErrors: 0,
    };
    this.entries.set(key, entry);
    return entry;
  }

  private drain(entry: TargetEntry, until: number): void {
    if (entry.drainUntil === until) return;
    this.undrain(entry);
    entry.drainUntil = until;
    const timer = this.clock.setTimeout(
      () => {
        this.drainTimers.delete(entry.key);
        if (this.entries.get(entry.key) !== entry) return;
        for (const abort of [...entry.inflight]) abort();
        entry.inflight.clear();
        // Still in the plan (draining, its record not yet dropped): it stays, with nothing in flight.
        if (entry.planned === 'draining' && !this.inPlan(entry)) this.remove(entry);
      },
      Math.max(0, until - this.clock.now()),
    );
    this.drainTimers.set(entry.key, timer);
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
