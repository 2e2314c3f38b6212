/**
 * The REPLICA scheduler's decision for one service at one moment: how many tasks the PRIMARY
 * deployment starts and which tasks stop, within the deployment configuration's limits.
 * Where started tasks go is placement's business (the service's strategy spreads them over
 * zones); which tasks a scale-in stops follows the same strategy (`chooseTasksToStop`).
 *
 * One rule serves steady state, replacement, scaling and rolling deployments alike:
 * - tasks still holding resources (running, pending or stopping) never exceed
 *   floor(desired × maximumPercent / 100);
 * - healthy tasks never drop below ceil(desired × minimumHealthyPercent / 100) by a stop of
 *   the scheduler's own (tasks that are not healthy may always go);
 * - the PRIMARY deployment is brought to the desired count, the others to none.
 */
import type { PlacementStrategy } from '@aws-sdk/client-ecs';
import type { Random } from '../core/ids';
import { chooseTasksToStop, type PlacementInstance, type StoppableTask } from '../placement';
import { maximumTasks, minimumHealthyTasks } from './deployment-config';
import {
  countByZone,
  isHealthy,
  isLive,
  isOccupying,
  isUnhealthy,
  isZoneBalanced,
  zoneAttribute,
} from './task-state';
import type { SchedulerService, ServiceTask } from './types';

export interface ReplicaInput {
  service: SchedulerService;
  /** The PRIMARY deployment's id; tasks of any other deployment are drained. */
  primaryDeploymentId: string;
  /** The service's tasks that are not yet STOPPED (stopped ones are ignored). */
  tasks: readonly ServiceTask[];
  /** EC2: the cluster's instances, for the zone and resources of each task's instance. */
  instances: readonly PlacementInstance[];
  /**
   * The zones where a task can be started now: on EC2 those of the ACTIVE instances with a
   * connected agent, on Fargate those of the service's subnets. Used to rebalance.
   */
  availableZones: readonly string[];
  /** The service's placement strategy as placement uses it (its default filled in). */
  placementStrategy: readonly PlacementStrategy[];
  now: number;
  /** While `now` is before this, no task is started (the service backs off). */
  startsNotBefore?: number;
  random: Random;
  /**
   * Deployments whose tasks are left as they are and count toward no limit: blue while a
   * traffic-shifting deployment has not reached its clean-up.
   */
  heldDeploymentIds?: ReadonlySet<string>;
}

export type StopCause = 'scheduler' | 'unhealthy';

export interface ReplicaDecision {
  /** Tasks to start for the PRIMARY deployment (placement decides where). */
  startCount: number;
  /** The tasks to stop, in order, with why. */
  stop: { taskArn: string; cause: StopCause }[];
  /** Each deployment's count once this step is carried out (what DescribeServices shows). */
  desiredCountByDeployment: Map<string, number>;
  /** One extra task is started to move a task to an emptier zone. */
  rebalancing: boolean;
  /** Work remains that the percent limits allow none of. */
  blocked: boolean;
}

export function decideReplica(input: ReplicaInput): ReplicaDecision {
  const { service, primaryDeploymentId } = input;
  const desired = service.desiredCount;
  const held = input.heldDeploymentIds ?? new Set<string>();
  const tasks = input.tasks.filter((task) => isOccupying(task) && !held.has(task.deploymentId));
  const stop: ReplicaDecision['stop'] = [];
  const stopping = new Set<string>();
  const stopTask = (task: ServiceTask, cause: StopCause) => {
    stop.push({ taskArn: task.taskArn, cause });
    stopping.add(task.taskArn);
  };

  const grace = service.healthCheckGracePeriodSeconds;
  for (const task of tasks) {
    if (isUnhealthy(task, grace, input.now)) stopTask(task, 'unhealthy');
  }
  const live = tasks.filter((task) => isLive(task) && !stopping.has(task.taskArn));
  const primary = live.filter((task) => task.deploymentId === primaryDeploymentId);
  const old = live.filter((task) => task.deploymentId !== primaryDeploymentId);

  const room = maximumTasks(desired, service.maximumPercent) - tasks.length;
  let stopBudget =
    live.filter(isHealthy).length - minimumHealthyTasks(desired, service.minimumHealthyPercent);
  const mayStart = input.startsNotBefore === undefined || input.now >= input.startsNotBefore;

  // Old deployments drain: tasks not yet healthy go first and freely, healthy ones as the
  // minimum allows.
  for (const task of [...old.filter((t) => !isHealthy(t)), ...old.filter(isHealthy)]) {
    if (isHealthy(task)) {
      if (stopBudget <= 0) break;
      stopBudget--;
    }
    stopTask(task, 'scheduler');
  }

  // Scale-in of the primary: tasks not yet healthy first, then as the strategy chooses. A
  // task started to even out the zones is not yet healthy either: while the healthy ones are
  // out of balance it is let run, and the scale-in that follows stops one from the fullest zone.
  const surplus = primary.length - desired;
  if (surplus > 0) {
    const notHealthy = rebalancingInFlight(input, primary)
      ? []
      : primary.filter((task) => !isHealthy(task)).slice(0, surplus);
    for (const task of notHealthy) stopTask(task, 'scheduler');
    const healthyToStop = Math.min(surplus - notHealthy.length, Math.max(0, stopBudget));
    const healthy = primary.filter(isHealthy);
    for (const arn of chooseStops(input, healthy, healthyToStop)) {
      stopTask(
        healthy.find((task) => task.taskArn === arn)!,
        'scheduler',
      );
    }
  }

  let startCount = mayStart ? Math.max(0, Math.min(desired - primary.length, room)) : 0;
  const rebalancing =
    mayStart &&
    startCount === 0 &&
    room > 0 &&
    wantsRebalance(input, primary, old.length === 0 && surplus <= 0);
  if (rebalancing) startCount = 1;

  const desiredCountByDeployment = new Map<string, number>([[primaryDeploymentId, desired]]);
  const heldLive = input.tasks.filter((task) => held.has(task.deploymentId) && isLive(task));
  for (const task of [...old, ...heldLive]) {
    const count = desiredCountByDeployment.get(task.deploymentId) ?? 0;
    desiredCountByDeployment.set(task.deploymentId, count + (stopping.has(task.taskArn) ? 0 : 1));
  }

  const workLeft = primary.length < desired || old.length > 0 || surplus > 0;
  const inFlight = tasks.some((task) => !isHealthy(task));
  const blocked = workLeft && startCount === 0 && stop.length === 0 && !inFlight && mayStart;
  return { startCount, stop, desiredCountByDeployment, rebalancing, blocked };
}

