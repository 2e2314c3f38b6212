/**
 * A service's deployments over time: a new PRIMARY deployment on create, on a new revision,
 * network or load-balancer change, or `forceNewDeployment` (the previous one becomes ACTIVE
 * and drains); COMPLETED once the PRIMARY runs its count healthy and nothing else runs; the
 * `deployments` view DescribeServices shows.
 */
import type {
  Deployment,
  DeploymentConfiguration,
  LaunchType,
  LoadBalancer,
  NetworkConfiguration,
} from '@aws-sdk/client-ecs';
import { isHealthy, isLive, isOccupying } from './task-state';
import { deploymentCompleted } from './event-messages';
import { isTrafficStrategy } from './strategy-config';
import { startTrafficShift, trafficPlan } from './traffic-shift';
import type { ServiceDeploymentRecord, ServiceTask } from './types';

/** What a new deployment runs. */
export interface DeploymentSpec {
  taskDefinition: string;
  launchType: LaunchType;
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers?: LoadBalancer[];
  deploymentConfiguration?: DeploymentConfiguration;
}

/** Fresh identifiers for a deployment (see `names.ts`), drawn by the caller. */
export interface DeploymentIds {
  id: string;
  serviceDeploymentArn: string;
  /** The revision's ARN: a new one, or the one a rollback returns to. */
  serviceRevisionArn: string;
}

export const inProgressReason = (id: string) => `ECS deployment ${id} in progress.`;
export const completedReason = (id: string) => `ECS deployment ${id} completed.`;

/**
 * Starts a deployment: it becomes PRIMARY, IN_PROGRESS; the PRIMARY before it becomes ACTIVE
 * (stopped, for the history, when it had not completed). A BLUE_GREEN, LINEAR or CANARY
 * deployment of a service behind load balancers (not its first) starts its traffic shift, in
 * the target groups production is not on. Returns every record, the new one first.
 */
export function startDeployment(
  records: readonly ServiceDeploymentRecord[],
  spec: DeploymentSpec,
  ids: DeploymentIds,
  desiredCount: number,
  tasks: readonly ServiceTask[],
  now: number,
): ServiceDeploymentRecord[] {
  const sources = records
    .filter((record) => record.status !== 'INACTIVE')
    .map((record) => ({
      arn: record.serviceRevisionArn,
      requestedTaskCount: record.desiredCount,
      runningTaskCount: tasks.filter(
        (task) => task.deploymentId === record.id && isLive(task) && task.lastStatus === 'RUNNING',
      ).length,
    }));
  const productionOnAlternate = trafficPlan(records)?.blueOnAlternate ?? false;
  const strategy = spec.deploymentConfiguration?.strategy;
  const shifts =
    isTrafficStrategy(strategy) &&
    records.length > 0 &&
    (spec.loadBalancers ?? []).some((entry) => entry.advancedConfiguration !== undefined);
  const onAlternateGroups = shifts ? !productionOnAlternate : productionOnAlternate;
  const created: ServiceDeploymentRecord = {
    id: ids.id,
    status: 'PRIMARY',
    ...structuredClone(spec),
    desiredCount,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: inProgressReason(ids.id),
    serviceDeploymentArn: ids.serviceDeploymentArn,
    serviceRevisionArn: ids.serviceRevisionArn,
    sourceRevisions: sources,
    ...(onAlternateGroups && { onAlternateGroups }),
    ...(shifts && { trafficShift: startTrafficShift(strategy, now) }),
  };
  const previous = records.map((record): ServiceDeploymentRecord => {
    if (record.status !== 'PRIMARY') return record;
    const unfinished = record.rolloutState === 'IN_PROGRESS';
    return {
      ...record,
      status: 'ACTIVE',
      updatedAt: now,
      ...(unfinished && { stoppedAt: now, finishedAt: now }),
    };
  });
  return [created, ...previous];
}

/**
 * After a scheduler step: each deployment's count as the step left it, ACTIVE deployments
 * with no task left retired (INACTIVE), and the PRIMARY's rollout COMPLETED when it runs its
 * count healthy and nothing else runs. Returns the records and the event messages.
 */
export function advanceDeployments(
  records: readonly ServiceDeploymentRecord[],
  serviceName: string,
  desiredCountByDeployment: ReadonlyMap<string, number>,
  tasks: readonly ServiceTask[],
  now: number,
): { records: ServiceDeploymentRecord[]; messages: string[] } {
  const messages: string[] = [];
  const occupying = tasks.filter(isOccupying);
  const holdsTasks = (id: string) => occupying.some((task) => task.deploymentId === id);
  let next = records.map((record): ServiceDeploymentRecord => {
    if (record.status === 'INACTIVE') return record;
    const desiredCount = desiredCountByDeployment.get(record.id) ?? 0;
    const retire = record.status === 'ACTIVE' && desiredCount === 0 && !holdsTasks(record.id);
    if (!retire && desiredCount === record.desiredCount) return record;
    return {
      ...record,
      desiredCount,
      updatedAt: now,
      ...(retire && { status: 'INACTIVE' as const }),
    };
  });

  const primary = next.find((record) => record.status === 'PRIMARY');
  if (primary?.rolloutState === 'IN_PROGRESS') {
    const healthy = occupying.filter((task) => task.deploymentId === primary.id && isHealthy(task));
    const othersLeft = next.some((record) => record.status === 'ACTIVE');
    const allPrimary = occupying.every((task) => task.deploymentId === primary.id);
    if (healthy.length === primary.desiredCount && !othersLeft && allPrimary) {
      next = next.map((record) =>
        record === primary
          ? {
              ...record,
              rolloutState: 'COMPLETED',
              rolloutStateReason: completedReason(record.id),
              finishedAt: now,
              updatedAt: now,
            }
          : record,
      );
      messages.push(deploymentCompleted(serviceName, primary.id));
    }
  }
  return { records: next, messages };
}

/** The `deployments` member of a service: PRIMARY first, then ACTIVE, newest first. */
export function toDeployments(
  records: readonly ServiceDeploymentRecord[],
  tasks: readonly ServiceTask[],
): Deployment[] {
  return records
    .filter((record) => record.status !== 'INACTIVE')
    .sort(
      (a, b) =>
        Number(b.status === 'PRIMARY') - Number(a.status === 'PRIMARY') ||
        b.createdAt - a.createdAt,
    )
    .map((record) => toDeployment(record, tasks));
}

export function toDeployment(
  record: ServiceDeploymentRecord,
  tasks: readonly ServiceTask[],
): Deployment {
  const own = tasks.filter((task) => task.deploymentId === record.id && isLive(task));
  const running = own.filter((task) => task.lastStatus === 'RUNNING').length;
  return {
    id: record.id,
    status: record.status,
    taskDefinition: record.taskDefinition,
    desiredCount: record.desiredCount,
    pendingCount: own.length - running,
    runningCount: running,
    failedTasks: record.failedTasks,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    launchType: record.launchType,
    ...(record.platformVersion !== undefined && { platformVersion: record.platformVersion }),
    ...(record.networkConfiguration !== undefined && {
      networkConfiguration: structuredClone(record.networkConfiguration),
    }),
    rolloutState: record.rolloutState,
    rolloutStateReason: record.rolloutStateReason,
  };
}

/** The last deployment whose rollout completed, other than `except`: where a rollback goes. */
export function lastCompletedDeployment(
  records: readonly ServiceDeploymentRecord[],
  except: string,
): ServiceDeploymentRecord | undefined {
  return records
    .filter((record) => record.id !== except && record.rolloutState === 'COMPLETED')
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))[0];
}
