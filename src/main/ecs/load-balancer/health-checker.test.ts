import { describe, expect, it } from 'vitest';
import { settled } from '../../../../test/support/wait-for';
import { ManualClock } from '../../lib/clock';
import type { TargetHealthEvent } from '../control-plane/core/load-balancer-port';
import { HealthChecker, type HealthProbe } from './health-checker';
import type { CheckOutcome } from './target-health';
import { TargetTable } from './target-table';
import { addressTarget, healthCheck, targetGroup } from './test-support';

function setUp(outcomes: Map<number, CheckOutcome>) {
  const clock = new ManualClock(0);
  const table = new TargetTable(clock);
  const checked: number[] = [];
  const probe: HealthProbe = (endpoint) => {
    const port = endpoint.kind === 'address' ? endpoint.port : 0;
    checked.push(port);
    return Promise.resolve(outcomes.get(port) ?? { passed: true });
  };
  const events: TargetHealthEvent[] = [];
  const checker = new HealthChecker({ clock, table, probe, emit: (event) => events.push(event) });
  /** Moves the clock a second at a time, letting each probe's answer be counted (it schedules the next). */
  const advance = async (ms: number) => {
    for (let left = ms; ; left -= 1000) {
      clock.advance(Math.min(1000, left));
      await settled();
      if (left <= 1000) break;
    }
  };
  return { clock, table, checker, checked, events, advance };
}

const check = healthCheck({
  intervalSeconds: 10,
  healthyThresholdCount: 3,
  unhealthyThresholdCount: 2,
});

describe('the health checker', () => {
  it('checks at once, then every interval, and reports only the threshold crossings', async () => {
    const outcomes = new Map<number, CheckOutcome>();
    const { table, checker, checked, events, advance } = setUp(outcomes);
    table.sync([
      targetGroup('web', [addressTarget(1001, { state: 'initial' })], { healthCheck: check }),
    ]);
    checker.sync();
    await advance(0);
    expect(checked).toEqual([1001]);
    await advance(10_000);
    expect(events).toEqual([]);
    await advance(10_000);
    expect(events).toEqual([
      {
        kind: 'target.health',
        targetGroupArn: expect.any(String),
        targetId: '127.0.0.1',
        port: 1001,
        state: 'healthy',
        at: 20_000,
      },
    ]);
    await advance(30_000);
    expect(events).toHaveLength(1);
    expect(checked).toHaveLength(6);

    outcomes.set(1001, { passed: false, reason: 'Target.Timeout' });
    await advance(20_000);
    expect(events.map((event) => [event.state, event.reason, event.at])).toEqual([
      ['healthy', undefined, 20_000],
      ['unhealthy', 'Target.Timeout', 70_000],
    ]);
  });

  it('stops checking a draining or removed target, and counts no answer that came after', async () => {
    const { table, checker, checked, advance } = setUp(new Map());
    table.sync([
      targetGroup('web', [addressTarget(1001), addressTarget(1002)], { healthCheck: check }),
    ]);
    checker.sync();
    await advance(0);
    expect(checked).toEqual([1001, 1002]);
    table.sync([
      targetGroup('web', [addressTarget(1001, { state: 'draining' })], { healthCheck: check }),
    ]);
    checker.sync();
    await advance(60_000);
    expect(checked).toEqual([1001, 1002]);
  });

  it('does not check a group whose health check is disabled', async () => {
    const { table, checker, checked, advance } = setUp(new Map());
    table.sync([
      targetGroup('web', [addressTarget(1001)], { healthCheck: healthCheck({ enabled: false }) }),
    ]);
    checker.sync();
    await advance(60_000);
    expect(checked).toEqual([]);
  });

  it('counts a probe that throws as a failed check', async () => {
    const clock = new ManualClock(0);
    const table = new TargetTable(clock);
    const events: TargetHealthEvent[] = [];
    const checker = new HealthChecker({
      clock,
      table,
      probe: () => Promise.reject(new Error('Request path contains unescaped characters')),
      emit: (event) => events.push(event),
    });
    table.sync([
      targetGroup('web', [addressTarget(1001, { state: 'initial' })], { healthCheck: check }),
    ]);
    checker.sync();
    for (let step = 0; step < 2; step++) {
      clock.advance(step * 10_000);
      await settled();
      await settled();
    }
    expect(events.map((event) => [event.state, event.reason])).toEqual([
      ['unhealthy', 'Target.FailedHealthChecks'],
    ]);
  });
});
