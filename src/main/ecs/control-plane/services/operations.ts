/** CreateService, UpdateService, DeleteService, DescribeServices and ListServices. */
import type {
  CreateServiceResponse,
  DeleteServiceResponse,
  DescribeServicesResponse,
  Failure,
  ListServicesResponse,
  UpdateServiceResponse,
} from '@aws-sdk/client-ecs';
import { checkLoadBalancers } from './load-balancing';
import { checkStrategyLoadBalancers } from './strategy-load-balancers';
import { activeCluster, findCluster } from '../clusters/operations';
import type { Outcome, PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { paginate } from '../core/pagination';
import type { ClusterRecord, EcsChange, TaskDefinitionRecord } from '../core/state';
import { usableTaskDefinition } from '../task-definitions/operations';
import { checkNetworkConfiguration } from './read-members';
import { checkNotDuplicate, readCreateService } from './read-create';
import {
  checkDeletable,
  readDeleteService,
  readDescribeServices,
  readListServices,
  readServiceRef,
  readUpdateService,
  serviceNotFound,
  startsNewDeployment,
} from './read-other';
import {
  newDeploymentId,
  newServiceDeploymentArn,
  newServiceRevisionArn,
  serviceArn,
} from './names';
import {
  deploymentsOf,
  serviceDeployments,
  serviceEvents,
  services,
  tasksOfService,
  toServiceTask,
  type ServiceRecord,
} from './records';
import { startDeployment, type DeploymentIds, type DeploymentSpec } from './rollout';
import { noBackoff } from './backoff';
import { toService } from './view';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/** The service `ref` names in the cluster, in whatever status. */
export function findService(
  ctx: PlaneContext,
  cluster: ClusterRecord,
  name: string,
): ServiceRecord | undefined {
  return services.get(ctx.state, serviceArn(ctx.settings, cluster.clusterName, name));
}

function existingService(ctx: PlaneContext, input: unknown) {
  const ref = readServiceRef(input);
  const cluster = activeCluster(ctx, ref.cluster);
  const service = findService(ctx, cluster, ref.service);
  if (!service) throw serviceNotFound();
  return { cluster, service };
}

function definitionFor(
  ctx: PlaneContext,
  ref: string,
  launchType: 'EC2' | 'FARGATE',
  network: ServiceRecord['networkConfiguration'],
): TaskDefinitionRecord {
  const definition = usableTaskDefinition(ctx.state, ref);
  if (launchType === 'FARGATE' && !definition.compatibilities?.includes('FARGATE')) {
    throw invalid('Task definition does not support launch_type FARGATE.');
  }
  checkNetworkConfiguration(definition.networkMode, network);
  return definition;
}

function freshIds(ctx: PlaneContext, cluster: ClusterRecord, name: string): DeploymentIds {
  return {
    id: newDeploymentId(ctx.random),
    serviceDeploymentArn: newServiceDeploymentArn(
      ctx.settings,
      cluster.clusterName,
      name,
      ctx.random,
    ),
    serviceRevisionArn: newServiceRevisionArn(ctx.settings, cluster.clusterName, name, ctx.random),
  };
}

function specOf(service: ServiceRecord, taskDefinition: string): DeploymentSpec {
  return {
    taskDefinition,
    launchType: service.launchType,
    ...(service.platformVersion !== undefined && { platformVersion: service.platformVersion }),
    ...(service.networkConfiguration !== undefined && {
      networkConfiguration: service.networkConfiguration,
    }),
    loadBalancers: service.loadBalancers,
    deploymentConfiguration: service.deploymentConfiguration,
  };
}

export function createService(ctx: PlaneContext, input: unknown): Outcome<CreateServiceResponse> {
  const request = readCreateService(input);
  const cluster = activeCluster(ctx, request.cluster);
  const existing = findService(ctx, cluster, request.serviceName);
  checkNotDuplicate(existing?.status);
  const definition = definitionFor(
    ctx,
    request.taskDefinition,
    request.launchType,
    request.networkConfiguration,
  );
  checkLoadBalancers(ctx.state, request.loadBalancers, definition);
  checkStrategyLoadBalancers(ctx.state, request.deploymentConfiguration, request.loadBalancers);
  const arn = serviceArn(ctx.settings, cluster.clusterName, request.serviceName);
  const service: ServiceRecord = {
    serviceArn: arn,
    serviceName: request.serviceName,
    clusterArn: cluster.clusterArn,
    status: 'ACTIVE',
    desiredCount: request.desiredCount,
    launchType: request.launchType,
    ...(request.platformVersion !== undefined && { platformVersion: request.platformVersion }),
    schedulingStrategy: request.schedulingStrategy,
    deploymentConfiguration: request.deploymentConfiguration,
    placementConstraints: request.placementConstraints,
    placementStrategy: request.placementStrategy,
    effectivePlacementStrategy: request.effectivePlacementStrategy,
    ...(request.networkConfiguration !== undefined && {
      networkConfiguration: request.networkConfiguration,
    }),
    loadBalancers: request.loadBalancers,
    ...(request.healthCheckGracePeriodSeconds !== undefined && {
      healthCheckGracePeriodSeconds: request.healthCheckGracePeriodSeconds,
    }),
    availabilityZoneRebalancing: request.availabilityZoneRebalancing,
    tags: request.tags,
    enableECSManagedTags: request.enableECSManagedTags,
    enableExecuteCommand: request.enableExecuteCommand,
    propagateTags: request.propagateTags,
    createdAt: ctx.now,
    backoff: noBackoff,
    stopsSeenUntil: ctx.now,
  };
  const records = startDeployment(
    [],
    specOf(service, definition.taskDefinitionArn),
    freshIds(ctx, cluster, request.serviceName),
    request.desiredCount,
    [],
    ctx.now,
  );
  const changes: EcsChange[] = [
    services.put(service),
    serviceDeployments.put({ serviceArn: arn, records }),
    serviceEvents.put({ serviceArn: arn, events: [] }),
  ];
  const state = { ...ctx.state, collections: withRecords(ctx, changes) };
  return { result: { service: toService(state, service, []) }, changes };
}

/** The collections as they will be once `changes` (puts of the service's records) are made. */
function withRecords(ctx: PlaneContext, changes: readonly EcsChange[]) {
  const collections: Record<string, Record<string, unknown>> = { ...ctx.state.collections };
  for (const change of changes) {
    if (change.kind !== 'record.put') continue;
    collections[change.collection] = {
      ...collections[change.collection],
      [change.key]: change.record,
    };
  }
  return collections;
}

export function updateService(ctx: PlaneContext, input: unknown): Outcome<UpdateServiceResponse> {
  const { cluster, service } = existingService(ctx, input);
  const update = readUpdateService(input, service);
  const records = deploymentsOf(ctx.state, service.serviceArn);
  const primary = records.find((record) => record.status === 'PRIMARY');
  if (!primary) throw serviceNotFound();
  const next: ServiceRecord = {
    ...service,
    ...(update.desiredCount !== undefined && { desiredCount: update.desiredCount }),
    ...(update.deploymentConfiguration && {
      deploymentConfiguration: update.deploymentConfiguration,
    }),
    ...(update.networkConfiguration && { networkConfiguration: update.networkConfiguration }),
    ...(update.placementConstraints && { placementConstraints: update.placementConstraints }),
    ...(update.placementStrategy && { placementStrategy: update.placementStrategy }),
    ...(update.effectivePlacementStrategy && {
      effectivePlacementStrategy: update.effectivePlacementStrategy,
    }),
    ...(update.platformVersion !== undefined && { platformVersion: update.platformVersion }),
    ...(update.loadBalancers && { loadBalancers: update.loadBalancers }),
    ...(update.healthCheckGracePeriodSeconds !== undefined && {
      healthCheckGracePeriodSeconds: update.healthCheckGracePeriodSeconds,
    }),
    ...(update.availabilityZoneRebalancing && {
      availabilityZoneRebalancing: update.availabilityZoneRebalancing,
    }),
    ...(update.enableExecuteCommand !== undefined && {
      enableExecuteCommand: update.enableExecuteCommand,
    }),
    ...(update.enableECSManagedTags !== undefined && {
      enableECSManagedTags: update.enableECSManagedTags,
    }),
    ...(update.propagateTags && { propagateTags: update.propagateTags }),
    backoff: noBackoff,
  };
  const taskDefinition =
    update.taskDefinition === undefined
      ? primary.taskDefinition
      : definitionFor(ctx, update.taskDefinition, service.launchType, next.networkConfiguration)
          .taskDefinitionArn;
  if (update.taskDefinition === undefined && update.networkConfiguration) {
    const current = ctx.state.taskDefinitions[taskDefinition];
    checkNetworkConfiguration(current?.networkMode, next.networkConfiguration);
  }
  if (update.taskDefinition !== undefined || update.loadBalancers) {
    const definition = ctx.state.taskDefinitions[taskDefinition];
    if (definition) {
      checkLoadBalancers(ctx.state, next.loadBalancers, definition);
    }
  }
  if (update.deploymentConfiguration || update.loadBalancers) {
    checkStrategyLoadBalancers(ctx.state, next.deploymentConfiguration, next.loadBalancers);
  }
  const spec = specOf(next, taskDefinition);
  let nextRecords = records;
  if (startsNewDeployment(primary, spec, update.forceNewDeployment)) {
    const tasks = tasksOfService(ctx.state, service).map((task) => toServiceTask(ctx.state, task));
    nextRecords = startDeployment(
      records,
      spec,
      freshIds(ctx, cluster, service.serviceName),
      next.desiredCount,
      tasks,
      ctx.now,
    );
  } else if (next.desiredCount !== primary.desiredCount && next.schedulingStrategy === 'REPLICA') {
    nextRecords = records.map((record) =>
      record === primary
        ? { ...record, desiredCount: next.desiredCount, updatedAt: ctx.now }
        : record,
    );
  }
  const changes: EcsChange[] = [services.put(next)];
  if (nextRecords !== records) {
    changes.push(serviceDeployments.put({ serviceArn: service.serviceArn, records: nextRecords }));
  }
  const state = { ...ctx.state, collections: withRecords(ctx, changes) };
  return {
    result: { service: toService(state, next, tasksOfService(ctx.state, service)) },
    changes,
  };
}

export function deleteService(ctx: PlaneContext, input: unknown): Outcome<DeleteServiceResponse> {
  const request = readDeleteService(input);
  const { service } = existingService(ctx, input);
  checkDeletable(service, request.force);
  const next: ServiceRecord = { ...service, status: 'DRAINING', desiredCount: 0 };
  return {
    result: { service: toService(ctx.state, next, tasksOfService(ctx.state, service)) },
    changes: [services.put(next)],
  };
}

export function describeServices(ctx: PlaneContext, input: unknown): DescribeServicesResponse {
  const request = readDescribeServices(input);
  const cluster = findCluster(ctx, request.cluster);
  if (!cluster) throw new EcsApiError('ClusterNotFoundException', 'Cluster not found.');
  const described: DescribeServicesResponse['services'] = [];
  const failures: Failure[] = [];
  for (const name of request.services) {
    const service = findService(ctx, cluster, name);
    if (service) {
      described.push(
        toService(ctx.state, service, tasksOfService(ctx.state, service), request.includeTags),
      );
    } else {
      failures.push({
        arn: serviceArn(ctx.settings, cluster.clusterName, name),
        reason: 'MISSING',
      });
    }
  }
  return { services: described, failures };
}

export function listServices(ctx: PlaneContext, input: unknown): ListServicesResponse {
  const request = readListServices(input);
  const cluster = findCluster(ctx, request.cluster);
  if (!cluster) throw new EcsApiError('ClusterNotFoundException', 'Cluster not found.');
  const arns = services
    .all(ctx.state)
    .filter(
      (service) =>
        service.clusterArn === cluster.clusterArn &&
        service.status !== 'INACTIVE' &&
        (request.launchType === undefined || service.launchType === request.launchType) &&
        (request.schedulingStrategy === undefined ||
          service.schedulingStrategy === request.schedulingStrategy),
    )
    .map((service) => service.serviceArn);
  const { page, nextToken } = paginate(arns, request.nextToken, request.maxResults);
  return { serviceArns: page, ...(nextToken !== undefined && { nextToken }) };
}
