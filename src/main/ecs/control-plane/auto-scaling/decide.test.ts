import { describe, expect, it } from 'vitest';
import {
  adjustedCapacity,
  combine,
  decideStep,
  decideTargetTracking,
  stepFor,
  trackingAlarmNames,
  type ScalingSituation,
} from './decide';
import type { ScalableTargetRecord, ScalingPolicyRecord, StepScalingConfig } from './records';
import { awsTiming, demoTiming } from './timing';

const resourceId = 'service/c/s';
const target: ScalableTargetRecord = {
  resourceId,
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
  serviceArn: 'arn:aws:ecs:us-east-1:000000000000:service/c/s',
  scalableTargetArn: 'arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/x',
  minCapacity: 1,
  maxCapacity: 10,
  roleArn: 'role',
  suspendedState: {
    DynamicScalingInSuspended: false,
    DynamicScalingOutSuspended: false,
    ScheduledScalingSuspended: false,
  },
  createdAt: 0,
};
const tracking = {
  targetValue: 50,
  metric: { metric: 'ECSServiceAverageCPUUtilization' as const },
  disableScaleIn: false,
};
const policy: ScalingPolicyRecord = {
  policyArn: 'arn',
  policyName: 'cpu-policy',
  resourceId,
  createdAt: 0,
  alarmId: 'abc',
  targetTracking: tracking,
};
const minute = 60_000;
const at = (now: number, capacity: number, more: Partial<ScalingSituation> = {}) => ({
  now,
  capacity,
  target,
  deploymentInProgress: false,
  timing: awsTiming,
  ...more,
});
const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);
const alarms = trackingAlarmNames(resourceId, 'abc');

