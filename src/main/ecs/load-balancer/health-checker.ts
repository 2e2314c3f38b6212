import { request as httpRequest } from 'node:http';
import type { Clock, TimerHandle } from '../../lib/clock';
import type {
  PlannedHealthCheck,
  TargetEndpoint,
  TargetHealthEvent,
} from '../control-plane/core/load-balancer-port';
import { parseMatcher, recordCheck, type CheckOutcome } from './target-health';
import type { TargetEntry, TargetTable } from './target-table';

/** Checks one target once: the outcome, within the check's timeout. */
export type HealthProbe = (
  endpoint: TargetEndpoint,
  check: PlannedHealthCheck,
) => Promise<CheckOutcome>;

const fallbackMatcher = (status: number) => status === 200;

/**
 * A real health check: `GET path` on the health-check port, one connection per check (as
 * ELB's checker does), the status compared with the matcher. A simulated target passes as
 * the plan says it is healthy.
 */
export function httpHealthProbe(clock: Clock): HealthProbe {
  return (endpoint, check) => {
    if (endpoint.kind === 'simulated') {
      return Promise.resolve(
        endpoint.healthy
          ? { passed: true }
          : { passed: false, reason: 'Target.FailedHealthChecks' },
      );
    }
    const matches = parseMatcher(check.matcher) ?? fallbackMatcher;
    const port = check.port === 'traffic-port' ? endpoint.port : check.port;
    return new Promise((resolve) => {
      const outgoing = httpRequest({
        host: endpoint.host,
        port,
        method: 'GET',
        path: check.path,
        agent: false,
        headers: { 'User-Agent': 'ELB-HealthChecker/2.0', Connection: 'close' },
      });
      const finish = (outcome: CheckOutcome) => {
        clock.clearTimeout(timer);
        outgoing.destroy();
        resolve(outcome);
      };
      const timer = clock.setTimeout(
        () => finish({ passed: false, reason: 'Target.Timeout' }),
        check.timeoutSeconds * 1000,
      );
      outgoing.on('response', (answer) => {
        answer.resume();
        finish(
          matches(answer.statusCode ?? 0)
            ? { passed: true }
            : { passed: false, reason: 'Target.ResponseCodeMismatch' },
        );
      });
      outgoing.on('error', () => finish({ passed: false, reason: 'Target.FailedHealthChecks' }));
      outgoing.end();
    });
  };
}

/**
 * Checks every registered target that is neither draining nor unused, at its group's
 * interval, and tells of each threshold crossed (not of every check).
 */
export class HealthChecker {
  private readonly timers = new Map<string, { entry: TargetEntry; timer: TimerHandle }>();
  private closed = false;

  constructor(
    private readonly options: {
      clock: Clock;
      table: TargetTable;
      probe: HealthProbe;
      emit(event: TargetHealthEvent): void;
    },
  ) {}

  /** Starts checking new targets, stops checking those gone or draining. */
  sync(): void {
    const wanted = new Set<string>();
    for (const entry of this.options.table.all()) {
      const checked =
        entry.healthCheckEnabled &&
        entry.endpoint !== undefined &&
        entry.planned !== 'draining' &&
        entry.planned !== 'unused';
      if (!checked) continue;
      wanted.add(entry.key);
      const scheduled = this.timers.get(entry.key);
      if (scheduled?.entry === entry) continue;
      if (scheduled) this.options.clock.clearTimeout(scheduled.timer);
      this.schedule(entry, 0);
    }
    for (const [key, scheduled] of this.timers) {
      if (wanted.has(key)) continue;
      this.options.clock.clearTimeout(scheduled.timer);
      this.timers.delete(key);
    }
  }

  close(): void {
    this.closed = true;
    for (const scheduled of this.timers.values()) this.options.clock.clearTimeout(scheduled.timer);
    this.timers.clear();
  }

  private schedule(entry: TargetEntry, delayMs: number): void {
    const timer = this.options.clock.setTimeout(() => void this.check(entry), delayMs);
    this.timers.set(entry.key, { entry, timer });
  }

  private async check(entry: TargetEntry): Promise<void> {
    const { clock, table, probe } = this.options;
    const group = table.group(entry.targetGroupArn);
    if (!group || !entry.endpoint) return;
    const started = clock.now();
    // A probe that throws (a path Node's client will not send) is a failed check, not a crash.
    const outcome = await probe(entry.endpoint, group.healthCheck).catch((): CheckOutcome => ({
      passed: false,
      reason: 'Target.FailedHealthChecks',
    }));
    // Gone, replaced or no longer checked while the probe ran: its result is not counted.
    if (this.closed || this.timers.get(entry.key)?.entry !== entry) return;
    const current = table.group(entry.targetGroupArn)?.healthCheck ?? group.healthCheck;
    const step = recordCheck(entry.tally, outcome, current);
    entry.tally = step.tally;
    if (step.transition) {
      this.options.emit({
        kind: 'target.health',
        targetGroupArn: entry.targetGroupArn,
        targetId: entry.id,
        port: entry.port,
        state: step.transition,
        ...(step.tally.reason === undefined ? {} : { reason: step.tally.reason }),
        at: clock.now(),
      });
    }
    const elapsed = clock.now() - started;
    this.schedule(entry, Math.max(0, current.intervalSeconds * 1000 - elapsed));
  }
}
