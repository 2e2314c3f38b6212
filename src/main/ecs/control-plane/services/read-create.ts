/**
 * CreateService's request read, checked and completed with ECS's defaults. What needs the
 * state (the cluster, the task definition, an existing service of the same name) is left to
 * the caller: see `checkNotDuplicate` and `checkNetworkConfiguration`.
 */
import type {
  LaunchType,
  LoadBalancer,
  NetworkConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  PropagateTags,
  Tag,
} from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import { checkName, Params } from '../core/params';
import { serviceDefaultStrategy, validatePlacement } from '../placement';
import { parseTags } from '../tags/tag-values';
import {
  defaultDeploymentConfiguration,
  readDeploymentConfiguration,
  type NormalisedDeploymentConfiguration,
  type SchedulingStrategy,
} from './deployment-config';
import { readLoadBalancers, readNetworkConfiguration } from './read-members';

/** Tasks per service (Service Quotas: "Tasks per service"). */
export const maxTasksPerService = 5000;

export interface CreateServiceRequestRecord {
  /** The cluster as the request names it; undefined means the default cluster. */
  cluster?: string;
  serviceName: string;
  /** As the request names it: the caller resolves it to an ACTIVE revision's ARN. */
  taskDefinition: string;
  /** 0 for DAEMON: the scheduler sets it from the eligible instances. */
  desiredCount: number;
  launchType: Extract<LaunchType, 'EC2' | 'FARGATE'>;
  /** `LATEST` on Fargate unless given; absent on EC2. */
  platformVersion?: string;
  schedulingStrategy: SchedulingStrategy;
  deploymentConfiguration: NormalisedDeploymentConfiguration;
  deploymentController: { type: 'ECS' };
  placementConstraints: PlacementConstraint[];
  /** As the request gives it (what DescribeServices shows). */
  placementStrategy: PlacementStrategy[];
  /** What placement uses: the service default for a REPLICA on EC2 that names none. */
  effectivePlacementStrategy: PlacementStrategy[];
  networkConfiguration?: NetworkConfiguration;
  loadBalancers: LoadBalancer[];
  healthCheckGracePeriodSeconds?: number;
  availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  tags: Tag[];
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  propagateTags: PropagateTags;
  clientToken?: string;
}

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

export const daemonMessages = {
  desiredCount:
    'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
  placementStrategy:
    'The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again',
  capacityProvider:
    'Specifying a capacity provider strategy is not supported when you create a service using the DAEMON scheduling strategy.',
  fargate: 'The daemon scheduling strategy is not supported with the FARGATE launch type.',
};

export function readCreateService(input: unknown): CreateServiceRequestRecord {
  const params = Params.of(input);
  const serviceName = params.requiredString('serviceName');
  checkName(serviceName, 'Service');
  const schedulingStrategy = params.oneOf('schedulingStrategy', ['REPLICA', 'DAEMON']) ?? 'REPLICA';
  const launchType = readLaunchType(params);
  readDeploymentController(params);
  const taskDefinition = params.string('taskDefinition');
  if (taskDefinition === undefined || taskDefinition.trim() === '') {
    throw invalid(
      'A task definition must be specified for a service using the ECS deployment controller.',
    );
  }
  checkCapacityProviders(params, schedulingStrategy);
  const desiredCount = readDesiredCount(params, schedulingStrategy);
  const { constraints, strategy } = readPlacement(params, schedulingStrategy, launchType);
  const platformVersion = readPlatformVersion(params, launchType);
  const deploymentConfiguration = readDeploymentConfiguration(
    params.object('deploymentConfiguration'),
    defaultDeploymentConfiguration(schedulingStrategy),
    schedulingStrategy,
  );
  const record: CreateServiceRequestRecord = {
    serviceName,
    taskDefinition,
    desiredCount,
    launchType,
    schedulingStrategy,
    deploymentConfiguration,
    deploymentController: { type: 'ECS' },
    placementConstraints: constraints,
    placementStrategy: strategy,
    effectivePlacementStrategy:
      strategy.length === 0 && schedulingStrategy === 'REPLICA' && launchType === 'EC2'
        ? structuredClone([...serviceDefaultStrategy])
        : strategy,
    loadBalancers: readLoadBalancers(params),
    availabilityZoneRebalancing:
      params.oneOf('availabilityZoneRebalancing', ['ENABLED', 'DISABLED']) ??
      (schedulingStrategy === 'DAEMON' ? 'DISABLED' : 'ENABLED'),
    tags: parseTags(params.objectList('tags')),
    enableECSManagedTags: params.boolean('enableECSManagedTags') ?? false,
    enableExecuteCommand: params.boolean('enableExecuteCommand') ?? false,
    propagateTags: params.oneOf('propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE']) ?? 'NONE',
  };
  const cluster = params.string('cluster');
  if (cluster !== undefined) record.cluster = cluster;
  if (platformVersion !== undefined) record.platformVersion = platformVersion;
  const network = readNetworkConfiguration(params, launchType);
  if (network !== undefined) record.networkConfiguration = network;
  const grace = params.integer('healthCheckGracePeriodSeconds', { min: 0, max: 2147483647 });
  if (grace !== undefined) record.healthCheckGracePeriodSeconds = grace;
  const clientToken = params.string('clientToken');
  if (clientToken !== undefined) record.clientToken = clientToken;
  return record;
}