describe('target tracking', () => {
  it('scales out only once the metric is above the target for 3 datapoints', () => {
    expect(decideTargetTracking(policy, tracking, [90, 90], at(0, 2))).toMatchObject({
      kind: 'none',
    });
    expect(decideTargetTracking(policy, tracking, [90, 40, 90, 90], at(0, 2))).toMatchObject({
      kind: 'none',
    });
    expect(decideTargetTracking(policy, tracking, [90, 90, 90], at(0, 2))).toEqual({
      kind: 'scale',
      direction: 'out',
      desiredCount: 4, // ceil(2 × 90 / 50)
      alarmName: `TargetTracking-${resourceId}-AlarmHigh-abc`,
      policyName: 'cpu-policy',
    });
    expect(alarms.high).toBe('TargetTracking-service/c/s-AlarmHigh-abc');
  });

  it('scales out in proportion at once, but never past the maximum', () => {
    expect(decideTargetTracking(policy, tracking, [100, 100, 100], at(0, 3))).toMatchObject({
      desiredCount: 6,
    });
    expect(decideTargetTracking(policy, tracking, [100, 100, 100], at(0, 8))).toMatchObject({
      desiredCount: 10,
    });
    expect(decideTargetTracking(policy, tracking, [100, 100, 100], at(0, 10))).toMatchObject({
      kind: 'none',
      why: 'at maximum capacity',
    });
  });

  it('counts the capacity a scale-out in cooldown added towards the next one', () => {
    const cooling = { ...target, lastScaleOut: { at: 0, from: 2 } };
    // Two became four a minute ago; the metric is still 90 (the new tasks not yet busy).
    const stillHot = at(minute, 4, { target: cooling });
    expect(decideTargetTracking(policy, tracking, [90, 90, 90], stillHot)).toMatchObject({
      kind: 'none',
      why: 'the scale-out in cooldown already added that capacity',
    });
    // A larger breach within the cooldown adds only what the first did not.
    expect(decideTargetTracking(policy, tracking, [150, 150, 150], stillHot)).toMatchObject({
      kind: 'scale',
      desiredCount: 6, // ceil(2 × 150 / 50), from the capacity before the cooldown
      duringCooldown: true,
    });
    // After the 300 s default the base is the current capacity again.
    const later = at(5 * minute, 4, { target: cooling });
    expect(decideTargetTracking(policy, tracking, [90, 90, 90], later)).toMatchObject({
      desiredCount: 8,
    });
  });

  it('scales in after 15 datapoints below 90 % of the target, keeping the busiest under it', () => {
    const low = [...repeat(20, 14), 30];
    expect(decideTargetTracking(policy, tracking, repeat(20, 14), at(0, 6))).toMatchObject({
      kind: 'none',
    });
    // 45 is not below 90 % of 50: no alarm.
    expect(decideTargetTracking(policy, tracking, [...repeat(20, 14), 45], at(0, 6))).toMatchObject(
      { kind: 'none', why: 'no alarm in ALARM' },
    );
    expect(decideTargetTracking(policy, tracking, low, at(0, 6))).toEqual({
      kind: 'scale',
      direction: 'in',
      desiredCount: 4, // ceil(6 × 30 / 50)
      alarmName: alarms.low,
      policyName: 'cpu-policy',
    });
    expect(decideTargetTracking(policy, tracking, repeat(0, 15), at(0, 6))).toMatchObject({
      desiredCount: 1,
    });
  });

  it('holds scale-in back: disabled, suspended, deploying, cooling down, at the minimum', () => {
    const low = repeat(10, 15);
    expect(
      decideTargetTracking(policy, { ...tracking, disableScaleIn: true }, low, at(0, 4)),
    ).toMatchObject({ kind: 'none', why: 'scale-in is disabled' });
    const suspended = {
      ...target,
      suspendedState: { ...target.suspendedState, DynamicScalingInSuspended: true },
    };
    expect(
      decideTargetTracking(policy, tracking, low, at(0, 4, { target: suspended })),
    ).toMatchObject({ why: 'scale-in is suspended' });
    expect(
      decideTargetTracking(policy, tracking, low, at(0, 4, { deploymentInProgress: true })),
    ).toMatchObject({ why: 'a deployment is in progress' });
    const scaledIn = { ...target, lastScaleInAt: 0 };
    expect(
      decideTargetTracking(policy, tracking, low, at(299_000, 4, { target: scaledIn })),
    ).toMatchObject({ why: 'the scale-in cooldown is in effect' });
    expect(
      decideTargetTracking(policy, tracking, low, at(300_000, 4, { target: scaledIn })),
    ).toMatchObject({ kind: 'scale', desiredCount: 1 });
    expect(decideTargetTracking(policy, tracking, low, at(0, 1))).toMatchObject({
      why: 'at minimum capacity',
    });
  });

  it('honours a configured cooldown, and demo timing caps it at 10 s', () => {
    const scaledIn = { ...target, lastScaleInAt: 0 };
    const short = { ...tracking, scaleInCooldown: 60 };
    const low = repeat(10, 15);
    expect(
      decideTargetTracking(policy, short, low, at(59_000, 4, { target: scaledIn })),
    ).toMatchObject({ kind: 'none' });
    expect(
      decideTargetTracking(policy, short, low, at(60_000, 4, { target: scaledIn })),
    ).toMatchObject({ kind: 'scale' });
    const demo = { target: scaledIn, timing: demoTiming };
    expect(decideTargetTracking(policy, tracking, low, at(9_000, 4, demo))).toMatchObject({
      kind: 'none',
    });
    expect(decideTargetTracking(policy, tracking, low, at(10_000, 4, demo))).toMatchObject({
      kind: 'scale',
    });
  });

  it('never scales out while scale-out is suspended, and a scale-in cooldown does not stop it', () => {
    const suspended = {
      ...target,
      suspendedState: { ...target.suspendedState, DynamicScalingOutSuspended: true },
    };
    expect(
      decideTargetTracking(policy, tracking, [90, 90, 90], at(0, 2, { target: suspended })),
    ).toMatchObject({ kind: 'none', why: 'scale-out is suspended' });
    const scaledIn = { ...target, lastScaleInAt: 0 };
    expect(
      decideTargetTracking(policy, tracking, [90, 90, 90], at(1_000, 2, { target: scaledIn })),
    ).toMatchObject({ kind: 'scale', desiredCount: 4 });
  });
});

