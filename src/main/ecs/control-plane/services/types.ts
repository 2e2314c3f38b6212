/**
 * What the service scheduler needs to know of tasks, instances and deployments: small shapes
 * the control plane fills from its own records, so these functions plug into any store.
 * Times are epoch milliseconds.
 */
import type {
  DeploymentConfiguration,
  DeploymentRolloutState,
  LaunchType,
  LoadBalancer,
  NetworkConfiguration,
} from '@aws-sdk/client-ecs';
import type { TrafficShift } from './traffic-shift';

/** A task of the service as the scheduler sees it. */
export interface ServiceTask {
  taskArn: string;
  /** The deployment that started it (its `startedBy`, `ecs-svc/…`). */
  deploymentId: string;
  lastStatus: string;
  desiredStatus: 'RUNNING' | 'STOPPED';
  /** The container instance it runs on (EC2); absent on Fargate. */
  containerInstanceArn?: string;
  availabilityZone?: string;
  /** `HEALTHY`, `UNHEALTHY` or `UNKNOWN` (no health check, or not decided yet). */
  healthStatus?: string;
  /** True when an essential container has a health check: the task counts healthy only once it says HEALTHY. */
  healthChecked?: boolean;
  /** When it reached RUNNING: the health check grace period counts from here. */
  startedAt?: number;
  /** Reserved resources, for binpack scale-in. */
  cpu?: number;
  memory?: number;
}

/** A task that stopped since the scheduler last looked, for the circuit breaker and back-off. */
export interface TaskStopNotice {
  taskArn: string;
  deploymentId: string;
  /** True when the task reached RUNNING before it stopped. */
  reachedRunning: boolean;
  /** True when it was stopped because a container or its load balancer target failed health checks. */
  failedHealthChecks: boolean;
  stoppedAt: number;
}

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE' | 'INACTIVE';

/**
 * One deployment of a service (the `deployments` member of DescribeServices, and one service
 * deployment of the history API), as the control plane stores it.
 */
export interface ServiceDeploymentRecord {
  /** `ecs-svc/` + 19 digits. */
  id: string;
  status: DeploymentStatus;
  taskDefinition: string;
  /** The tasks this deployment should run now (the service's count for PRIMARY). */
  desiredCount: number;
  failedTasks: number;
  /** Set once a task of the deployment ran healthy: the circuit breaker stops counting. */
  circuitBreakerPassed?: boolean;
  createdAt: number;
  updatedAt: number;
  launchType: LaunchType;
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers?: LoadBalancer[];
  rolloutState: DeploymentRolloutState;
  rolloutStateReason: string;
  /** The service's deployment configuration when the deployment started. */
  deploymentConfiguration?: DeploymentConfiguration;
  /** The history API's names for this deployment and the revision it deploys. */
  serviceDeploymentArn: string;
  serviceRevisionArn: string;
  /** The revisions that were running when it started, with their task counts then. */
  sourceRevisions: { arn: string; requestedTaskCount: number; runningTaskCount: number }[];
  /** When the rollout ended (completed, failed, or replaced by a newer one). */
  finishedAt?: number;
  /** Set on the deployment a newer one replaced before it completed. */
  stoppedAt?: number;
  /** Set on a deployment started by the circuit breaker to undo `rollbackOf`. */
  rollbackOf?: string;
  /** Set on a failed deployment when the circuit breaker rolled it back. */
  rolledBackBy?: { deploymentId: string; startedAt: number; reason: string };
  /**
   * Its tasks register in the load balancers' alternate target groups (`advancedConfiguration`)
   * rather than their primary ones: the groups swap roles with each traffic-shifting deployment.
   */
  onAlternateGroups?: boolean;
  /** A BLUE_GREEN, LINEAR or CANARY deployment: where its traffic shift stands. */
  trafficShift?: TrafficShift;
  /** A rollback that took over the tasks of this deployment (blue, still running). */
  adopts?: string;
}

/** The parts of a service's configuration the scheduler reads. */
export interface SchedulerService {
  serviceName: string;
  desiredCount: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  launchType: LaunchType;
  minimumHealthyPercent: number;
  maximumPercent: number;
  availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  healthCheckGracePeriodSeconds?: number;
}
