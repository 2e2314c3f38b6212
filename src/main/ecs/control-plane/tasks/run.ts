import type {
  Failure,
  PlacementConstraint,
  PlacementStrategy,
  RunTaskResponse,
  StartTaskResponse,
} from '@aws-sdk/client-ecs';
import { activeCluster } from '../clusters/operations';
import type { Outcome, PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { findInstance } from '../instances/operations';
import { attributeValue } from '../instances/instance-usage';
import { maxTasksPerRunTask } from '../core/limits';
import { Params } from '../core/params';
import { placeTasks, validatePlacement, type PlacementInstance } from '../placement';
import type { EcsChange, EcsState, TaskRecord } from '../core/state';
import { parseTags } from '../tags/tag-values';
import { usableTaskDefinition } from '../task-definitions/operations';
import { usageIndexOf } from '../core/usage-index';
import { buildTask, zoneOfSubnet, type TaskLaunch, type TaskSite } from './build';
import { checkOverridesLength, parseOverrides, taskRequirements } from './overrides';
import { freshTask } from './describe-list-stop';

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
  checkOverridesLength(params.value('overrides'));
  const overrides = parseOverrides(params.object('overrides'), definition);
  return {
    cluster,
    definition,
    launchType,
    overrides,
    requirements: taskRequirements(definition, overrides),
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

/** Where a task goes, given the tasks the call has added before it. */
type SitePicker = (added: readonly TaskRecord[]) => TaskSite;

/** The subnet whose zone has the fewest live tasks of the group, so Fargate tasks spread. */
export function pickSubnet(ctx: PlaneContext, launch: TaskLaunch, added: readonly TaskRecord[]) {
  const usage = usageIndexOf(ctx.state);
  const inZone = (zone: string) =>
    usage.tasksInZone(launch.cluster.clusterArn, launch.group, zone) +
    added.filter((task) => task.availabilityZone === zone).length;
  const ranked = launch.subnets
    .map((subnet, index) => ({ subnet, index, zone: zoneOfSubnet(ctx.settings.region, subnet) }))
    .sort((a, b) => inZone(a.zone) - inZone(b.zone) || a.index - b.index);
  const chosen = ranked[0] as { subnet: string; zone: string };
  return { subnet: chosen.subnet, availabilityZone: chosen.zone };
}

export function siteOnInstance(state: EcsState, instanceArn: string, launch: TaskLaunch): TaskSite {
  const instance = state.containerInstances[instanceArn];
  const zone = instance ? attributeValue(instance, 'ecs.availability-zone') : undefined;
  return {
    containerInstanceArn: instanceArn,
    availabilityZone: zone ?? '',
    ...(launch.subnets[0] ? { subnet: launch.subnets[0] } : {}),
  };
}

/** Adds tasks one at a time, so each sees the addresses and zones of the ones before. */
function addTasks(ctx: PlaneContext, launch: TaskLaunch, sites: readonly SitePicker[]) {
  const tasks: TaskRecord[] = [];
  const ips = usageIndexOf(ctx.state).addressBook();
  for (const site of sites) tasks.push(buildTask(ctx, launch, site(tasks), ips));
  return {
    tasks,
    changes: tasks.map((task): EcsChange => ({ kind: 'task.put', task })),
  };
}

/** The instance as placement sees it once `added` (this call's tasks) are on it too. */
export function withAddedTasks(
  placement: PlacementInstance,
  added: readonly TaskRecord[],
): PlacementInstance {
  const mine = added.filter((task) => task.containerInstanceArn === placement.arn);
  if (mine.length === 0) return placement;
  const { remaining } = placement;
  const ports = (protocol: 'tcp' | 'udp', held: readonly number[]) =>
    [
      ...new Set([
        ...held,
        ...mine.flatMap((task) =>
          task.reservedPorts.filter((p) => p.protocol === protocol).map((p) => p.port),
        ),
      ]),
    ].sort((a, b) => a - b);
  return {
    ...placement,
    remaining: {
      cpu: remaining.cpu - mine.reduce((sum, task) => sum + task.cpuUnits, 0),
      memory: remaining.memory - mine.reduce((sum, task) => sum + task.memoryMiB, 0),
      tcpPorts: ports('tcp', remaining.tcpPorts),
      udpPorts: ports('udp', remaining.udpPorts),
    },
    tasks: [
      ...placement.tasks,
      ...mine.map((task) => ({ group: task.group ?? '', taskDefinitionFamily: task.family })),
    ],
    taskCountByGroup: undefined,
  };
}

export function runTask(ctx: PlaneContext, input: unknown): Outcome<RunTaskResponse> {
  const params = Params.of(input);
  const launchType = params.oneOf('launchType', ['EC2', 'FARGATE', 'EXTERNAL']) ?? 'EC2';
  if (launchType === 'EXTERNAL') {
    throw invalid('The EXTERNAL launch type is not supported by this cluster.');
  }
  const count = params.integer('count', { min: 1, max: maxTasksPerRunTask }) ?? 1;
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
      Array.from({ length: count }, () => (added) => pickSubnet(ctx, launch, added)),
    );
    return { result: { tasks: tasks.map(freshTask), failures: [] }, changes };
  }
  validatePlacement(constraints, strategy);
  const definitionConstraints = (launch.definition.placementConstraints ?? []).map(
    (constraint): PlacementConstraint => ({ type: 'memberOf', expression: constraint.expression }),
  );
  const instances = usageIndexOf(ctx.state).placementInstancesOf(launch.cluster.clusterArn);
  const { requirements } = launch;
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
    placed.placements.map((arn) => () => siteOnInstance(ctx.state, arn, launch)),
  );
  return {
    result: { tasks: tasks.map(freshTask), failures: placed.failures },
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
  const { requirements } = launch;
  const usage = usageIndexOf(ctx.state);
  const ips = usage.addressBook();
  const tasks: TaskRecord[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const instance = findInstance(ctx, launch.cluster, ref);
    if (!instance || instance.status === 'INACTIVE') {
      failures.push({ arn: ref, reason: 'MISSING' });
      continue;
    }
    const placed = placeTasks(
      [withAddedTasks(usage.placementInstance(instance), tasks)],
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
    const site = siteOnInstance(ctx.state, instance.containerInstanceArn, launch);
    tasks.push(buildTask(ctx, launch, site, ips));
  }
  return {
    result: { tasks: tasks.map(freshTask), failures },
    changes: tasks.map((task): EcsChange => ({ kind: 'task.put', task })),
  };
}
