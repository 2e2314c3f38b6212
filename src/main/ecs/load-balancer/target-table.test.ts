import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import type { PlannedTarget, PlannedTargetGroup } from '../control-plane/core/load-balancer-port';
import { routableTargets } from './routing';
import { effectiveState, TargetTable, targetKey, type DrainEnd } from './target-table';

const arn = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef';

function group(targets: PlannedTarget[], enabled = true): PlannedTargetGroup {
  return {
    targetGroupArn: arn,
    name: 'web',
    protocol: 'HTTP',
    port: 80,
    targetType: 'ip',
    healthCheck: {
      enabled,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 5,
      timeoutSeconds: 2,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
      matcher: '200',
    },
    deregistrationDelaySeconds: 30,
    targets,
  };
}

const target = (id: string, extra: Partial<PlannedTarget> = {}): PlannedTarget => ({
  id,
  port: 8080,
  state: 'healthy',
  endpoint: { kind: 'address', host: id, port: 8080 },
  ...extra,
});

const routable = (table: TargetTable) =>
  routableTargets(
    table.targetsOf(arn).map((entry) => ({
      id: entry.id,
      state: effectiveState(entry),
      reachable: entry.endpoint !== undefined,
    })),
  ).map((entry) => entry.id);

describe('the target table', () => {
  it('starts each target from the state the control plane recorded', () => {
    const table = new TargetTable(new ManualClock(0));
    table.sync([
      group([
        target('10.0.0.1'),
        target('10.0.0.2', { state: 'initial' }),
        target('10.0.0.3', { state: 'unhealthy', reason: 'Target.Timeout' }),
      ]),
    ]);
    expect(
      table.all().map((entry) => [entry.id, effectiveState(entry), entry.tally.reason]),
    ).toEqual([
      ['10.0.0.1', 'healthy', undefined],
      ['10.0.0.2', 'initial', 'Elb.InitialHealthChecking'],
      ['10.0.0.3', 'unhealthy', 'Target.Timeout'],
    ]);
  });

  it('counts every target healthy when its group does not check health', () => {
    const table = new TargetTable(new ManualClock(0));
    table.sync([group([target('10.0.0.1', { state: 'initial' })], false)]);
    expect(effectiveState(table.all()[0]!)).toBe('healthy');
  });

  it('sends no new request to a draining target and lets those in flight finish until drainUntil', () => {
    const clock = new ManualClock(1_000);
    const table = new TargetTable(clock);
    table.sync([group([target('10.0.0.1'), target('10.0.0.2')])]);
    const draining = table.get(targetKey(arn, '10.0.0.2', 8080))!;
    const aborted: string[] = [];
    const finishOne = table.begin(draining, () => aborted.push('first'));
    table.begin(draining, () => aborted.push('second'));

    table.sync([
      group([target('10.0.0.1'), target('10.0.0.2', { state: 'draining', drainUntil: 31_000 })]),
    ]);
    expect(routable(table)).toEqual(['10.0.0.1']);
    expect(draining.inflight.size).toBe(2);

    finishOne();
    clock.advance(29_999);
    expect(aborted).toEqual([]);
    clock.advance(1);
    // The one still in flight at drainUntil is cut.
    expect(aborted).toEqual(['second']);
    expect(draining.inflight.size).toBe(0);
  });

  it('keeps a target the plan dropped early until its drainUntil, then forgets it', () => {
    const clock = new ManualClock(0);
    const table = new TargetTable(clock);
    table.sync([group([target('10.0.0.1')])]);
    const aborted: number[] = [];
    table.begin(table.all()[0]!, () => aborted.push(1));
    table.sync([group([target('10.0.0.1', { state: 'draining', drainUntil: 10_000 })])]);
    table.sync([group([])]);
    expect(table.all()).toHaveLength(1);
    expect(routable(table)).toEqual([]);
    clock.advance(10_000);
    expect(aborted).toEqual([1]);
    expect(table.all()).toEqual([]);
  });

  it('drains for the deregistration delay when the plan gives no drainUntil', () => {
    const clock = new ManualClock(0);
    const table = new TargetTable(clock);
    table.sync([group([target('10.0.0.1', { state: 'draining' })])]);
    expect(table.all()[0]?.drainUntil).toBe(30_000);
  });

  it('cuts the requests in flight to a target removed without draining', () => {
    const table = new TargetTable(new ManualClock(0));
    table.sync([group([target('10.0.0.1')])]);
    const aborted: number[] = [];
    table.begin(table.all()[0]!, () => aborted.push(1));
    table.sync([]);
    expect(aborted).toEqual([1]);
    expect(table.all()).toEqual([]);
  });

  it('serves a re-registered target again and stops its drain', () => {
    const clock = new ManualClock(0);
    const table = new TargetTable(clock);
    table.sync([group([target('10.0.0.1', { state: 'draining', drainUntil: 5_000 })])]);
    table.sync([group([target('10.0.0.1')])]);
    expect(routable(table)).toEqual(['10.0.0.1']);
    expect(clock.pending()).toBe(0);
  });

  it('ends a drain as soon as nothing is in flight, once, and forgets the target the plan dropped', () => {
    const clock = new ManualClock(0);
    const ended: DrainEnd[] = [];
    const table = new TargetTable(clock, (end) => ended.push(end));
    table.sync([group([target('10.0.0.1'), target('10.0.0.2')])]);
    const busy = table.get(targetKey(arn, '10.0.0.1', 8080))!;
    const finish = [table.begin(busy, () => undefined), table.begin(busy, () => undefined)];
    const draining = { state: 'draining', drainUntil: 30_000 } as const;
    table.sync([group([target('10.0.0.1', draining), target('10.0.0.2', draining)])]);
    // The idle one's drain is over at once; the busy one's when its last request is.
    expect(ended.map((end) => end.id)).toEqual(['10.0.0.2']);
    finish[0]!();
    expect(ended.map((end) => end.id)).toEqual(['10.0.0.2']);
    finish[1]!();
    expect(ended).toEqual([
      { targetGroupArn: arn, id: '10.0.0.2', port: 8080, drainUntil: 30_000 },
      { targetGroupArn: arn, id: '10.0.0.1', port: 8080, drainUntil: 30_000 },
    ]);
    expect(clock.pending()).toBe(0);
    // The same plan again reports nothing more; the plan dropping them forgets them.
    table.sync([group([target('10.0.0.1', draining), target('10.0.0.2', draining)])]);
    expect(ended).toHaveLength(2);
    expect(routable(table)).toEqual([]);
    table.sync([group([])]);
    expect(table.all()).toEqual([]);
  });

  it('ends a drain at its deadline at the latest, cutting what is still in flight', () => {
    const clock = new ManualClock(0);
    const ended: DrainEnd[] = [];
    const table = new TargetTable(clock, (end) => ended.push(end));
    table.sync([group([target('10.0.0.1')])]);
    const aborted: number[] = [];
    table.begin(table.all()[0]!, () => aborted.push(1));
    table.sync([group([target('10.0.0.1', { state: 'draining', drainUntil: 5_000 })])]);
    clock.advance(4_999);
    expect(ended).toEqual([]);
    clock.advance(1);
    expect(aborted).toEqual([1]);
    expect(ended.map((end) => end.drainUntil)).toEqual([5_000]);
  });

  it("keeps a target's counts while its group is served, through leaving and returning", () => {
    const table = new TargetTable(new ManualClock(0));
    table.sync([group([target('10.0.0.1')])]);
    const first = table.all()[0]!;
    table.begin(first, () => undefined)();
    first.counts.errors++;
    table.sync([group([])]);
    expect(table.all()).toEqual([]);
    expect(table.counts()).toEqual([
      { targetGroupArn: arn, id: '10.0.0.1', port: 8080, requests: 1, errors: 1, elbErrors: 0 },
    ]);
    table.sync([group([target('10.0.0.1')])]);
    table.begin(table.all()[0]!, () => undefined)();
    expect(table.counts()).toMatchObject([{ requests: 2, errors: 1 }]);
    // The group gone, its counts go with it.
    table.sync([]);
    expect(table.counts()).toEqual([]);
    table.sync([group([target('10.0.0.1')])]);
    expect(table.counts()).toMatchObject([{ requests: 0, errors: 0 }]);
  });
});
