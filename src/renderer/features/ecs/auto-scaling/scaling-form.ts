import type {
  PutScalingPolicyRequest,
  StepAdjustment,
} from '@aws-sdk/client-application-auto-scaling';
import type { AutoScalingPolicy } from '../../../../shared/contract/ecs-load-balancing';

/** What the app sends: PutScalingPolicy without the members that name the service. */
export type PolicyRequest = Omit<
  PutScalingPolicyRequest,
  'ServiceNamespace' | 'ResourceId' | 'ScalableDimension'
>;

export const predefinedMetrics = [
  {
    type: 'ECSServiceAverageCPUUtilization',
    label: 'Average CPU utilisation (%)',
    noun: 'average CPU',
    percent: true,
  },
  {
    type: 'ECSServiceAverageMemoryUtilization',
    label: 'Average memory utilisation (%)',
    noun: 'average memory',
    percent: true,
  },
  {
    type: 'ALBRequestCountPerTarget',
    label: 'Load balancer requests per target (per minute)',
    noun: 'requests per target',
    percent: false,
  },
] as const;
export type PredefinedMetric = (typeof predefinedMetrics)[number]['type'];

export const metricLabel = (type: string) =>
  predefinedMetrics.find((metric) => metric.type === type)?.label ?? type;

const wholeIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
};

/** The policy name rule of Application Auto Scaling: 1 to 256 printable characters. */
const policyNameProblem = (name: string) =>
  name.length === 0 || name.length > 256 || /[\p{Cc}]/u.test(name)
    ? 'A name of 1 to 256 printable characters.'
    : undefined;

/** The most a service may be scaled to (ECS's desired count limit). */
export const maxCapacityLimit = 5000;

export interface CapacityForm {
  min: string;
  max: string;
}

export function capacityProblems(form: CapacityForm): Partial<Record<keyof CapacityForm, string>> {
  const problems: Partial<Record<keyof CapacityForm, string>> = {};
  if (!wholeIn(form.min, 0, maxCapacityLimit)) {
    problems.min = `A whole number from 0 to ${maxCapacityLimit}.`;
  }
  if (!wholeIn(form.max, 0, maxCapacityLimit)) {
    problems.max = `A whole number from 0 to ${maxCapacityLimit}.`;
  } else if (problems.min === undefined && Number(form.max) < Number(form.min)) {
    problems.max = 'Maximum capacity cannot be less than minimum capacity.';
  }
  return problems;
}

export interface TargetTrackingForm {
  policyName: string;
  metric: PredefinedMetric;
  targetValue: string;
  scaleOutCooldown: string;
  scaleInCooldown: string;
  disableScaleIn: boolean;
}

export const initialTargetTracking = (service: string): TargetTrackingForm => ({
  policyName: `${service}-cpu-target`,
  metric: 'ECSServiceAverageCPUUtilization',
  targetValue: '50',
  scaleOutCooldown: '300',
  scaleInCooldown: '300',
  disableScaleIn: false,
});

/** A policy as it stands, back in the form (to edit it). */
export function targetTrackingFormOf(policy: AutoScalingPolicy): TargetTrackingForm {
  const config = policy.TargetTrackingScalingPolicyConfiguration;
  const metric = predefinedMetrics.find(
    (item) => item.type === config?.PredefinedMetricSpecification?.PredefinedMetricType,
  );
  return {
    policyName: policy.PolicyName ?? '',
    metric: metric?.type ?? 'ECSServiceAverageCPUUtilization',
    targetValue: String(config?.TargetValue ?? ''),
    scaleOutCooldown: String(config?.ScaleOutCooldown ?? 300),
    scaleInCooldown: String(config?.ScaleInCooldown ?? 300),
    disableScaleIn: config?.DisableScaleIn ?? false,
  };
}

const cooldownLimit = 86400;

