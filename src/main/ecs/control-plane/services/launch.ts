/**
 * Starting a service's tasks once the scheduler has decided how many (REPLICA) or where
 * (DAEMON): placement with the service's strategy and constraints, then tasks built as RunTask
 * builds them, in the group `service:<name>` and started by the deployment.
 */
import type { PlacementConstraint, Tag } from '@aws-sdk/client-ecs';
import type { PlaneContext } from '../core/context';
import type { ClusterRecord, TaskDefinitionRecord, TaskRecord } from '../core/state';
import type { AddressBook } from '../core/usage-index';
import { placeTasks, type PlacementInstance } from '../placement';
import { buildTask, type TaskLaunch } from '../tasks/build';
import { taskRequirements } from '../tasks/overrides';
import { pickSubnet, siteOnInstance } from '../tasks/run';
import { unableToPlaceFrom } from './event-messages';
import { serviceGroup, type ServiceRecord } from './records';
import type { ServiceDeploymentRecord } from './types';

export interface ServiceLaunch {
  launch: TaskLaunch;
  constraints: PlacementConstraint[];
}

/** What a task of the deployment is started with. */
export function serviceLaunch(
  service: ServiceRecord,
  cluster: ClusterRecord,
  definition: TaskDefinitionRecord,
  deployment: ServiceDeploymentRecord,
): ServiceLaunch {
  const subnets = deployment.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
  return {
    launch: {
      cluster,
      definition,
      launchType: service.launchType,
      overrides: {},
      requirements: taskRequirements(definition, undefined),
      group: serviceGroup(service.serviceName),
      startedBy: deployment.id,
      tags: propagatedTags(service, cluster, definition),
      subnets: [...subnets],
      serviceName: service.serviceName,
    },
    constraints: [
      ...(definition.placementConstraints ?? []).map((constraint): PlacementConstraint => ({
        type: 'memberOf',
        expression: constraint.expression,
      })),
      ...service.placementConstraints,
    ],
  };
}

function propagatedTags(
  service: ServiceRecord,
  cluster: ClusterRecord,
  definition: TaskDefinitionRecord,
): Tag[] {
  const managed: Tag[] = service.enableECSManagedTags
    ? [
        { key: 'aws:ecs:clusterName', value: cluster.clusterName },
        { key: 'aws:ecs:serviceName', value: service.serviceName },
      ]
    : [];
  const propagated =
    service.propagateTags === 'SERVICE'
      ? service.tags
      : service.propagateTags === 'TASK_DEFINITION'
        ? definition.tags
        : [];
  return [...managed, ...structuredClone(propagated)];
}

export interface Started {
  tasks: TaskRecord[];
  /** The "unable to place" message when some could not be placed. */
  unplaced?: string;
}

/** REPLICA: `count` tasks placed over `instances` (EC2) or the subnets' zones (Fargate). */
export function startReplicas(
  ctx: PlaneContext,
  service: ServiceRecord,
  { launch, constraints }: ServiceLaunch,
  instances: readonly PlacementInstance[],
  count: number,
  addresses: AddressBook,
  addedInCluster: readonly TaskRecord[],
): Started {
  const tasks: TaskRecord[] = [];
  if (count === 0) return { tasks };
  if (launch.launchType === 'FARGATE') {
    for (let index = 0; index < count; index++) {
      const site = pickSubnet(ctx, launch, [...addedInCluster, ...tasks]);
      tasks.push(buildTask(ctx, launch, site, addresses));
    }
    return { tasks };
  }
  const placed = placeTasks(
    instances,
    {
      ...launch.requirements,
      group: launch.group,
      taskDefinitionFamily: launch.definition.family,
      constraints,
      strategy: service.effectivePlacementStrategy,
      count,
    },
    ctx.random,
  );
  for (const arn of placed.placements) {
    tasks.push(buildTask(ctx, launch, siteOnInstance(ctx.state, arn, launch), addresses));
  }
  const unplaced = unableToPlaceFrom(service.serviceName, placed);
  return unplaced === undefined ? { tasks } : { tasks, unplaced };
}

/** DAEMON: one task on each instance the scheduler named. */
export function startDaemons(
  ctx: PlaneContext,
  { launch }: ServiceLaunch,
  instanceArns: readonly string[],
  addresses: AddressBook,
): Started {
  return {
    tasks: instanceArns.map((arn) =>
      buildTask(ctx, launch, siteOnInstance(ctx.state, arn, launch), addresses),
    ),
  };
}