describe('step scaling', () => {
  const steps: StepScalingConfig = {
    adjustmentType: 'ChangeInCapacity',
    stepAdjustments: [
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
      { MetricIntervalLowerBound: 20, ScalingAdjustment: 3 },
    ],
    alarm: {
      alarmName: 'Stowage-service/c/s-steps',
      metric: { metric: 'ECSServiceAverageCPUUtilization' },
      threshold: 70,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 2,
    },
  };
  const stepPolicy: ScalingPolicyRecord = {
    policyArn: 'arn',
    policyName: 'steps',
    resourceId,
    createdAt: 0,
    alarmId: 'x',
    stepScaling: steps,
  };

  it('picks the step by the breach, bounds inclusive below and exclusive above', () => {
    expect(stepFor(steps, 0)?.ScalingAdjustment).toBe(1);
    expect(stepFor(steps, 19.9)?.ScalingAdjustment).toBe(1);
    expect(stepFor(steps, 20)?.ScalingAdjustment).toBe(3);
    const below: StepScalingConfig = {
      ...steps,
      stepAdjustments: [
        { MetricIntervalUpperBound: -10, ScalingAdjustment: -2 },
        { MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: -1 },
      ],
    };
    expect(stepFor(below, -10)?.ScalingAdjustment).toBe(-2);
    expect(stepFor(below, -9)?.ScalingAdjustment).toBe(-1);
    // At the threshold of an alarm on a metric below it (LessThanOrEqualToThreshold).
    expect(stepFor(below, 0, false)?.ScalingAdjustment).toBe(-1);
  });

  it('adjusts by count, percentage (rounded as AWS does, with a minimum magnitude) or exactly', () => {
    expect(adjustedCapacity(steps, 3, 4)).toBe(7);
    const percent: StepScalingConfig = { ...steps, adjustmentType: 'PercentChangeInCapacity' };
    expect(adjustedCapacity(percent, 50, 5)).toBe(7); // +2.5 rounds down to 2
    expect(adjustedCapacity(percent, 10, 5)).toBe(6); // +0.5 rounds up to 1
    expect(adjustedCapacity(percent, -10, 5)).toBe(4); // -0.5 rounds to -1
    expect(adjustedCapacity(percent, -50, 5)).toBe(3); // -2.5 rounds to -2
    expect(adjustedCapacity({ ...percent, minAdjustmentMagnitude: 3 }, 20, 5)).toBe(8);
    expect(adjustedCapacity({ ...steps, adjustmentType: 'ExactCapacity' }, 3, 9)).toBe(3);
  });

  it('acts only when its alarm has breached for its evaluation periods', () => {
    expect(decideStep(stepPolicy, steps, [50, 95], at(0, 2))).toMatchObject({ kind: 'none' });
    expect(decideStep(stepPolicy, steps, [80, 95], at(0, 2))).toEqual({
      kind: 'scale',
      direction: 'out',
      desiredCount: 5,
      alarmName: 'Stowage-service/c/s-steps',
      policyName: 'steps',
    });
    expect(decideStep(stepPolicy, steps, [80, 75], at(0, 2))).toMatchObject({ desiredCount: 3 });
    const { alarm, ...noAlarm } = steps;
    expect(alarm).toBeDefined();
    expect(decideStep(stepPolicy, noAlarm, [99, 99], at(0, 2))).toMatchObject({
      why: 'the policy has no alarm',
    });
  });

  it('in its cooldown, counts what the last scale-out added', () => {
    const cooling = { ...target, lastScaleOut: { at: 0, from: 2 } };
    // +1 was added (2 → 3); the alarm now asks for +3: only 2 more.
    expect(
      decideStep(stepPolicy, steps, [95, 95], at(10_000, 3, { target: cooling })),
    ).toMatchObject({ desiredCount: 5 });
    expect(
      decideStep(stepPolicy, steps, [75, 75], at(10_000, 3, { target: cooling })),
    ).toMatchObject({ kind: 'none' });
  });

  it('scales in with a low alarm, waiting out its cooldown and deployments', () => {
    const low: StepScalingConfig = {
      ...steps,
      stepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
      cooldown: 120,
      alarm: { ...steps.alarm!, threshold: 20, comparisonOperator: 'LessThanThreshold' },
    };
    expect(decideStep(stepPolicy, low, [5, 5], at(0, 3))).toMatchObject({
      direction: 'in',
      desiredCount: 2,
    });
    expect(
      decideStep(stepPolicy, low, [5, 5], at(0, 3, { deploymentInProgress: true })),
    ).toMatchObject({ kind: 'none' });
    const scaledIn = { ...target, lastScaleInAt: 0 };
    expect(decideStep(stepPolicy, low, [5, 5], at(119_000, 3, { target: scaledIn }))).toMatchObject(
      { kind: 'none' },
    );
  });
});

describe('several policies', () => {
  const out = (desiredCount: number) =>
    ({ kind: 'scale', direction: 'out', desiredCount, alarmName: 'a', policyName: 'p' }) as const;
  const scaleIn = (desiredCount: number) =>
    ({ kind: 'scale', direction: 'in', desiredCount, alarmName: 'a', policyName: 'p' }) as const;
  const idle = { kind: 'none', why: 'no alarm in ALARM' } as const;

  it('scales out to the largest, and in only when every tracking policy agrees', () => {
    expect(
      combine([
        { decision: out(4), tracking: true },
        { decision: out(6), tracking: false },
        { decision: scaleIn(1), tracking: true },
      ]),
    ).toEqual(out(6));
    expect(
      combine([
        { decision: scaleIn(2), tracking: true },
        { decision: idle, tracking: true },
      ]),
    ).toBeUndefined();
    expect(
      combine([
        { decision: scaleIn(2), tracking: true },
        { decision: scaleIn(3), tracking: true },
      ]),
    ).toEqual(scaleIn(3));
  });
});
