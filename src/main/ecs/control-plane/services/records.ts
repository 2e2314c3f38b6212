/**
 * How the control plane keeps services: the service's configuration, its deployments and its
 * events, each in a collection of its own keyed by the service's ARN (a pass that only adds an
 * event does not rewrite the configuration), and how a service's tasks are found.
 */
import type {
  LoadBalancer,
  NetworkConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  PropagateTags,
  Tag,
} from '@aws-sdk/client-ecs';
import { defineCollection } from '../core/collections';
import type { EcsState, TaskRecord } from '../core/state';
import { failedHealthChecksReason } from '../tasks/health';
import type { BackoffState } from './backoff';
import { isFailedElbHealthChecks } from './event-messages';
import type { NormalisedDeploymentConfiguration, SchedulingStrategy } from './deployment-config';
import type { ServiceEventRecord } from './events';
import type { ListenerForwardSet } from './strategy-load-balancers';
import type { ServiceDeploymentRecord, ServiceTask, TaskStopNotice } from './types';

export interface ServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  /** For DAEMON, the eligible instances as the scheduler last counted them. */
  desiredCount: number;
  launchType: 'EC2' | 'FARGATE';
  platformVersion?: string;
  schedulingStrategy: SchedulingStrategy;
  deploymentConfiguration: NormalisedDeploymentConfiguration;
  placementConstraints: PlacementConstraint[];
  placementStrategy: PlacementStrategy[];
  /** What placement uses: the service default filled in. */
  effectivePlacementStrategy: PlacementStrategy[];
  networkConfiguration?: NetworkConfiguration;
  loadBalancers: LoadBalancer[];
  healthCheckGracePeriodSeconds?: number;
  availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  tags: Tag[];
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  propagateTags: PropagateTags;
  createdAt: number;
  backoff: BackoffState;
  /** Tasks that stopped at or before this time have been told to the scheduler. */
  stopsSeenUntil: number;
  /**
   * The forward actions its deployment strategy last set on its production and test
   * listeners: a listener is set again only when the strategy wants something else.
   */
  listenerForwardsSet?: ListenerForwardSet[];
  /** When it became INACTIVE: it stays describable for a while, then is forgotten. */
  inactiveAt?: number;
}

/** How long an INACTIVE service stays describable. */
export const inactiveServiceRetentionMs = 60 * 60 * 1_000;

export interface ServiceDeploymentsRecord {
  serviceArn: string;
  records: ServiceDeploymentRecord[];
}

export interface ServiceEventsRecord {
  serviceArn: string;
  events: ServiceEventRecord[];
}

export const services = defineCollection<ServiceRecord>('services', (s) => s.serviceArn);
export const serviceDeployments = defineCollection<ServiceDeploymentsRecord>(
  'serviceDeployments',
  (d) => d.serviceArn,
);
export const serviceEvents = defineCollection<ServiceEventsRecord>(
  'serviceEvents',
  (e) => e.serviceArn,
);

export const deploymentsOf = (state: EcsState, serviceArn: string) =>
  serviceDeployments.get(state, serviceArn)?.records ?? [];

export const eventsOf = (state: EcsState, serviceArn: string) =>
  serviceEvents.get(state, serviceArn)?.events ?? [];

/** The group a service's tasks are started in. */
export const serviceGroup = (serviceName: string) => `service:${serviceName}`;

/**
 * Every task of every service, by `clusterArn` and service name: one pass over the tasks per
 * state. A state takes a new identity with every batch of changes, so what is kept for one is
 * never stale for it; describing every service of a page costs one pass, not one per service.
 */
export function tasksByService(state: EcsState): ReadonlyMap<string, readonly TaskRecord[]> {
  const kept = byServiceOf.get(state);
  if (kept) return kept;
  const byService = new Map<string, TaskRecord[]>();
  for (const task of Object.values(state.tasks)) {
    if (task.serviceName === undefined) continue;
    const key = serviceKey(task.clusterArn, task.serviceName);
    const list = byService.get(key);
    if (list) list.push(task);
    else byService.set(key, [task]);
  }
  byServiceOf.set(state, byService);
  return byService;
}

const byServiceOf = new WeakMap<EcsState, ReadonlyMap<string, readonly TaskRecord[]>>();

export const serviceKey = (clusterArn: string, serviceName: string) =>
  `${clusterArn}\n${serviceName}`;

/** The tasks of one service, stopped ones included. */
export function tasksOfService(state: EcsState, service: ServiceRecord): readonly TaskRecord[] {
  return tasksByService(state).get(serviceKey(service.clusterArn, service.serviceName)) ?? [];
}

/** A task as the scheduler sees it. */
export function toServiceTask(state: EcsState, task: TaskRecord): ServiceTask {
  return {
    taskArn: task.taskArn,
    deploymentId: task.startedBy ?? '',
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    ...(task.containerInstanceArn !== undefined && {
      containerInstanceArn: task.containerInstanceArn,
    }),
    ...(task.availabilityZone !== undefined &&
      task.availabilityZone !== '' && { availabilityZone: task.availabilityZone }),
    ...(task.healthStatus !== undefined && { healthStatus: task.healthStatus }),
    healthChecked: hasHealthCheck(state, task),
    ...(task.startedAt !== undefined && { startedAt: task.startedAt }),
    cpu: task.cpuUnits,
    memory: task.memoryMiB,
  };
}

function hasHealthCheck(state: EcsState, task: TaskRecord): boolean {
  const definition = state.taskDefinitions[task.taskDefinitionArn];
  return (definition?.containerDefinitions ?? []).some(
    (container) => (container.essential ?? true) && container.healthCheck !== undefined,
  );
}

/** A task that stopped, as the circuit breaker and the back-off are told of it. */
export function toStopNotice(task: TaskRecord): TaskStopNotice {
  return {
    taskArn: task.taskArn,
    deploymentId: task.startedBy ?? '',
    reachedRunning: task.startedAt !== undefined,
    failedHealthChecks:
      task.stoppedReason === failedHealthChecksReason ||
      task.healthStatus === 'UNHEALTHY' ||
      isFailedElbHealthChecks(task.stoppedReason),
    stoppedAt: task.stoppedAt ?? 0,
  };
}
