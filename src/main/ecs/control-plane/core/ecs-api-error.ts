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
  'ConflictException',
  'ServiceDeploymentNotFoundException',
] as const;

export type EcsErrorType = (typeof ecsErrorTypes)[number];

/**
 * The error codes Elastic Load Balancing v2 answers with (the `<Code>` of an AWS Query error),
 * as its API model names them. The SDK turns `LoadBalancerNotFound` into
 * `LoadBalancerNotFoundException`.
 */
export const elbErrorCodes = [
  'ValidationError',
  'DuplicateLoadBalancerName',
  'DuplicateTargetGroupName',
  'DuplicateListener',
  'LoadBalancerNotFound',
  'TargetGroupNotFound',
  'ListenerNotFound',
  'RuleNotFound',
  'InvalidTarget',
  'InvalidConfigurationRequest',
  'InvalidLoadBalancerAction',
  'ResourceInUse',
  'OperationNotPermitted',
  'IncompatibleProtocols',
  'UnsupportedProtocol',
  'TargetGroupAssociationLimit',
  'TooManyLoadBalancers',
  'TooManyTargetGroups',
  'TooManyListeners',
  'TooManyTargets',
  'TooManyRegistrationsForTargetId',
  'HealthUnavailable',
  'TooManyTags',
  'DuplicateTagKeys',
  'InternalFailure',
] as const;

export type ElbErrorCode = (typeof elbErrorCodes)[number];

/** The exception types Application Auto Scaling answers with (`__type`, JSON 1.1). */
export const autoScalingErrorTypes = [
  'ValidationException',
  'ObjectNotFoundException',
  'ConcurrentUpdateException',
  'FailedResourceAccessException',
  'InvalidNextTokenException',
  'LimitExceededException',
  'InternalServiceException',
] as const;

export type AutoScalingErrorType = (typeof autoScalingErrorTypes)[number];

/** Any error type one of the APIs the control plane serves answers with. */
export type ApiErrorType = EcsErrorType | ElbErrorCode | AutoScalingErrorType;

/**
 * An error the control plane answers with, worded as the API that raises it words it (ECS,
 * ELBv2 or Application Auto Scaling: each endpoint service sends only its own types).
 */
export class EcsApiError extends Error {
  constructor(
    readonly type: ApiErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
