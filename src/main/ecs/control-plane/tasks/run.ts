import type {
  Failure,
  PlacementConstraint,
  PlacementStrategy,
  RunTaskResponse,
  StartTaskResponse,
} from '@aws-sdk/client-ecs';
import { activeCluster } from '../clusters';
import type { Outcome, PlaneContext } from '../context';
import { EcsApiError } from '../errors';
import { findInstance } from '../instances';
import { attributeValue, toPlacementInstance } from '../instance-usage';
import { Params } from '../params';
import { placeTasks, validatePlacement } from '../placement';
import {
  applyEcsChangeInPlace,
  applyEcsChanges,
  draftEcsState,
  type EcsChange,
  type EcsState,
  type TaskRecord,
} from '../state';
import { parseTags } from '../tag-values';
import { usableTaskDefinition } from '../task-definitions/operations';
import { buildTask, privateIpsInUse, zoneOfSubnet, type TaskLaunch, type TaskSite } from './build';
import { parseOverrides, taskRequirements } from './overrides';
import { toTask } from './views';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

function readLaunch(ctx: PlaneContext, params: Params, launchType: 'EC2' | 'FARGATE'): TaskLaunch {
  const cluster = activeCluster(ctx, params.string('cluster'));
  const definition = usableTaskDefinition(ctx.state, params.requiredRef('taskDefinition'));
  if (launchType === 'FARGATE' && !definition.compatibilities?.includes('FARGATE')) {
    throw invalid('Task definition does not support launch_type FARGATE.');
  }
  const startedBy = params.string('startedBy');
  if (startedBy !== undefined && startedBy.length > 128) {
    throw invalid('startedBy must be at most 128 characters.');
  }
  const group = params.string('group') ?? `family:${definition.family}`;
  if (group.length > 255) throw invalid('group must be at most 255 characters.');
  const network = params.object('networkConfiguration')?.object('awsvpcConfiguration');
  const awsvpc = definition.networkMode === 'awsvpc';
  if (awsvpc && !network) {
    throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  if (!awsvpc && network) {
    throw invalid(
      'Network Configuration is not valid for the given networkMode of this task definition.',
    );
  }
  const subnets = network?.requiredStringList('subnets') ?? [];
  if (network && subnets.length === 0) throw invalid('subnets can not be empty.');
  if (subnets.length > 16) throw invalid('subnets can have at most 16 items.');
  network?.stringList('securityGroups');
  network?.oneOf('assignPublicIp', ['ENABLED', 'DISABLED']);
  return {
    cluster,
    definition,
    launchType,
    overrides: parseOverrides(params.object('overrides'), definition),
    group,
    startedBy,
    tags: parseTags(params.objectList('tags')),
    subnets,
  };
}

function readConstraints(params: Params): PlacementConstraint[] {
  return (params.objectList('placementConstraints') ?? []).map((item) => {
    const type = item.string('type') as PlacementConstraint['type'];
    const expression = item.string('expression');
    return expression === undefined ? { type } : { type, expression };
  });
}

function readStrategy(params: Params): PlacementStrategy[] {
  return (params.objectList('placementStrategy') ?? []).map((item) => {
    const type = item.string('type') as PlacementStrategy['type'];
    const field = item.string('field');
    return field === undefined ? { type } : { type, field };
  });
}

/** Live tasks of the group per zone, so Fargate tasks spread over the subnets' zones. */
function pickSubnet(ctx: PlaneContext, state: EcsState, launch: TaskLaunch): TaskSite {
  const live = Object.values(state.tasks).filter(
    (task) =>
      task.clusterArn === launch.cluster.clusterArn &&
      task.group === launch.group &&
      task.lastStatus !== 'STOPPED',
  );
  const inZone = (zone: string) => live.filter((task) => task.availabilityZone === zone).length;
  const ranked = launch.subnets
    .map((subnet, index) => ({ subnet, index, zone: zoneOfSubnet(ctx.settings.region, subnet) }))
    .sort((a, b) => inZone(a.zone) - inZone(b.zone) || a.index - b.index);
  const chosen = ranked[0] as { subnet: string; zone: string };
  return { subnet: chosen.subnet, availabilityZone: chosen.zone };
}

function siteOnInstance(state: EcsState, instanceArn: string, launch: TaskLaunch): TaskSite {
  const instance = state.containerInstances[instanceArn];
  const zone = instance ? attributeValue(instance, 'ecs.availability-zone') : undefined;
  return {
    containerInstanceArn: instanceArn,
    availabilityZone: zone ?? '',
    ...(launch.subnets[0] ? { subnet: launch.subnets[0] } : {}),
  };
}

/** Adds tasks one at a time, so each sees the addresses and zones of the ones before. */
function addTasks(ctx: PlaneContext, launch: TaskLaunch, sites: ((state: EcsState) => TaskSite)[]) {
  const state = draftEcsState(ctx.state);
  const tasks: TaskRecord[] = [];
  const ips = privateIpsInUse(Object.values(state.tasks));
  for (const site of sites) {
    const task = buildTask(ctx, launch, site(state), ips);
    tasks.push(task);
    applyEcsChangeInPlace(state, { kind: 'task.put', task });
  }
  return {
    tasks,
    changes: tasks.map((task): EcsChange => ({ kind: 'task.put', task })),
  };
}

export function runTask(ctx: PlaneContext, input: unknown): Outcome<RunTaskResponse> {
  const params = Params.of(input);
  const launchType = params.oneOf('launchType', ['EC2', 'FARGATE', 'EXTERNAL']) ?? 'EC2';
  if (launchType === 'EXTERNAL') {
    throw invalid('The EXTERNAL launch type is not supported by this cluster.');
  }
  const count = params.integer('count', { min: 1, max: 10 }) ?? 1;
  const launch = readLaunch(ctx, params, launchType);
  const constraints = readConstraints(params);
  const strategy = readStrategy(params);
  if (launchType === 'FARGATE') {
    if (constraints.length > 0 || strategy.length > 0) {
      throw invalid(
        'Task placement constraints and strategies are not supported for the FARGATE launch type.',
      );
    }
    const { tasks, changes } = addTasks(
      ctx,
      launch,
      Array.from({ length: count }, () => (state: EcsState) => pickSubnet(ctx, state, launch)),
    );
    return { result: { tasks: tasks.map((task) => toTask(task)), failures: [] }, changes };
  }
  validatePlacement(constraints, strategy);
  const definitionConstraints = (launch.definition.placementConstraints ?? []).map(
    (constraint): PlacementConstraint => ({ type: 'memberOf', expression: constraint.expression }),
  );
  const instances = Object.values(ctx.state.containerInstances)
    .filter((i) => i.clusterArn === launch.cluster.clusterArn && i.status !== 'INACTIVE')
    .map((i) => toPlacementInstance(ctx.state, i));
  const requirements = taskRequirements(launch.definition, launch.overrides);
  const placed = placeTasks(
    instances,
    {
      ...requirements,
      group: launch.group,
      taskDefinitionFamily: launch.definition.family,
      constraints: [...definitionConstraints, ...constraints],
      strategy,
      count,
    },
    ctx.random,
  );
  if (placed.noActiveInstances) throw invalid('No Container Instances were found in your cluster.');
  const { tasks, changes } = addTasks(
    ctx,
    launch,
    placed.placements.map((arn) => (state: EcsState) => siteOnInstance(state, arn, launch)),
  );
  return {
    result: { tasks: tasks.map((task) => toTask(task)), failures: placed.failures },
    changes,
  };
}

export function startTask(ctx: PlaneContext, input: unknown): Outcome<StartTaskResponse> {
  const params = Params.of(input);
  const launch = readLaunch(ctx, params, 'EC2');
  const refs = params.requiredStringList('containerInstances');
  if (refs.length < 1 || refs.length > 10) {
    throw invalid('containerInstances must contain between 1 and 10 items.');
  }
  const requirements = taskRequirements(launch.definition, launch.overrides);
  let state = ctx.state;
  const tasks: TaskRecord[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const instance = findInstance({ ...ctx, state }, launch.cluster, ref);
    if (!instance || instance.status === 'INACTIVE') {
      failures.push({ arn: ref, reason: 'MISSING' });
      continue;
    }
    const placed = placeTasks(
      [toPlacementInstance(state, instance)],
      {
        ...requirements,
        group: launch.group,
        taskDefinitionFamily: launch.definition.family,
        constraints: [],
        strategy: [],
        count: 1,
      },
      ctx.random,
    );
    if (placed.placements.length === 0) {
      failures.push(
        placed.failures[0] ?? { arn: instance.containerInstanceArn, reason: 'INACTIVE' },
      );
      continue;
    }
    const added = addTasks({ ...ctx, state }, launch, [
      (current) => siteOnInstance(current, instance.containerInstanceArn, launch),
    ]);
    tasks.push(...added.tasks);
    state = applyEcsChanges(state, added.changes);
  }
  return {
    result: { tasks: tasks.map((task) => toTask(task)), failures },
    changes: tasks.map((task): EcsChange => ({ kind: 'task.put', task })),
  };
}