/**
 * Availability Zone rebalancing: a steady service whose zones differ by more than one task
 * starts one more task (placement puts it in the emptiest zone); the scale-in that follows
 * stops one from the fullest.
 */
function wantsRebalance(
  input: ReplicaInput,
  primary: readonly ServiceTask[],
  steady: boolean,
): boolean {
  if (!steady || input.service.availabilityZoneRebalancing !== 'ENABLED') return false;
  if (primary.length !== input.service.desiredCount || !primary.every(isHealthy)) return false;
  return !isZoneBalanced(countByZone(primary, input.availableZones));
}

/** Tasks are starting while the healthy ones, no more than desired, are unevenly spread. */
function rebalancingInFlight(input: ReplicaInput, primary: readonly ServiceTask[]): boolean {
  if (input.service.availabilityZoneRebalancing !== 'ENABLED') return false;
  const healthy = primary.filter(isHealthy);
  return (
    healthy.length < primary.length &&
    healthy.length <= input.service.desiredCount &&
    !isZoneBalanced(countByZone(healthy, input.availableZones))
  );
}

/**
 * The healthy tasks a scale-in stops, chosen by the service's strategy. A Fargate task has no
 * instance: it stands on a stand-in instance for its zone, so spread over zones still holds.
 */
function chooseStops(input: ReplicaInput, tasks: readonly ServiceTask[], count: number): string[] {
  if (count <= 0) return [];
  const instances = [...input.instances];
  const known = new Set(instances.map((instance) => instance.arn));
  const stoppable: StoppableTask[] = tasks.map((task) => {
    let containerInstanceArn = task.containerInstanceArn;
    if (containerInstanceArn === undefined) {
      containerInstanceArn = `zone:${task.availabilityZone ?? ''}`;
      if (!known.has(containerInstanceArn)) {
        known.add(containerInstanceArn);
        instances.push(zoneStandIn(containerInstanceArn, task.availabilityZone ?? ''));
      }
    }
    return {
      taskArn: task.taskArn,
      containerInstanceArn,
      cpu: task.cpu ?? 0,
      memory: task.memory ?? 0,
    };
  });
  return chooseTasksToStop(instances, stoppable, count, input.placementStrategy, input.random);
}

function zoneStandIn(arn: string, zone: string): PlacementInstance {
  return {
    arn,
    ec2InstanceId: arn,
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: 0,
    attributes: { [zoneAttribute]: zone },
    remaining: { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [] },
    tasks: [],
  };
}

/**
 * Fargate: the zones `count` new tasks go to, each to the zone with the fewest of the
 * service's live tasks (ties drawn at random), so the service spreads over its subnets' zones.
 */
export function chooseFargateZones(
  zones: readonly string[],
  tasks: readonly ServiceTask[],
  count: number,
  random: Random,
): string[] {
  if (zones.length === 0) return [];
  const counts = countByZone(tasks.filter(isLive), zones);
  const chosen: string[] = [];
  for (let index = 0; index < count; index++) {
    const fewest = Math.min(...counts.values());
    const candidates = zones.filter((zone) => counts.get(zone) === fewest);
    const zone =
      candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))]!;
    chosen.push(zone);
    counts.set(zone, fewest + 1);
  }
  return chosen;
}
