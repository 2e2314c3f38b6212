/** PutScalingPolicy, DescribeScalingPolicies and DeleteScalingPolicy. */
import type {
  AdjustmentType,
  Alarm,
  DeleteScalingPolicyResponse,
  DescribeScalingPoliciesResponse,
  MetricAggregationType,
  PutScalingPolicyResponse,
  ScalingPolicy,
  StepAdjustment,
} from '@aws-sdk/client-application-auto-scaling';
import type { EcsSettings } from '../core/arns';
import { compact, toDate, type Outcome, type PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { randomUuid } from '../core/ids';
import { Params } from '../core/params';
import { trackingAlarmNames } from './decide';
import {
  noTarget,
  page,
  parseResourceId,
  readDimension,
  readNamespace,
  readNumber,
  readTargetRef,
  reading,
  targetWords,
  validation,
} from './read';
import {
  comparisonOperators,
  policiesOf,
  policyKey,
  predefinedMetrics,
  scalableDimension,
  scalableTargets,
  scalingPolicies,
  serviceNamespace,
  type MetricRef,
  type ScalingPolicyRecord,
  type StepAlarm,
  type StepScalingConfig,
  type TargetTrackingConfig,
} from './records';

/** Scaling policies per scalable target (Application Auto Scaling's quota). */
export const maxPoliciesPerTarget = 50;

const adjustmentTypes: readonly AdjustmentType[] = [
  'ChangeInCapacity',
  'PercentChangeInCapacity',
  'ExactCapacity',
];
const aggregationTypes: readonly MetricAggregationType[] = ['Average', 'Minimum', 'Maximum'];
const resourceLabelPattern = /^app\/[^/]+\/[^/]+\/targetgroup\/[^/]+\/[^/]+$/;

function readMetric(params: Params, typeMember: string): MetricRef {
  const metric = params.requiredString(typeMember);
  if (!(predefinedMetrics as readonly string[]).includes(metric)) {
    throw validation(
      `Unsupported metric type ${metric} for service namespace ${serviceNamespace}; use one of ${predefinedMetrics.join(', ')}.`,
    );
  }
  const label = params.string('ResourceLabel');
  if (metric === 'ALBRequestCountPerTarget') {
    if (label === undefined || !resourceLabelPattern.test(label)) {
      throw validation(
        'ResourceLabel is required for the ALBRequestCountPerTarget metric, as app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>.',
      );
    }
    return { metric, resourceLabel: label };
  }
  return { metric: metric as MetricRef['metric'] };
}

function readTargetTracking(params: Params | undefined): TargetTrackingConfig {
  if (!params) {
    throw validation(
      'TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy.',
    );
  }
  if (params.has('CustomizedMetricSpecification')) {
    throw validation('Stowage supports predefined metrics only (PredefinedMetricSpecification).');
  }
  const targetValue = readNumber(params, 'TargetValue');
  if (targetValue === undefined) {
    throw validation(
      "1 validation error detected: Value null at 'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member must not be null",
    );
  }
  if (targetValue <= 0) throw validation('TargetValue must be greater than 0.');
  const metric = params.object('PredefinedMetricSpecification');
  if (!metric) throw validation('PredefinedMetricSpecification is required.');
  const cooldown = { min: 0, max: 86_400 };
  const scaleOut = params.integer('ScaleOutCooldown', cooldown);
  const scaleIn = params.integer('ScaleInCooldown', cooldown);
  return {
    targetValue,
    metric: readMetric(metric, 'PredefinedMetricType'),
    ...(scaleOut !== undefined && { scaleOutCooldown: scaleOut }),
    ...(scaleIn !== undefined && { scaleInCooldown: scaleIn }),
    disableScaleIn: params.boolean('DisableScaleIn') ?? false,
  };
}

function readStepAdjustments(params: Params): StepAdjustment[] {
  const steps = (params.objectList('StepAdjustments') ?? []).map((step) => ({
    ...(step.has('MetricIntervalLowerBound') && {
      MetricIntervalLowerBound: readNumber(step, 'MetricIntervalLowerBound'),
    }),
    ...(step.has('MetricIntervalUpperBound') && {
      MetricIntervalUpperBound: readNumber(step, 'MetricIntervalUpperBound'),
    }),
    ScalingAdjustment:
      step.integer('ScalingAdjustment', { min: -2_147_483_648, max: 2_147_483_647 }) ??
      (() => {
        throw validation('ScalingAdjustment is required for each step adjustment.');
      })(),
  }));
  if (steps.length === 0) throw validation('StepAdjustments must have at least one step.');
  for (const step of steps) {
    const lower = step.MetricIntervalLowerBound ?? -Infinity;
    const upper = step.MetricIntervalUpperBound ?? Infinity;
    if (lower >= upper) {
      throw validation("A step adjustment's upper bound must be greater than its lower bound.");
    }
  }
  const sorted = [...steps].sort(
    (a, b) => (a.MetricIntervalLowerBound ?? -Infinity) - (b.MetricIntervalLowerBound ?? -Infinity),
  );
  for (let i = 1; i < sorted.length; i++) {
    if (
      (sorted[i - 1]!.MetricIntervalUpperBound ?? Infinity) >
      (sorted[i]!.MetricIntervalLowerBound ?? -Infinity)
    ) {
      throw validation('Step adjustments must not overlap.');
    }
  }
  return steps;
}

function readStepAlarm(
  params: Params | undefined,
  resourceId: string,
  policyName: string,
): StepAlarm | undefined {
  if (!params) return undefined;
  const threshold = readNumber(params, 'Threshold');
  if (threshold === undefined) throw validation('StowageAlarm.Threshold is required.');
  return {
    alarmName: `Stowage-${resourceId}-${policyName}`,
    metric: readMetric(params, 'MetricName'),
    threshold,
    comparisonOperator:
      params.oneOf('ComparisonOperator', comparisonOperators) ?? 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: params.integer('EvaluationPeriods', { min: 1, max: 60 }) ?? 1,
  };
}

function readStepScaling(
  params: Params | undefined,
  alarm: StepAlarm | undefined,
): StepScalingConfig {
  if (!params) {
    throw validation('StepScalingPolicyConfiguration is required for a StepScaling policy.');
  }
  const adjustmentType = params.oneOf('AdjustmentType', adjustmentTypes);
  if (!adjustmentType) throw validation('AdjustmentType is required.');
  const magnitude = params.integer('MinAdjustmentMagnitude', { min: 0, max: 2_147_483_647 });
  if (magnitude !== undefined && adjustmentType !== 'PercentChangeInCapacity') {
    throw validation(
      'MinAdjustmentMagnitude is only supported with the PercentChangeInCapacity adjustment type.',
    );
  }
  const cooldown = params.integer('Cooldown', { min: 0, max: 86_400 });
  const aggregation = params.oneOf('MetricAggregationType', aggregationTypes);
  return {
    adjustmentType,
    stepAdjustments: readStepAdjustments(params),
    ...(magnitude !== undefined && { minAdjustmentMagnitude: magnitude }),
    ...(cooldown !== undefined && { cooldown }),
    ...(aggregation && { metricAggregationType: aggregation }),
    ...(alarm && { alarm }),
  };
}

const policyArn = (settings: EcsSettings, id: string, resourceId: string, name: string) =>
  `arn:aws:autoscaling:${settings.region}:${settings.accountId}:scalingPolicy:${id}:resource/${serviceNamespace}/${resourceId}:policyName/${name}`;

function alarmsOf(settings: EcsSettings, policy: ScalingPolicyRecord): Alarm[] {
  const alarm = (name: string): Alarm => ({
    AlarmName: name,
    AlarmARN: `arn:aws:cloudwatch:${settings.region}:${settings.accountId}:alarm:${name}`,
  });
  if (policy.targetTracking) {
    const names = trackingAlarmNames(policy.resourceId, policy.alarmId);
    return [alarm(names.high), alarm(names.low)];
  }
  return policy.stepScaling?.alarm ? [alarm(policy.stepScaling.alarm.alarmName)] : [];
}

export function putScalingPolicy(
  ctx: PlaneContext,
  input: unknown,
): Outcome<PutScalingPolicyResponse> {
  const policy = reading((): ScalingPolicyRecord => {
    const params = Params.of(input);
    const policyName = params.requiredString('PolicyName');
    if (policyName.length < 1 || policyName.length > 256 || !/^\P{C}+$/u.test(policyName)) {
      throw validation('PolicyName must be 1 to 256 printable characters.');
    }
    const { resourceId } = readTargetRef(params);
    const type =
      params.oneOf('PolicyType', ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling']) ??
      'StepScaling';
    if (type === 'PredictiveScaling') {
      throw validation('Stowage does not support PredictiveScaling policies.');
    }
    const existing = scalingPolicies.get(ctx.state, policyKey(resourceId, policyName));
    const id = existing ? undefined : randomUuid(ctx.random);
    const base = {
      policyArn: existing?.policyArn ?? policyArn(ctx.settings, id!, resourceId, policyName),
      policyName,
      resourceId,
      createdAt: existing?.createdAt ?? ctx.now,
      alarmId: existing?.alarmId ?? id!,
    };
    return type === 'TargetTrackingScaling'
      ? {
          ...base,
          targetTracking: readTargetTracking(
            params.object('TargetTrackingScalingPolicyConfiguration'),
          ),
        }
      : {
          ...base,
          stepScaling: readStepScaling(
            params.object('StepScalingPolicyConfiguration'),
            readStepAlarm(params.object('StowageAlarm'), resourceId, policyName),
          ),
        };
  });
  if (!scalableTargets.get(ctx.state, policy.resourceId)) throw noTarget(policy.resourceId);
  const others = policiesOf(ctx.state, policy.resourceId).filter(
    (other) => other.policyName !== policy.policyName,
  );
  if (others.length >= maxPoliciesPerTarget) {
    throw new EcsApiError(
      'LimitExceededException',
      `A scalable target can have at most ${maxPoliciesPerTarget} scaling policies.`,
    );
  }
  return {
    result: { PolicyARN: policy.policyArn, Alarms: alarmsOf(ctx.settings, policy) },
    changes: [scalingPolicies.put(policy)],
  };
}

export function toScalingPolicy(settings: EcsSettings, policy: ScalingPolicyRecord): ScalingPolicy {
  const tracking = policy.targetTracking;
  const step = policy.stepScaling;
  return compact({
    PolicyARN: policy.policyArn,
    PolicyName: policy.policyName,
    ServiceNamespace: serviceNamespace,
    ResourceId: policy.resourceId,
    ScalableDimension: scalableDimension,
    PolicyType: tracking ? 'TargetTrackingScaling' : 'StepScaling',
    TargetTrackingScalingPolicyConfiguration:
      tracking &&
      compact({
        TargetValue: tracking.targetValue,
        PredefinedMetricSpecification: compact({
          PredefinedMetricType: tracking.metric.metric,
          ResourceLabel: tracking.metric.resourceLabel,
        }),
        ScaleOutCooldown: tracking.scaleOutCooldown,
        ScaleInCooldown: tracking.scaleInCooldown,
        DisableScaleIn: tracking.disableScaleIn,
      }),
    StepScalingPolicyConfiguration:
      step &&
      compact({
        AdjustmentType: step.adjustmentType,
        StepAdjustments: step.stepAdjustments.map((adjustment) => ({ ...adjustment })),
        MinAdjustmentMagnitude: step.minAdjustmentMagnitude,
        Cooldown: step.cooldown,
        MetricAggregationType: step.metricAggregationType,
      }),
    Alarms: alarmsOf(settings, policy),
    CreationTime: toDate(policy.createdAt),
  });
}

export function describeScalingPolicies(
  ctx: PlaneContext,
  input: unknown,
): DescribeScalingPoliciesResponse {
  return reading(() => {
    const params = Params.of(input);
    readNamespace(params);
    readDimension(params, false);
    const resourceId = params.string('ResourceId');
    if (resourceId !== undefined) parseResourceId(resourceId);
    const names = params.stringList('PolicyNames');
    if (names && names.length > 50) throw validation('PolicyNames can have at most 50 items.');
    const all = scalingPolicies
      .all(ctx.state)
      .filter(
        (policy) =>
          (resourceId === undefined || policy.resourceId === resourceId) &&
          (names === undefined || names.includes(policy.policyName)),
      );
    const { page: items, nextToken } = page(params, all);
    return compact({
      ScalingPolicies: items.map((policy) => toScalingPolicy(ctx.settings, policy)),
      NextToken: nextToken,
    });
  });
}

export function deleteScalingPolicy(
  ctx: PlaneContext,
  input: unknown,
): Outcome<DeleteScalingPolicyResponse> {
  const { resourceId, policyName } = reading(() => {
    const params = Params.of(input);
    const name = params.requiredString('PolicyName');
    return { ...readTargetRef(params), policyName: name };
  });
  if (!scalingPolicies.get(ctx.state, policyKey(resourceId, policyName))) {
    throw new EcsApiError(
      'ObjectNotFoundException',
      `No scaling policy found for ${targetWords(resourceId)}, policy name: ${policyName}`,
    );
  }
  return { result: {}, changes: [scalingPolicies.delete(policyKey(resourceId, policyName))] };
}
