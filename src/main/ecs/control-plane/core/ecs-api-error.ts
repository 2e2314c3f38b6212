/**
 * The exception types the ECS API answers with (the `__type` of an error body), as the API
 * model names them. `ServerException` is the only one sent with HTTP 500.
 */
export const ecsErrorTypes = [
  'ClientException',
  'InvalidParameterException',
  'ServerException',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'ClusterContainsServicesException',
  'ClusterContainsContainerInstancesException',
  'ClusterContainsTasksException',
  'TargetNotFoundException',
  'AttributeLimitExceededException',
  'LimitExceededException',
  'ResourceNotFoundException',
  'UnsupportedFeatureException',
] as const;

export type EcsErrorType = (typeof ecsErrorTypes)[number];

/** An error the control plane answers with, worded as ECS words it. */
export class EcsApiError extends Error {
  constructor(
    readonly type: EcsErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
