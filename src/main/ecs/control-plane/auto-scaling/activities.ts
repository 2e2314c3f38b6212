/** Scaling activities as Application Auto Scaling words them, and how they are kept. */
import type { ScalingActivity } from '@aws-sdk/client-application-auto-scaling';
import { compact, toDate, type PlaneContext } from '../core/context';
import { randomUuid } from '../core/ids';
import type { EcsChange } from '../core/state';
import {
  activitiesOf,
  maxActivitiesKept,
  scalableDimension,
  scalingActivities,
  serviceNamespace,
  type ScalingActivityRecord,
} from './records';

export const activityTexts = {
  description: (count: number) => `Setting desired count to ${count}.`,
  success: (count: number) =>
    `Successfully set desired count to ${count}. Change successfully fulfilled by ecs.`,
  alarmCause: (alarmName: string, policyName: string) =>
    `monitor alarm ${alarmName} in state ALARM triggered policy ${policyName}`,
  minimumCause: (min: number) => `minimum capacity was set to ${min}`,
  maximumCause: (max: number) => `maximum capacity was set to ${max}`,
};

export function newActivity(
  ctx: PlaneContext,
  resourceId: string,
  desiredCount: number,
  cause: string,
): ScalingActivityRecord {
  return {
    activityId: randomUuid(ctx.random),
    resourceId,
    description: activityTexts.description(desiredCount),
    cause,
    startTime: ctx.now,
    statusCode: 'InProgress',
    desiredCount,
  };
}

/** Activities still InProgress made Successful: the desired count they set was taken. */
export function completed(
  activities: readonly ScalingActivityRecord[],
  now: number,
): ScalingActivityRecord[] {
  return activities.map((activity) =>
    activity.statusCode === 'InProgress'
      ? {
          ...activity,
          statusCode: 'Successful',
          endTime: now,
          statusMessage: activityTexts.success(activity.desiredCount),
        }
      : activity,
  );
}

/** The change that records `activity` as the newest of its target's. */
export function recordActivity(
  ctx: PlaneContext,
  activity: ScalingActivityRecord,
  earlier = activitiesOf(ctx.state, activity.resourceId),
): EcsChange {
  return scalingActivities.put({
    resourceId: activity.resourceId,
    activities: [activity, ...earlier].slice(0, maxActivitiesKept),
  });
}

export function toScalingActivity(activity: ScalingActivityRecord): ScalingActivity {
  return compact({
    ActivityId: activity.activityId,
    ServiceNamespace: serviceNamespace,
    ResourceId: activity.resourceId,
    ScalableDimension: scalableDimension,
    Description: activity.description,
    Cause: activity.cause,
    StartTime: toDate(activity.startTime),
    EndTime: toDate(activity.endTime),
    StatusCode: activity.statusCode,
    StatusMessage: activity.statusMessage,
  });
}