export function targetTrackingProblems(
  form: TargetTrackingForm,
  resourceLabel: string | undefined,
): Partial<Record<keyof TargetTrackingForm, string>> {
  const problems: Partial<Record<keyof TargetTrackingForm, string>> = {};
  const name = policyNameProblem(form.policyName);
  if (name) problems.policyName = name;
  const percent = predefinedMetrics.find((metric) => metric.type === form.metric)?.percent;
  const target = Number(form.targetValue);
  if (form.targetValue.trim() === '' || !Number.isFinite(target) || target <= 0) {
    problems.targetValue = 'A number above 0.';
  } else if (percent && target > 100) {
    problems.targetValue = 'A utilisation from above 0 to 100 %.';
  }
  if (!wholeIn(form.scaleOutCooldown, 0, cooldownLimit)) {
    problems.scaleOutCooldown = `Whole seconds from 0 to ${cooldownLimit}.`;
  }
  if (!wholeIn(form.scaleInCooldown, 0, cooldownLimit)) {
    problems.scaleInCooldown = `Whole seconds from 0 to ${cooldownLimit}.`;
  }
  if (form.metric === 'ALBRequestCountPerTarget' && resourceLabel === undefined) {
    problems.metric =
      'Requests per target needs the service behind a load balancer whose listener forwards to its target group.';
  }
  return problems;
}

export function targetTrackingRequest(
  form: TargetTrackingForm,
  resourceLabel: string | undefined,
): PolicyRequest {
  return {
    PolicyName: form.policyName,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: Number(form.targetValue),
      PredefinedMetricSpecification: {
        PredefinedMetricType: form.metric,
        ...(form.metric === 'ALBRequestCountPerTarget' && resourceLabel
          ? { ResourceLabel: resourceLabel }
          : {}),
      },
      ScaleOutCooldown: Number(form.scaleOutCooldown),
      ScaleInCooldown: Number(form.scaleInCooldown),
      DisableScaleIn: form.disableScaleIn,
    },
  };
}

export { resourceLabelOf } from '../../../../shared';

export type AdjustmentType = 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';

export interface StepRow {
  /** Empty: no bound (minus or plus infinity). */
  lower: string;
  upper: string;
  adjustment: string;
}

export interface StepScalingForm {
  policyName: string;
  adjustmentType: AdjustmentType;
  steps: StepRow[];
  cooldown: string;
  aggregation: 'Average' | 'Maximum' | 'Minimum';
}

export const initialStepScaling = (service: string): StepScalingForm => ({
  policyName: `${service}-step`,
  adjustmentType: 'ChangeInCapacity',
  steps: [
    { lower: '0', upper: '20', adjustment: '1' },
    { lower: '20', upper: '', adjustment: '3' },
  ],
  cooldown: '300',
  aggregation: 'Average',
});

export function stepScalingFormOf(policy: AutoScalingPolicy): StepScalingForm {
  const config = policy.StepScalingPolicyConfiguration;
  const bound = (value: number | undefined) => (value === undefined ? '' : String(value));
  return {
    policyName: policy.PolicyName ?? '',
    adjustmentType: (config?.AdjustmentType as AdjustmentType | undefined) ?? 'ChangeInCapacity',
    steps: (config?.StepAdjustments ?? []).map((step) => ({
      lower: bound(step.MetricIntervalLowerBound),
      upper: bound(step.MetricIntervalUpperBound),
      adjustment: String(step.ScalingAdjustment ?? ''),
    })),
    cooldown: String(config?.Cooldown ?? 300),
    aggregation:
      (config?.MetricAggregationType as StepScalingForm['aggregation'] | undefined) ?? 'Average',
  };
}

const numberOrEmpty = (text: string) => text.trim() === '' || Number.isFinite(Number(text));

/**
 * What Application Auto Scaling would refuse in a step policy: each step's interval, measured
 * from the alarm's threshold, with lower below upper; intervals neither overlapping nor leaving
 * a gap; at most one open at each end; a whole, non-zero adjustment.
 */
