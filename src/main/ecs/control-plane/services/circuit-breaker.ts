/**
 * The deployment circuit breaker ("How the Amazon ECS deployment circuit breaker detects
 * failures"): a task of the PRIMARY deployment in progress that stops without reaching
 * RUNNING, or because it failed its container or ELB health checks, counts as failed; once a task of the
 * deployment runs healthy the count goes back to 0 and is no longer kept. At
 * clamp(ceil(desired / 2), 10, 200) failures the rollout is FAILED and, with rollback, the
 * last completed deployment is deployed again.
 */
import { circuitBreakerThreshold } from './deployment-config';
import { deploymentFailed, rollingBack } from './event-messages';
import { lastCompletedDeployment } from './rollout';
import { isHealthy } from './task-state';
import type { ServiceDeploymentRecord, ServiceTask, TaskStopNotice } from './types';

export interface CircuitBreakerInput {
  serviceName: string;
  records: readonly ServiceDeploymentRecord[];
  /** Tasks that stopped since the last look. */
  stops: readonly TaskStopNotice[];
  /** The service's current tasks. */
  tasks: readonly ServiceTask[];
  breaker: { enable: boolean; rollback: boolean };
  /** The service's desired count, for the threshold. */
  desiredCount: number;
  now: number;
  /** A fresh deployment id, used only when a rollback starts. */
  newDeploymentId: () => string;
}

export interface CircuitBreakerOutcome {
  records: ServiceDeploymentRecord[];
  messages: string[];
  tripped: boolean;
}

export const failedReason = 'ECS deployment circuit breaker: tasks failed to start.';
export const rollbackReason = (toDeploymentId: string) =>
  `ECS deployment circuit breaker: rolling back to deploymentId ${toDeploymentId}.`;

export function applyCircuitBreaker(input: CircuitBreakerInput): CircuitBreakerOutcome {
  const { now } = input;
  const primary = input.records.find((record) => record.status === 'PRIMARY');
  const unchanged = { records: [...input.records], messages: [], tripped: false };
  if (primary?.rolloutState !== 'IN_PROGRESS' || primary.circuitBreakerPassed) return unchanged;

  if (input.tasks.some((task) => task.deploymentId === primary.id && isHealthy(task))) {
    return {
      ...unchanged,
      records: replace(input.records, primary, { failedTasks: 0, circuitBreakerPassed: true }),
    };
  }
  const failures = input.stops.filter(
    (stop) => stop.deploymentId === primary.id && (!stop.reachedRunning || stop.failedHealthChecks),
  ).length;
  if (failures === 0) return unchanged;
  const failedTasks = primary.failedTasks + failures;
  if (!input.breaker.enable || failedTasks < circuitBreakerThreshold(input.desiredCount)) {
    return {
      ...unchanged,
      records: replace(input.records, primary, { failedTasks, updatedAt: now }),
    };
  }

  const failed: ServiceDeploymentRecord = {
    ...primary,
    failedTasks,
    updatedAt: now,
    rolloutState: 'FAILED',
    rolloutStateReason: failedReason,
    finishedAt: now,
  };
  const messages = [deploymentFailed(input.serviceName, primary.id, 'tasks failed to start')];
  const target = lastCompletedDeployment(input.records, primary.id);
  // A rollback that fails is not rolled back again.
  if (!input.breaker.rollback || target === undefined || primary.rollbackOf !== undefined) {
    return { records: replaceWith(input.records, primary, failed), messages, tripped: true };
  }

  const records = startRollback(input.records, primary, failed, target, {
    id: input.newDeploymentId(),
    now,
    reason: failedReason,
    rolloutStateReason: rollbackReason(target.id),
  });
  messages.push(rollingBack(input.serviceName, target.id));
  return { records, messages, tripped: true };
}

/**
 * Rolls `primary` back to `target`: `failed` (the primary as it ended) becomes ACTIVE and
 * drains, and a new PRIMARY deploys the target's revision inside the same service deployment.
 * While blue still runs behind a traffic shift, the rollback takes its tasks over and traffic
 * goes back to them. Returns every record, the rollback first.
 */
export function startRollback(
  records: readonly ServiceDeploymentRecord[],
  primary: ServiceDeploymentRecord,
  failed: ServiceDeploymentRecord,
  target: ServiceDeploymentRecord,
  how: { id: string; now: number; reason: string; rolloutStateReason: string },
): ServiceDeploymentRecord[] {
  const { id, now } = how;
  const rollback: ServiceDeploymentRecord = {
    id,
    status: 'PRIMARY',
    taskDefinition: target.taskDefinition,
    launchType: target.launchType,
    ...(target.platformVersion !== undefined && { platformVersion: target.platformVersion }),
    ...(target.networkConfiguration !== undefined && {
      networkConfiguration: structuredClone(target.networkConfiguration),
    }),
    ...(target.loadBalancers !== undefined && {
      loadBalancers: structuredClone(target.loadBalancers),
    }),
    desiredCount: primary.desiredCount,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: how.rolloutStateReason,
    // The history shows a rollback inside the service deployment that failed.
    serviceDeploymentArn: primary.serviceDeploymentArn,
    serviceRevisionArn: target.serviceRevisionArn,
    sourceRevisions: [],
    rollbackOf: primary.id,
    ...(target.onAlternateGroups === true && { onAlternateGroups: true }),
    ...(primary.trafficShift !== undefined &&
      target.status !== 'INACTIVE' && { adopts: target.id }),
  };
  const rolledBack: ServiceDeploymentRecord = {
    ...failed,
    status: 'ACTIVE',
    rolledBackBy: { deploymentId: id, startedAt: now, reason: how.reason },
  };
  return [rollback, ...replaceWith(records, primary, rolledBack)];
}

function replace(
  records: readonly ServiceDeploymentRecord[],
  target: ServiceDeploymentRecord,
  patch: Partial<ServiceDeploymentRecord>,
): ServiceDeploymentRecord[] {
  return replaceWith(records, target, { ...target, ...patch });
}

function replaceWith(
  records: readonly ServiceDeploymentRecord[],
  target: ServiceDeploymentRecord,
  next: ServiceDeploymentRecord,
): ServiceDeploymentRecord[] {
  return records.map((record) => (record === target ? next : record));
}
