import { describe, expect, it } from 'vitest';
import { initialTally, parseMatcher, recordCheck, type CheckOutcome } from './target-health';

const check = { healthyThresholdCount: 3, unhealthyThresholdCount: 2 };
const pass: CheckOutcome = { passed: true };
const mismatch: CheckOutcome = { passed: false, reason: 'Target.ResponseCodeMismatch' };
const timeout: CheckOutcome = { passed: false, reason: 'Target.Timeout' };
const refused: CheckOutcome = { passed: false, reason: 'Target.FailedHealthChecks' };

/** Runs the outcomes from `initial` and gives each step's state and transition. */
function run(outcomes: CheckOutcome[]) {
  let tally = initialTally;
  return outcomes.map((outcome) => {
    const step = recordCheck(tally, outcome, check);
    tally = step.tally;
    return { state: tally.state, reason: tally.reason, transition: step.transition };
  });
}

describe('the target health state machine', () => {
  it('stays initial until the healthy threshold of consecutive passes, then turns healthy once', () => {
    const steps = run([pass, pass, pass, pass]);
    expect(steps.map((step) => step.state)).toEqual(['initial', 'initial', 'healthy', 'healthy']);
    expect(steps.map((step) => step.transition)).toEqual([
      undefined,
      undefined,
      'healthy',
      undefined,
    ]);
    expect(steps[0]?.reason).toBe('Elb.InitialHealthChecking');
    expect(steps[2]?.reason).toBeUndefined();
  });

  it('restarts the count of passes at a failure', () => {
    const steps = run([pass, pass, mismatch, pass, pass, pass]);
    expect(steps.map((step) => step.state)).toEqual([
      'initial',
      'initial',
      'initial',
      'initial',
      'initial',
      'healthy',
    ]);
  });

  it('turns unhealthy from initial at the unhealthy threshold, with the last failure as reason', () => {
    const steps = run([refused, mismatch]);
    expect(steps[0]).toEqual({
      state: 'initial',
      reason: 'Elb.InitialHealthChecking',
      transition: undefined,
    });
    expect(steps[1]).toEqual({
      state: 'unhealthy',
      reason: 'Target.ResponseCodeMismatch',
      transition: 'unhealthy',
    });
  });

  it('goes healthy → unhealthy → healthy with one transition each way', () => {
    const steps = run([
      pass,
      pass,
      pass,
      timeout,
      pass,
      timeout,
      timeout,
      refused,
      pass,
      pass,
      pass,
    ]);
    expect(steps.map((step) => step.transition).filter(Boolean)).toEqual([
      'healthy',
      'unhealthy',
      'healthy',
    ]);
    expect(steps[6]).toEqual({
      state: 'unhealthy',
      reason: 'Target.Timeout',
      transition: 'unhealthy',
    });
    // An unhealthy target's reason follows its latest failure.
    expect(steps[7]?.reason).toBe('Target.FailedHealthChecks');
    expect(steps[10]?.state).toBe('healthy');
  });
});

describe('the health check matcher', () => {
  it('reads one code, a list and a range', () => {
    const one = parseMatcher('200');
    expect([199, 200, 201].map((code) => one?.(code))).toEqual([false, true, false]);
    const list = parseMatcher('200,202');
    expect([200, 201, 202].map((code) => list?.(code))).toEqual([true, false, true]);
    const range = parseMatcher('200-299');
    expect([199, 200, 250, 299, 300].map((code) => range?.(code))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(parseMatcher('200-204, 404')?.(404)).toBe(true);
  });

  it('refuses what ELB refuses', () => {
    for (const text of ['', 'ok', '2000', '300-200', '100', '500', '200-', '200,,201', '2xx']) {
      expect(parseMatcher(text), text).toBeUndefined();
    }
  });
});
