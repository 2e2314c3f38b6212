/**
 * The DAEMON scheduler's decision: one task on every ACTIVE container instance that meets the
 * service's placement constraints, following instances as they register, drain, deregister
 * or stop meeting the constraints. A new deployment replaces the task on each instance,
 * stopping the old one first (maximumPercent is 100) as far as minimumHealthyPercent of the
 * eligible instances allows.
 */
import type { Random } from '../core/ids';
import {
  placeTasks,
  type PlacementInstance,
  type PlacementRequest,
  type Shortfall,
} from '../placement';
import { minimumHealthyTasks } from './deployment-config';
import type { StopCause } from './replica';
import { isHealthy, isLive, isOccupying, isUnhealthy } from './task-state';
import type { ServiceTask } from './types';

export interface DaemonInput {
  primaryDeploymentId: string;
  /** The service's tasks that are not yet STOPPED. */
  tasks: readonly ServiceTask[];
  /** The cluster's container instances (any status). */
  instances: readonly PlacementInstance[];
  /** What one task needs: resources, ports, group and the service's constraints. */
  request: Omit<PlacementRequest, 'count' | 'strategy'>;
  minimumHealthyPercent: number;
  healthCheckGracePeriodSeconds?: number;
  now: number;
  startsNotBefore?: number;
  random: Random;
}

export interface DaemonDecision {
  /** The instances to start one PRIMARY task on, each. */
  startOn: string[];
  stop: { taskArn: string; cause: StopCause }[];
  /** The eligible instances: the service's desired count. */
  desiredCount: number;
  /** Eligible instances without a task that cannot take one now, with what they lack. */
  unplaceable: { containerInstanceArn: string; shortfall: Shortfall }[];
  desiredCountByDeployment: Map<string, number>;
}

export function decideDaemon(input: DaemonInput): DaemonDecision {
  const eligible = input.instances.filter((instance) => meetsConstraints(instance, input));
  const eligibleArns = new Set(eligible.map((instance) => instance.arn));
  const tasks = input.tasks.filter(isOccupying);
  const stop: DaemonDecision['stop'] = [];
  const stopping = new Set<string>();
  const stopTask = (task: ServiceTask, cause: StopCause) => {
    stop.push({ taskArn: task.taskArn, cause });
    stopping.add(task.taskArn);
  };

  for (const task of tasks) {
    if (isUnhealthy(task, input.healthCheckGracePeriodSeconds, input.now)) {
      stopTask(task, 'unhealthy');
    } else if (isLive(task) && !eligibleArns.has(task.containerInstanceArn ?? '')) {
      stopTask(task, 'scheduler');
    }
  }

  const byInstance = new Map<string, ServiceTask[]>();
  for (const task of tasks) {
    if (stopping.has(task.taskArn) || task.containerInstanceArn === undefined) continue;
    byInstance.set(task.containerInstanceArn, [
      ...(byInstance.get(task.containerInstanceArn) ?? []),
      task,
    ]);
  }

  // A second task on an instance goes: an old one before a current one, a healthy one last.
  const rank = (task: ServiceTask) =>
    (task.deploymentId === input.primaryDeploymentId ? 2 : 0) + (isHealthy(task) ? 1 : 0);
  for (const [arn, onInstance] of byInstance) {
    const live = onInstance.filter(isLive).sort((a, b) => rank(a) - rank(b));
    for (const task of live.slice(0, live.length - 1)) stopTask(task, 'scheduler');
    byInstance.set(
      arn,
      onInstance.filter((task) => !stopping.has(task.taskArn)),
    );
  }

  let stopBudget =
    tasks.filter((task) => isHealthy(task) && !stopping.has(task.taskArn)).length -
    minimumHealthyTasks(eligible.length, input.minimumHealthyPercent);
  const old = [...byInstance.values()]
    .flat()
    .filter((task) => isLive(task) && task.deploymentId !== input.primaryDeploymentId)
    .sort((a, b) => Number(isHealthy(a)) - Number(isHealthy(b)));
  for (const task of old) {
    if (isHealthy(task)) {
      if (stopBudget <= 0) break;
      stopBudget--;
    }
    stopTask(task, 'scheduler');
  }

  const mayStart = input.startsNotBefore === undefined || input.now >= input.startsNotBefore;
  const startOn: string[] = [];
  const unplaceable: DaemonDecision['unplaceable'] = [];
  for (const instance of eligible) {
    if ((byInstance.get(instance.arn) ?? []).length > 0 || !mayStart) continue;
    const placed = placeTasks(
      [instance],
      { ...input.request, strategy: [], count: 1 },
      input.random,
    );
    if (placed.placements.length === 1) startOn.push(instance.arn);
    else if (placed.closest) {
      unplaceable.push({ containerInstanceArn: instance.arn, shortfall: placed.closest.shortfall });
    }
  }

  const desiredCountByDeployment = new Map([[input.primaryDeploymentId, eligible.length]]);
  for (const task of tasks.filter(isLive)) {
    if (task.deploymentId === input.primaryDeploymentId) continue;
    const count = desiredCountByDeployment.get(task.deploymentId) ?? 0;
    desiredCountByDeployment.set(task.deploymentId, count + (stopping.has(task.taskArn) ? 0 : 1));
  }
  return { startOn, stop, desiredCount: eligible.length, unplaceable, desiredCountByDeployment };
}

/**
 * ACTIVE and meeting the constraints, whatever its free resources, its agent or the tasks
 * already on it (the service's own task must not count against `distinctInstance`).
 */
function meetsConstraints(instance: PlacementInstance, input: DaemonInput): boolean {
  if (instance.status !== 'ACTIVE') return false;
  const unbounded: PlacementInstance = {
    ...instance,
    agentConnected: true,
    remaining: {
      cpu: Number.MAX_SAFE_INTEGER,
      memory: Number.MAX_SAFE_INTEGER,
      tcpPorts: [],
      udpPorts: [],
    },
    tasks: instance.tasks.filter((task) => task.group !== input.request.group),
  };
  delete unbounded.taskCountByGroup;
  const placed = placeTasks([unbounded], { ...input.request, strategy: [], count: 1 }, () => 0);
  return placed.placements.length === 1;
}