function readLaunchType(params: Params): 'EC2' | 'FARGATE' {
  const launchType = params.oneOf('launchType', [
    'EC2',
    'FARGATE',
    'EXTERNAL',
    'MANAGED_INSTANCES',
  ]);
  if (launchType === 'EXTERNAL' || launchType === 'MANAGED_INSTANCES') {
    throw new EcsApiError(
      'UnsupportedFeatureException',
      `The ${launchType} launch type is not supported.`,
    );
  }
  return launchType ?? 'EC2';
}

function readDeploymentController(params: Params): void {
  const type = params
    .object('deploymentController')
    ?.oneOf('type', ['ECS', 'CODE_DEPLOY', 'EXTERNAL']);
  if (type !== undefined && type !== 'ECS') {
    throw new EcsApiError(
      'UnsupportedFeatureException',
      `The ${type} deployment controller is not supported.`,
    );
  }
}

/** No capacity providers are associated with a simulated cluster. */
export function checkCapacityProviders(params: Params, strategy: SchedulingStrategy): void {
  if ((params.objectList('capacityProviderStrategy') ?? []).length === 0) return;
  if (params.has('launchType')) {
    throw invalid(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  if (strategy === 'DAEMON') throw invalid(daemonMessages.capacityProvider);
  throw invalid(
    'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
  );
}

export function readDesiredCount(params: Params, strategy: SchedulingStrategy): number {
  const count = params.integer('desiredCount');
  if (strategy === 'DAEMON') {
    if (count !== undefined) throw invalid(daemonMessages.desiredCount);
    return 0;
  }
  if (count !== undefined && (count < 0 || count > maxTasksPerService)) {
    throw invalid(`desiredCount must be between 0 and ${maxTasksPerService}.`);
  }
  return count ?? 0;
}

export function readPlacement(
  params: Params,
  strategy: SchedulingStrategy,
  launchType: 'EC2' | 'FARGATE',
): { constraints: PlacementConstraint[]; strategy: PlacementStrategy[] } {
  const constraints = (params.objectList('placementConstraints') ?? []).map((item) =>
    compactMembers<PlacementConstraint>(item, ['type', 'expression']),
  );
  const rules = (params.objectList('placementStrategy') ?? []).map((item) =>
    compactMembers<PlacementStrategy>(item, ['type', 'field']),
  );
  if (strategy === 'DAEMON' && rules.length > 0) throw invalid(daemonMessages.placementStrategy);
  if (launchType === 'FARGATE' && strategy === 'DAEMON') throw invalid(daemonMessages.fargate);
  if (launchType === 'FARGATE' && constraints.length > 0) {
    throw invalid('Placement constraints are not supported with FARGATE launch type.');
  }
  if (launchType === 'FARGATE' && rules.length > 0) {
    throw invalid('Placement strategies are not supported with FARGATE launch type.');
  }
  validatePlacement(constraints, rules);
  return { constraints, strategy: rules };
}

/** The string members of a placement item, each checked to be a string. */
function compactMembers<T>(item: Params, members: readonly string[]): T {
  const out: Record<string, string> = {};
  for (const member of members) {
    const value = item.string(member);
    if (value !== undefined) out[member] = value;
  }
  return out as T;
}

function readPlatformVersion(params: Params, launchType: 'EC2' | 'FARGATE'): string | undefined {
  const version = params.string('platformVersion');
  if (launchType === 'EC2') {
    if (version !== undefined) {
      throw invalid('The platform version must be null when specifying an EC2 launch type.');
    }
    return undefined;
  }
  return version ?? 'LATEST';
}

/**
 * A second CreateService with the name of an ACTIVE (or DRAINING) service of the cluster:
 * ECS answers the same unless the request is the same, and Stowage does not compare them.
 */
export function checkNotDuplicate(existingStatus: string | undefined): void {
  if (existingStatus === 'ACTIVE' || existingStatus === 'DRAINING') {
    throw invalid('Creation of service was not idempotent.');
  }
}
