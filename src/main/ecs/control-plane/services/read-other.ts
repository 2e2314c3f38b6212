/**
 * UpdateService, DeleteService, DescribeServices and ListServices requests read and checked,
 * and the checks they make against the service they name.
 */
import type {
  LoadBalancer,
  NetworkConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  PropagateTags,
} from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import { Params } from '../core/params';
import { serviceDefaultStrategy } from '../placement';
import {
  readDeploymentConfiguration,
  type NormalisedDeploymentConfiguration,
  type SchedulingStrategy,
} from './deployment-config';
import { checkCapacityProviders, readDesiredCount, readPlacement } from './read-create';
import { readLoadBalancers, readNetworkConfiguration } from './read-members';
import { serviceNameOf } from './names';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/** What UpdateService reads of the service it changes. */
export interface UpdatableService {
  status: string;
  schedulingStrategy: SchedulingStrategy;
  launchType: 'EC2' | 'FARGATE';
  deploymentConfiguration: NormalisedDeploymentConfiguration;
}

/** The members an UpdateService sets; absent ones stay as they are. */
export interface ServiceUpdate {
  cluster?: string;
  service: string;
  desiredCount?: number;
  /** As the request names it: the caller resolves it. */
  taskDefinition?: string;
  deploymentConfiguration?: NormalisedDeploymentConfiguration;
  networkConfiguration?: NetworkConfiguration;
  placementConstraints?: PlacementConstraint[];
  placementStrategy?: PlacementStrategy[];
  /** Set with `placementStrategy`: what placement uses from now on. */
  effectivePlacementStrategy?: PlacementStrategy[];
  platformVersion?: string;
  loadBalancers?: LoadBalancer[];
  healthCheckGracePeriodSeconds?: number;
  availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
  enableExecuteCommand?: boolean;
  enableECSManagedTags?: boolean;
  propagateTags?: PropagateTags;
  forceNewDeployment: boolean;
}

/** The service an update, delete or describe names, from its `service` member. */
export function readServiceRef(input: unknown): { cluster?: string; service: string } {
  const params = Params.of(input);
  const service = serviceNameOf(params.requiredRef('service'));
  const cluster = params.string('cluster');
  return cluster === undefined ? { service } : { cluster, service };
}

/** ServiceNotActiveException unless the service is ACTIVE. */
export function checkServiceActive(status: string): void {
  if (status !== 'ACTIVE') {
    throw new EcsApiError('ServiceNotActiveException', 'Service was not ACTIVE.');
  }
}

export function serviceNotFound(): EcsApiError {
  return new EcsApiError('ServiceNotFoundException', 'Service not found.');
}

/** Reads an UpdateService request against the service it names (after `readServiceRef`). */
export function readUpdateService(input: unknown, current: UpdatableService): ServiceUpdate {
  checkServiceActive(current.status);
  const params = Params.of(input);
  const strategy = current.schedulingStrategy;
  const update: ServiceUpdate = {
    ...readServiceRef(input),
    forceNewDeployment: params.boolean('forceNewDeployment') ?? false,
  };
  if (params.has('desiredCount')) update.desiredCount = readDesiredCount(params, strategy);
  const taskDefinition = params.string('taskDefinition');
  if (taskDefinition !== undefined) {
    if (taskDefinition.trim() === '') throw invalid('taskDefinition can not be blank.');
    update.taskDefinition = taskDefinition;
  }
  checkCapacityProviders(params, strategy);
  if (params.has('placementConstraints') || params.has('placementStrategy')) {
    const placement = readPlacement(params, strategy, current.launchType);
    if (params.has('placementConstraints')) update.placementConstraints = placement.constraints;
    if (params.has('placementStrategy')) {
      update.placementStrategy = placement.strategy;
      update.effectivePlacementStrategy =
        placement.strategy.length === 0 && current.launchType === 'EC2'
          ? structuredClone([...serviceDefaultStrategy])
          : placement.strategy;
    }
  }
  if (params.has('deploymentConfiguration')) {
    update.deploymentConfiguration = readDeploymentConfiguration(
      params.object('deploymentConfiguration'),
      current.deploymentConfiguration,
      strategy,
    );
  }
  const network = readNetworkConfiguration(params, current.launchType);
  if (network !== undefined) update.networkConfiguration = network;
  const platformVersion = params.string('platformVersion');
  if (platformVersion !== undefined) {
    if (current.launchType === 'EC2') {
      throw invalid('The platform version must be null when specifying an EC2 launch type.');
    }
    update.platformVersion = platformVersion;
  }
  if (params.has('loadBalancers')) update.loadBalancers = readLoadBalancers(params);
  const grace = params.integer('healthCheckGracePeriodSeconds', { min: 0, max: 2147483647 });
  if (grace !== undefined) update.healthCheckGracePeriodSeconds = grace;
  const rebalancing = params.oneOf('availabilityZoneRebalancing', ['ENABLED', 'DISABLED']);
  if (rebalancing !== undefined) update.availabilityZoneRebalancing = rebalancing;
  const execute = params.boolean('enableExecuteCommand');
  if (execute !== undefined) update.enableExecuteCommand = execute;
  const managedTags = params.boolean('enableECSManagedTags');
  if (managedTags !== undefined) update.enableECSManagedTags = managedTags;
  const propagate = params.oneOf('propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE']);
  if (propagate !== undefined) update.propagateTags = propagate;
  return update;
}

