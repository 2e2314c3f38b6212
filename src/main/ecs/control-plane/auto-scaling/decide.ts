/**
 * Scaling decisions as Application Auto Scaling makes them, from a policy, the datapoints its
 * alarm evaluates and the target's state: pure, so each step can be checked with chosen
 * numbers and times.
 *
 * Target tracking (as AWS documents it): AlarmHigh is in ALARM once the metric is above the
 * target for 3 consecutive datapoints, and the service scales out at once to
 * ceil(capacity × metric / target); AlarmLow once it is below 90 % of the target for 15, and
 * the service scales in to ceil(capacity × highest of those 15 / target), which keeps even the
 * busiest of those periods at or under the target (AWS scales in conservatively).
 *
 * Cooldowns (AWS's rules): during a scale-out cooldown, the capacity the scale-out that started
 * it added counts towards the next one (the new capacity is computed from the capacity before
 * it, and applied only if larger); a scale-in waits out the scale-in cooldown; a scale-out is
 * never held back by a scale-in cooldown. Scale-in waits while a deployment is in progress, and
 * either direction is skipped while suspended.
 */
import {
  cooldownMs,
  highAlarmDatapoints,
  lowAlarmDatapoints,
  scaleInThresholdRatio,
} from './timing';
import type { AutoScalingTiming } from './timing';
import type {
  ComparisonOperator,
  ScalableTargetRecord,
  ScalingPolicyRecord,
  StepScalingConfig,
  TargetTrackingConfig,
} from './records';

export interface ScalingSituation {
  now: number;
  /** The service's desired count. */
  capacity: number;
  target: ScalableTargetRecord;
  deploymentInProgress: boolean;
  timing: AutoScalingTiming;
}

export type Decision =
  | { kind: 'none'; why: string }
  | {
      kind: 'scale';
      direction: 'out' | 'in';
      desiredCount: number;
      alarmName: string;
      policyName: string;
      /** A scale-out within the cooldown of an earlier one (which keeps its start). */
      duringCooldown?: boolean;
    };

const none = (why: string): Decision => ({ kind: 'none', why });

export const clamp = (count: number, target: ScalableTargetRecord) =>
  Math.min(target.maxCapacity, Math.max(target.minCapacity, count));

/** The names of a target-tracking policy's alarms, as Application Auto Scaling names them. */
export function trackingAlarmNames(resourceId: string, alarmId: string) {
  return {
    high: `TargetTracking-${resourceId}-AlarmHigh-${alarmId}`,
    low: `TargetTracking-${resourceId}-AlarmLow-${alarmId}`,
  };
}

const lastN = (values: readonly number[], n: number) =>
  values.length >= n ? values.slice(values.length - n) : undefined;

export function decideTargetTracking(
  policy: ScalingPolicyRecord,
  config: TargetTrackingConfig,
  values: readonly number[],
  s: ScalingSituation,
): Decision {
  const alarms = trackingAlarmNames(policy.resourceId, policy.alarmId);
  const target = config.targetValue;
  const high = lastN(values, highAlarmDatapoints);
  if (high?.every((value) => value > target)) {
    const latest = high[high.length - 1]!;
    return scaleOut(s, config.scaleOutCooldown, (base) => Math.ceil((base * latest) / target), {
      alarmName: alarms.high,
      policyName: policy.policyName,
    });
  }
  const low = lastN(values, lowAlarmDatapoints);
  if (low?.every((value) => value < target * scaleInThresholdRatio)) {
    if (config.disableScaleIn) return none('scale-in is disabled');
    const highest = Math.max(...low);
    return scaleIn(s, config.scaleInCooldown, Math.ceil((s.capacity * highest) / target), {
      alarmName: alarms.low,
      policyName: policy.policyName,
    });
  }
  return none('no alarm in ALARM');
}