export function stepScalingProblems(form: StepScalingForm): {
  policyName?: string;
  cooldown?: string;
  steps: (string | undefined)[];
  overall?: string;
} {
  const name = policyNameProblem(form.policyName);
  const steps = form.steps.map((row) => {
    if (!numberOrEmpty(row.lower) || !numberOrEmpty(row.upper)) return 'Bounds are numbers.';
    if (
      row.lower.trim() !== '' &&
      row.upper.trim() !== '' &&
      Number(row.lower) >= Number(row.upper)
    ) {
      return 'The lower bound must be below the upper bound.';
    }
    const adjustment = Number(row.adjustment);
    if (row.adjustment.trim() === '' || !Number.isInteger(adjustment)) {
      return 'The adjustment is a whole number.';
    }
    if (form.adjustmentType !== 'ExactCapacity' && adjustment === 0) {
      return 'An adjustment of 0 changes nothing.';
    }
    if (form.adjustmentType === 'ExactCapacity' && adjustment < 0) {
      return 'An exact capacity cannot be below 0.';
    }
    return undefined;
  });
  let overall: string | undefined;
  if (form.steps.length === 0) overall = 'Add at least one step.';
  else if (steps.every((problem) => problem === undefined)) {
    const low = (row: StepRow) => (row.lower.trim() === '' ? -Infinity : Number(row.lower));
    const high = (row: StepRow) => (row.upper.trim() === '' ? Infinity : Number(row.upper));
    const sorted = [...form.steps].sort((a, b) => low(a) - low(b));
    for (let index = 1; index < sorted.length; index++) {
      const before = sorted[index - 1];
      const after = sorted[index];
      if (before && after && high(before) !== low(after)) {
        overall =
          high(before) > low(after)
            ? 'Step intervals cannot overlap.'
            : 'Step intervals cannot leave a gap: each starts where the one before ends.';
        break;
      }
    }
  }
  const cooldown = wholeIn(form.cooldown, 0, cooldownLimit)
    ? undefined
    : `Whole seconds from 0 to ${cooldownLimit}.`;
  return {
    ...(name ? { policyName: name } : {}),
    ...(cooldown ? { cooldown } : {}),
    steps,
    ...(overall ? { overall } : {}),
  };
}

export const stepScalingValid = (form: StepScalingForm) => {
  const problems = stepScalingProblems(form);
  return (
    !problems.policyName &&
    !problems.cooldown &&
    !problems.overall &&
    problems.steps.every((problem) => problem === undefined)
  );
};

export function stepScalingRequest(form: StepScalingForm): PolicyRequest {
  const adjustments: StepAdjustment[] = form.steps.map((row) => ({
    ...(row.lower.trim() === '' ? {} : { MetricIntervalLowerBound: Number(row.lower) }),
    ...(row.upper.trim() === '' ? {} : { MetricIntervalUpperBound: Number(row.upper) }),
    ScalingAdjustment: Number(row.adjustment),
  }));
  return {
    PolicyName: form.policyName,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: form.adjustmentType,
      StepAdjustments: adjustments,
      Cooldown: Number(form.cooldown),
      MetricAggregationType: form.aggregation,
    },
  };
}

/** A policy in one line: "Keeps average CPU at 50 % · cooldowns: out 300 s, in 300 s". */
export function policySummary(policy: AutoScalingPolicy): string {
  const tracking = policy.TargetTrackingScalingPolicyConfiguration;
  if (tracking) {
    const metric = tracking.PredefinedMetricSpecification?.PredefinedMetricType ?? '';
    const known = predefinedMetrics.find((item) => item.type === metric);
    return [
      `Keeps ${known?.noun ?? metric} at ${tracking.TargetValue ?? ''}${known?.percent ? ' %' : ''}`,
      `cooldowns: out ${tracking.ScaleOutCooldown ?? 300} s, in ${tracking.ScaleInCooldown ?? 300} s`,
      ...(tracking.DisableScaleIn ? ['never scales in'] : []),
    ].join(' · ');
  }
  const step = policy.StepScalingPolicyConfiguration;
  if (step) {
    const unit = step.AdjustmentType === 'PercentChangeInCapacity' ? ' %' : '';
    const steps = (step.StepAdjustments ?? []).map((item) => {
      const low = item.MetricIntervalLowerBound ?? '−∞';
      const high = item.MetricIntervalUpperBound ?? '+∞';
      const change = item.ScalingAdjustment ?? 0;
      const words =
        step.AdjustmentType === 'ExactCapacity'
          ? `set ${change}`
          : `${change > 0 ? '+' : ''}${change}${unit}`;
      return `[${low}, ${high}) → ${words}`;
    });
    return `Steps over the alarm threshold: ${steps.join(', ')} · cooldown ${step.Cooldown ?? 300} s`;
  }
  return policy.PolicyType ?? '';
}
