/**
 * The ECS service scheduler as pure functions: request readers for the service operations,
 * the REPLICA and DAEMON decisions for one service at one moment, rolling deployments with
 * their circuit breaker and back-off, service events as ECS words them, and the deployment
 * history API's shapes. Time is an injected epoch-millisecond `now`; randomness is injected.
 */
export type * from './types';
export {
  circuitBreakerThreshold,
  defaultDeploymentConfiguration,
  maximumTasks,
  minimumHealthyTasks,
  readDeploymentConfiguration,
  type NormalisedDeploymentConfiguration,
  type SchedulingStrategy,
} from './deployment-config';
export {
  newDeploymentId,
  newServiceDeploymentArn,
  newServiceRevisionArn,
  serviceArn,
  serviceNameOf,
} from './names';
export {
  checkNotDuplicate,
  daemonMessages,
  maxTasksPerService,
  readCreateService,
  type CreateServiceRequestRecord,
} from './read-create';
export { checkNetworkConfiguration } from './read-members';
export {
  checkDeletable,
  checkServiceActive,
  listServicesDefaultPageSize,
  maxDescribedServices,
  readDeleteService,
  readDescribeServices,
  readListServices,
  readServiceRef,
  readUpdateService,
  serviceNotFound,
  startsNewDeployment,
  type DeployedShape,
  type ServiceUpdate,
  type UpdatableService,
} from './read-other';
export { isHealthy, isLive, isOccupying, countByZone, isZoneBalanced } from './task-state';
export {
  chooseFargateZones,
  decideReplica,
  type ReplicaDecision,
  type ReplicaInput,
  type StopCause,
} from './replica';
export { decideDaemon, type DaemonDecision, type DaemonInput } from './daemon';
export {
  advanceDeployments,
  completedReason,
  inProgressReason,
  lastCompletedDeployment,
  startDeployment,
  toDeployment,
  toDeployments,
  type DeploymentIds,
  type DeploymentSpec,
} from './rollout';
export {
  applyCircuitBreaker,
  failedReason,
  rollbackReason,
  type CircuitBreakerInput,
  type CircuitBreakerOutcome,
} from './circuit-breaker';
export {
  defaultBackoffPolicy,
  noBackoff,
  updateBackoff,
  type BackoffPolicy,
  type BackoffState,
} from './backoff';
export * as serviceEventMessages from './event-messages';
export {
  addEvents,
  isSteady,
  maxServiceEvents,
  steadyStateMessages,
  toServiceEvents,
  type ServiceEventRecord,
} from './events';
export {
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
  serviceDeploymentStatus,
  stoppedByNewerReason,
  toServiceDeployment,
  type ServiceDeploymentFilter,
  type ServiceHistory,
} from './history';
export {
  listServiceDeploymentsDefaultPageSize,
  maxDescribedArns,
  readDescribeServiceDeployments,
  readDescribeServiceRevisions,
  readListServiceDeployments,
  serviceDeploymentStatuses,
} from './read-history';
export {
  repeatQuietPeriodMs,
  scalingReason,
  tickService,
  type SchedulerStop,
  type ServiceTickInput,
  type ServiceTickOutcome,
} from './tick';