/** Whether `value` breaches `threshold` the way the alarm's operator says. */
function breaches(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/**
 * The step adjustment for a metric `breach` (metric minus threshold). For an alarm on a metric
 * above its threshold a step's lower bound is inclusive and its upper bound exclusive; below
 * it, the other way round.
 */
export function stepFor(config: StepScalingConfig, breach: number, above = breach >= 0) {
  return config.stepAdjustments.find((step) => {
    const lower = step.MetricIntervalLowerBound ?? -Infinity;
    const upper = step.MetricIntervalUpperBound ?? Infinity;
    return above ? lower <= breach && breach < upper : lower < breach && breach <= upper;
  });
}

/** The capacity a step adjustment asks for from `base`, with AWS's rounding of percentages. */
export function adjustedCapacity(config: StepScalingConfig, adjustment: number, base: number) {
  switch (config.adjustmentType) {
    case 'ExactCapacity':
      return adjustment;
    case 'ChangeInCapacity':
      return base + adjustment;
    case 'PercentChangeInCapacity': {
      const raw = (base * adjustment) / 100;
      // Between -1 and 1 rounds away from zero; beyond, towards it.
      let change = Math.abs(raw) < 1 ? Math.sign(raw) : Math.trunc(raw);
      const magnitude = config.minAdjustmentMagnitude;
      if (magnitude !== undefined && change !== 0 && Math.abs(change) < magnitude) {
        change = Math.sign(change) * magnitude;
      }
      return base + change;
    }
  }
}

export function decideStep(
  policy: ScalingPolicyRecord,
  config: StepScalingConfig,
  values: readonly number[],
  s: ScalingSituation,
): Decision {
  const alarm = config.alarm;
  if (!alarm) return none('the policy has no alarm');
  const window = lastN(values, alarm.evaluationPeriods);
  if (!window?.every((value) => breaches(value, alarm.comparisonOperator, alarm.threshold))) {
    return none('its alarm is not in ALARM');
  }
  const latest = window[window.length - 1]!;
  const above = alarm.comparisonOperator.startsWith('Greater');
  const step = stepFor(config, latest - alarm.threshold, above);
  if (!step) return none('no step adjustment covers the breach');
  const adjustment = step.ScalingAdjustment ?? 0;
  const names = { alarmName: alarm.alarmName, policyName: policy.policyName };
  const wanted = adjustedCapacity(config, adjustment, s.capacity);
  if (wanted > s.capacity) {
    return scaleOut(
      s,
      config.cooldown,
      (base) => adjustedCapacity(config, adjustment, base),
      names,
    );
  }
  if (wanted < s.capacity) return scaleIn(s, config.cooldown, wanted, names);
  return none('the adjustment leaves the capacity as it is');
}

function scaleOut(
  s: ScalingSituation,
  cooldown: number | undefined,
  capacityFrom: (base: number) => number,
  names: { alarmName: string; policyName: string },
): Decision {
  if (s.target.suspendedState.DynamicScalingOutSuspended) return none('scale-out is suspended');
  const last = s.target.lastScaleOut;
  const cooling = last !== undefined && s.now < last.at + cooldownMs(cooldown, s.timing);
  const desired = clamp(capacityFrom(cooling ? last.from : s.capacity), s.target);
  if (desired <= s.capacity) {
    return none(
      cooling ? 'the scale-out in cooldown already added that capacity' : 'at maximum capacity',
    );
  }
  return {
    kind: 'scale',
    direction: 'out',
    desiredCount: desired,
    ...names,
    ...(cooling && { duringCooldown: true }),
  };
}

function scaleIn(
  s: ScalingSituation,
  cooldown: number | undefined,
  wanted: number,
  names: { alarmName: string; policyName: string },
): Decision {
  if (s.target.suspendedState.DynamicScalingInSuspended) return none('scale-in is suspended');
  if (s.deploymentInProgress) return none('a deployment is in progress');
  const last = s.target.lastScaleInAt;
  if (last !== undefined && s.now < last + cooldownMs(cooldown, s.timing)) {
    return none('the scale-in cooldown is in effect');
  }
  const desired = clamp(wanted, s.target);
  if (desired >= s.capacity) return none('at minimum capacity');
  return { kind: 'scale', direction: 'in', desiredCount: desired, ...names };
}

/**
 * What several policies of one target decide together (AWS's rule): the largest scale-out if
 * any policy scales out; otherwise a scale-in only when every target-tracking policy is ready
 * to scale in, to the largest capacity any of them asks for.
 */
export function combine(
  decisions: readonly { decision: Decision; tracking: boolean }[],
): Decision | undefined {
  const scaling = decisions.flatMap(({ decision }) =>
    decision.kind === 'scale' ? [decision] : [],
  );
  const outs = scaling.filter((decision) => decision.direction === 'out');
  const largest = (list: typeof scaling) =>
    list.reduce((best, next) => (next.desiredCount > best.desiredCount ? next : best));
  if (outs.length > 0) return largest(outs);
  const ins = scaling.filter((decision) => decision.direction === 'in');
  if (ins.length === 0) return undefined;
  const trackingReady = decisions
    .filter(({ tracking }) => tracking)
    .every(({ decision }) => decision.kind === 'scale' && decision.direction === 'in');
  return trackingReady ? largest(ins) : undefined;
}
