/**
 * How the control plane keeps Application Auto Scaling: scalable targets, scaling policies,
 * each target's activities, and the timing setting, each in a collection of its own (so they
 * are journalled and snapshotted like every other record). Only ECS services are scalable
 * here, so a target is keyed by its resource id (`service/<cluster>/<service>`).
 */
import type {
  AdjustmentType,
  MetricAggregationType,
  ScalingActivityStatusCode,
  StepAdjustment,
  SuspendedState,
} from '@aws-sdk/client-application-auto-scaling';
import { defineCollection } from '../core/collections';
import type { EcsState } from '../core/state';

export const serviceNamespace = 'ecs' as const;
export const scalableDimension = 'ecs:service:DesiredCount' as const;

export const predefinedMetrics = [
  'ECSServiceAverageCPUUtilization',
  'ECSServiceAverageMemoryUtilization',
  'ALBRequestCountPerTarget',
] as const;
export type PredefinedMetric = (typeof predefinedMetrics)[number];

/** A metric of a service: which one, and for requests per target, which target group. */
export interface MetricRef {
  metric: PredefinedMetric;
  /** `app/<lb>/<id>/targetgroup/<tg>/<id>`, for ALBRequestCountPerTarget. */
  resourceLabel?: string;
}

export interface ScalableTargetRecord {
  resourceId: string;
  clusterArn: string;
  serviceArn: string;
  scalableTargetArn: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  suspendedState: Required<SuspendedState>;
  createdAt: number;
  /** The last scale-out: when, and the desired count it started from (for its cooldown). */
  lastScaleOut?: { at: number; from: number };
  lastScaleInAt?: number;
}

export interface TargetTrackingConfig {
  targetValue: number;
  metric: MetricRef;
  scaleOutCooldown?: number;
  scaleInCooldown?: number;
  disableScaleIn: boolean;
}

export const comparisonOperators = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

/**
 * The alarm that invokes a step scaling policy. AWS leaves that to a CloudWatch alarm the user
 * creates; Stowage has no CloudWatch, so the alarm is given with the policy (the request's
 * non-AWS member `StowageAlarm`) on one of the service's predefined metrics.
 */
export interface StepAlarm {
  alarmName: string;
  metric: MetricRef;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  evaluationPeriods: number;
}

export interface StepScalingConfig {
  adjustmentType: AdjustmentType;
  stepAdjustments: StepAdjustment[];
  minAdjustmentMagnitude?: number;
  cooldown?: number;
  metricAggregationType?: MetricAggregationType;
  alarm?: StepAlarm;
}

export interface ScalingPolicyRecord {
  policyArn: string;
  policyName: string;
  resourceId: string;
  createdAt: number;
  /** The uuid in the names of its alarms (target tracking: AlarmHigh and AlarmLow). */
  alarmId: string;
  targetTracking?: TargetTrackingConfig;
  stepScaling?: StepScalingConfig;
}

export interface ScalingActivityRecord {
  activityId: string;
  resourceId: string;
  description: string;
  cause: string;
  startTime: number;
  endTime?: number;
  statusCode: ScalingActivityStatusCode;
  statusMessage?: string;
  /** The desired count it sets. */
  desiredCount: number;
}

export interface ScalingActivitiesRecord {
  resourceId: string;
  /** Newest first, at most {@link maxActivitiesKept}. */
  activities: ScalingActivityRecord[];
}

export interface AutoScalingSettingsRecord {
  key: 'settings';
  demoTiming: boolean;
}

/** Activities kept per target (AWS keeps six weeks; a laptop needs far fewer). */
export const maxActivitiesKept = 200;

export const scalableTargets = defineCollection<ScalableTargetRecord>(
  'scalableTargets',
  (t) => t.resourceId,
);
export const scalingPolicies = defineCollection<ScalingPolicyRecord>('scalingPolicies', (p) =>
  policyKey(p.resourceId, p.policyName),
);
export const scalingActivities = defineCollection<ScalingActivitiesRecord>(
  'scalingActivities',
  (a) => a.resourceId,
);
export const autoScalingSettings = defineCollection<AutoScalingSettingsRecord>(
  'autoScalingSettings',
  (s) => s.key,
);

export const policyKey = (resourceId: string, policyName: string) => `${resourceId}\n${policyName}`;

export const policiesOf = (state: EcsState, resourceId: string): ScalingPolicyRecord[] =>
  scalingPolicies.all(state).filter((policy) => policy.resourceId === resourceId);

export const activitiesOf = (state: EcsState, resourceId: string): ScalingActivityRecord[] =>
  scalingActivities.get(state, resourceId)?.activities ?? [];

export const demoTimingOf = (state: EcsState): boolean =>
  autoScalingSettings.get(state, 'settings')?.demoTiming ?? false;
