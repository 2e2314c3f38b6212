import type {
  PlannedHealthCheck,
  TargetHealthReason,
} from '../control-plane/core/load-balancer-port';

/** What one health check of a target found. */
export type CheckOutcome =
  | { passed: true }
  | {
      passed: false;
      reason: 'Target.ResponseCodeMismatch' | 'Target.Timeout' | 'Target.FailedHealthChecks';
    };

/** A target's health as the checks have counted it so far. */
export interface HealthTally {
  state: 'initial' | 'healthy' | 'unhealthy';
  reason?: TargetHealthReason;
  /** Consecutive passes (reset by a failure). */
  passes: number;
  /** Consecutive failures (reset by a pass). */
  failures: number;
}

export const initialTally: HealthTally = {
  state: 'initial',
  reason: 'Elb.InitialHealthChecking',
  passes: 0,
  failures: 0,
};

export interface TallyStep {
  tally: HealthTally;
  /** Set when this check crossed a threshold into another state. */
  transition?: 'healthy' | 'unhealthy';
}

/**
 * Counts one check as ELB does: `healthyThresholdCount` consecutive passes make a target
 * healthy, `unhealthyThresholdCount` consecutive failures make it unhealthy, from `initial`
 * as from the other state; the reason is the last failure's.
 */
export function recordCheck(
  tally: HealthTally,
  outcome: CheckOutcome,
  check: Pick<PlannedHealthCheck, 'healthyThresholdCount' | 'unhealthyThresholdCount'>,
): TallyStep {
  if (outcome.passed) {
    const passes = tally.passes + 1;
    if (tally.state !== 'healthy' && passes >= check.healthyThresholdCount) {
      return { tally: { state: 'healthy', passes, failures: 0 }, transition: 'healthy' };
    }
    return { tally: { ...tally, passes, failures: 0 } };
  }
  const failures = tally.failures + 1;
  if (tally.state !== 'unhealthy' && failures >= check.unhealthyThresholdCount) {
    return {
      tally: { state: 'unhealthy', reason: outcome.reason, passes: 0, failures },
      transition: 'unhealthy',
    };
  }
  const reason = tally.state === 'unhealthy' ? outcome.reason : tally.reason;
  return {
    tally: { ...tally, passes: 0, failures, ...(reason === undefined ? {} : { reason }) },
  };
}

/** A status code test, from ELB's matcher text. */
export type StatusMatcher = (status: number) => boolean;

/**
 * ELB's `HttpCode` matcher: codes and ranges separated by commas (`200`, `200,202`,
 * `200-299`), each between 200 and 499 as ELB accepts for HTTP. Undefined when the text is
 * not one.
 */
export function parseMatcher(text: string): StatusMatcher | undefined {
  const ranges: [number, number][] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d{3})(?:\s*-\s*(\d{3}))?\s*$/.exec(part);
    if (!match) return undefined;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (low < 200 || high > 499 || low > high) return undefined;
    ranges.push([low, high]);
  }
  return (status) => ranges.some(([low, high]) => status >= low && status <= high);
}
