/** DescribeScalingActivities, and the app's timing setting (not an AWS operation). */
import type { DescribeScalingActivitiesResponse } from '@aws-sdk/client-application-auto-scaling';
import { compact, type Outcome, type PlaneContext } from '../core/context';
import { Params } from '../core/params';
import { writeOperation } from '../core/resource-module';
import { toScalingActivity } from './activities';
import { page, parseResourceId, readDimension, readNamespace, reading } from './read';
import { autoScalingSettings, demoTimingOf, scalingActivities } from './records';

export function describeScalingActivities(
  ctx: PlaneContext,
  input: unknown,
): DescribeScalingActivitiesResponse {
  return reading(() => {
    const params = Params.of(input);
    readNamespace(params);
    readDimension(params, false);
    const resourceId = params.string('ResourceId');
    if (resourceId !== undefined) parseResourceId(resourceId);
    // Accepted; Stowage records only the activities that scaled.
    params.boolean('IncludeNotScaledActivities');
    const all = scalingActivities
      .all(ctx.state)
      .filter((record) => resourceId === undefined || record.resourceId === resourceId)
      .flatMap((record) => record.activities)
      .sort((a, b) => b.startTime - a.startTime);
    const { page: items, nextToken } = page(params, all);
    return compact({ ScalingActivities: items.map(toScalingActivity), NextToken: nextToken });
  });
}

export interface AutoScalingSettingsView {
  demoTiming: boolean;
}

function setAutoScalingSettings(
  ctx: PlaneContext,
  input: unknown,
): Outcome<AutoScalingSettingsView> {
  const demoTiming = Params.of(input).boolean('demoTiming') ?? demoTimingOf(ctx.state);
  return {
    result: { demoTiming },
    changes: [autoScalingSettings.put({ key: 'settings', demoTiming })],
  };
}

/**
 * The timing setting, kept in the control plane's state so it survives a restart. Not an
 * operation of the API (the endpoint does not serve it): the app runs it through `invoke`.
 */
export const setAutoScalingSettingsOperation = writeOperation<AutoScalingSettingsView>()(
  'SetAutoScalingSettings',
  setAutoScalingSettings,
  { demoTiming: 'bool' },
);