/** What a deployment runs; a change to any of it starts a new deployment. */
export interface DeployedShape {
  taskDefinition: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers?: LoadBalancer[];
  platformVersion?: string;
}

/**
 * Whether an update starts a new deployment: a new task definition, network or load-balancer
 * change, a new platform version, or `forceNewDeployment` (placement changes apply to the
 * tasks started from then on). `next.taskDefinition` must be resolved to an ARN.
 */
export function startsNewDeployment(
  running: DeployedShape,
  next: DeployedShape,
  forceNewDeployment: boolean,
): boolean {
  return (
    forceNewDeployment ||
    running.taskDefinition !== next.taskDefinition ||
    JSON.stringify(running.networkConfiguration ?? null) !==
      JSON.stringify(next.networkConfiguration ?? null) ||
    JSON.stringify(running.loadBalancers ?? []) !== JSON.stringify(next.loadBalancers ?? []) ||
    (running.platformVersion ?? null) !== (next.platformVersion ?? null)
  );
}

export function readDeleteService(input: unknown): {
  cluster?: string;
  service: string;
  force: boolean;
} {
  return { ...readServiceRef(input), force: Params.of(input).boolean('force') ?? false };
}

/**
 * A REPLICA service must be scaled to 0 before DeleteService unless `force`; a DAEMON one
 * needs no scaling. Deleting moves it to DRAINING (its tasks stop), then INACTIVE.
 */
export function checkDeletable(
  service: { status: string; schedulingStrategy: SchedulingStrategy; desiredCount: number },
  force: boolean,
): void {
  checkServiceActive(service.status);
  if (!force && service.schedulingStrategy === 'REPLICA' && service.desiredCount > 0) {
    throw invalid('The service cannot be stopped while it is scaled above 0.');
  }
}

/** At most 10 services per DescribeServices. */
export const maxDescribedServices = 10;

export function readDescribeServices(input: unknown): {
  cluster?: string;
  services: string[];
  includeTags: boolean;
} {
  const params = Params.of(input);
  const refs = params.requiredStringList('services');
  if (refs.length < 1 || refs.length > maxDescribedServices) {
    throw invalid(`services can have at least 1 and at most ${maxDescribedServices} items.`);
  }
  const include = params.stringList('include') ?? [];
  for (const field of include) {
    if (field !== 'TAGS') throw invalid('include must be one of TAGS.');
  }
  const cluster = params.string('cluster');
  return {
    ...(cluster !== undefined && { cluster }),
    services: refs.map(serviceNameOf),
    includeTags: include.includes('TAGS'),
  };
}

/** ListServices gives 10 services a page unless asked for more (API reference). */
export const listServicesDefaultPageSize = 10;

export function readListServices(input: unknown): {
  cluster?: string;
  nextToken?: string;
  maxResults: number;
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL' | 'MANAGED_INSTANCES';
  schedulingStrategy?: SchedulingStrategy;
} {
  const params = Params.of(input);
  const cluster = params.string('cluster');
  const nextToken = params.string('nextToken');
  const launchType = params.oneOf('launchType', [
    'EC2',
    'FARGATE',
    'EXTERNAL',
    'MANAGED_INSTANCES',
  ]);
  const schedulingStrategy = params.oneOf('schedulingStrategy', ['REPLICA', 'DAEMON']);
  return {
    ...(cluster !== undefined && { cluster }),
    ...(nextToken !== undefined && { nextToken }),
    maxResults: params.maxResults() ?? listServicesDefaultPageSize,
    ...(launchType !== undefined && { launchType }),
    ...(schedulingStrategy !== undefined && { schedulingStrategy }),
  };
}
