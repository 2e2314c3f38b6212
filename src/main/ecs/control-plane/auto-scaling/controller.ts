/**
 * The auto scaling controller (it runs after the services'): activities still InProgress are
 * completed (the desired count they set was taken by the service), and when a metric period
 * closes, each scalable target's policies decide from the datapoints their alarms evaluate;
 * a decision to scale sets the service's desired count as UpdateService does, with an activity
 * whose cause names the alarm and the policy.
 */
import type { PlaneContext } from '../core/context';
import type { AutoScalingMetricsEvent, MetricWindow } from '../core/metrics-port';
import type { Controller } from '../core/resource-module';
import type { EcsChange } from '../core/state';
import { deploymentsOf, services } from '../services/records';
import { activityTexts, completed, newActivity, recordActivity } from './activities';
import {
  combine,
  decideStep,
  decideTargetTracking,
  type Decision,
  type ScalingSituation,
} from './decide';
import {
  activitiesOf,
  demoTimingOf,
  policiesOf,
  scalableTargets,
  scalingActivities,
  type MetricRef,
  type ScalableTargetRecord,
} from './records';
import { setDesiredCount } from './targets';
import { timingOf } from './timing';

export const seriesKey = (resourceId: string, ref: MetricRef) =>
  `${resourceId}\n${ref.metric}\n${ref.resourceLabel ?? ''}`;

export const autoScalingController: Controller = (ctx, events) => {
  const changes: EcsChange[] = [];
  for (const record of scalingActivities.all(ctx.state)) {
    if (record.activities.some((activity) => activity.statusCode === 'InProgress')) {
      changes.push(
        scalingActivities.put({ ...record, activities: completed(record.activities, ctx.now) }),
      );
    }
  }
  const metrics = events.filter(
    (event): event is AutoScalingMetricsEvent => event.kind === 'autoScaling.metrics',
  );
  const latest = metrics[metrics.length - 1];
  if (!latest) return changes;
  const windows = new Map<string, number[]>(
    latest.windows.map((window: MetricWindow) => [
      seriesKey(window.resourceId, {
        metric: window.metric as MetricRef['metric'],
        ...(window.resourceLabel !== undefined && { resourceLabel: window.resourceLabel }),
      }),
      window.values,
    ]),
  );
  // The activities as this pass leaves them (completed above), for a new one to go on top.
  const afterPass = { ...ctx, state: withChanges(ctx, changes) };
  for (const target of scalableTargets.all(ctx.state)) {
    changes.push(...scaleTarget(afterPass, target, windows));
  }
  return changes;
};

function withChanges(ctx: PlaneContext, changes: readonly EcsChange[]) {
  const collections = { ...ctx.state.collections };
  for (const change of changes) {
    if (change.kind !== 'record.put') continue;
    collections[change.collection] = {
      ...collections[change.collection],
      [change.key]: change.record,
    };
  }
  return { ...ctx.state, collections };
}

function scaleTarget(
  ctx: PlaneContext,
  target: ScalableTargetRecord,
  windows: ReadonlyMap<string, number[]>,
): EcsChange[] {
  const service = services.get(ctx.state, target.serviceArn);
  if (service?.status !== 'ACTIVE') return [];
  const situation: ScalingSituation = {
    now: ctx.now,
    capacity: service.desiredCount,
    target,
    deploymentInProgress: deploymentsOf(ctx.state, service.serviceArn).some(
      (deployment) => deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS',
    ),
    timing: timingOf(demoTimingOf(ctx.state)),
  };
  const decisions = policiesOf(ctx.state, target.resourceId).flatMap(
    (policy): { decision: Decision; tracking: boolean }[] => {
      if (policy.targetTracking) {
        const values = windows.get(seriesKey(target.resourceId, policy.targetTracking.metric));
        return values
          ? [
              {
                decision: decideTargetTracking(policy, policy.targetTracking, values, situation),
                tracking: true,
              },
            ]
          : [];
      }
      const alarm = policy.stepScaling?.alarm;
      const values = alarm && windows.get(seriesKey(target.resourceId, alarm.metric));
      return policy.stepScaling && values
        ? [{ decision: decideStep(policy, policy.stepScaling, values, situation), tracking: false }]
        : [];
    },
  );
  const decision = combine(decisions);
  if (decision?.kind !== 'scale') return [];
  const next: ScalableTargetRecord =
    decision.direction === 'out'
      ? {
          ...target,
          // A scale-out within its cooldown keeps the cooldown's start and base capacity.
          lastScaleOut:
            target.lastScaleOut && decision.duringCooldown
              ? target.lastScaleOut
              : { at: ctx.now, from: service.desiredCount },
          // A scale-out ends a scale-in cooldown.
          lastScaleInAt: undefined,
        }
      : { ...target, lastScaleInAt: ctx.now };
  const activity = newActivity(
    ctx,
    target.resourceId,
    decision.desiredCount,
    activityTexts.alarmCause(decision.alarmName, decision.policyName),
  );
  return [
    ...setDesiredCount(ctx, service, decision.desiredCount),
    scalableTargets.put(withoutUndefined(next)),
    recordActivity(ctx, activity, activitiesOf(ctx.state, target.resourceId)),
  ];
}

function withoutUndefined(target: ScalableTargetRecord): ScalableTargetRecord {
  const copy = { ...target };
  if (copy.lastScaleInAt === undefined) delete copy.lastScaleInAt;
  return copy;
}
