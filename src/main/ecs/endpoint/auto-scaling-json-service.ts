import { EcsApiError, autoScalingErrorTypes } from '../control-plane/core/ecs-api-error';
import type { JsonService } from './ecs-json-service';
import { invokeOperation, isImplemented, type EcsControlPlaneApi } from './operations';

export const autoScalingTargetPrefix = 'AnyScaleFrontendService.';

/**
 * Every operation of the Application Auto Scaling API model (2016-02-06), as the SDK names
 * them, so a call of one Stowage does not serve is told so instead of being called unknown.
 */
export const autoScalingModelOperations: ReadonlySet<string> = new Set([
  'DeleteScalingPolicy',
  'DeleteScheduledAction',
  'DeregisterScalableTarget',
  'DescribeScalableTargets',
  'DescribeScalingActivities',
  'DescribeScalingPolicies',
  'DescribeScheduledActions',
  'GetPredictiveScalingForecast',
  'ListTagsForResource',
  'PutScalingPolicy',
  'PutScheduledAction',
  'RegisterScalableTarget',
  'TagResource',
  'UntagResource',
]);

const knownErrorTypes: ReadonlySet<string> = new Set(autoScalingErrorTypes);

/** Application Auto Scaling (JSON 1.1), served from the same registry as ECS. */
export const autoScalingJsonService: JsonService<EcsControlPlaneApi> = {
  targetPrefix: autoScalingTargetPrefix,
  title: 'Application Auto Scaling',
  modelOperations: autoScalingModelOperations,
  // Application Auto Scaling has no type for an unsupported call: it is an invalid request.
  unsupportedType: 'ValidationException',
  serverErrorType: 'InternalServiceException',
  isServed: (operation) => isImplemented(operation, 'applicationAutoScaling'),
  invoke: (plane, operation, input) =>
    invokeOperation(plane, operation as Parameters<typeof invokeOperation>[1], input),
  apiErrorOf: (error) => {
    if (!(error instanceof EcsApiError)) return undefined;
    // The control plane's own failure (a store that cannot write), in this API's word.
    if (error.type === 'ServerException') {
      return { type: 'InternalServiceException', message: error.message };
    }
    return knownErrorTypes.has(error.type) ? error : undefined;
  },
};
