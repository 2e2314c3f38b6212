/**
 * The service deployment history (ListServiceDeployments, DescribeServiceDeployments,
 * DescribeServiceRevisions) derived from a service's deployment records. A rollback started
 * by the circuit breaker belongs to the service deployment that failed: its status moves
 * through ROLLBACK_IN_PROGRESS to ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED.
 */
import type {
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceDeploymentCircuitBreaker,
  ServiceDeploymentStatus,
  ServiceRevision,
  ServiceRevisionSummary,
} from '@aws-sdk/client-ecs';
import { circuitBreakerThreshold } from './deployment-config';
import { isLive } from './task-state';
import type { ServiceDeploymentRecord, ServiceTask } from './types';

/** One service's records and tasks, with the ARNs its history names. */
export interface ServiceHistory {
  serviceArn: string;
  clusterArn: string;
  records: readonly ServiceDeploymentRecord[];
  tasks: readonly ServiceTask[];
}

export const stoppedByNewerReason =
  'Service deployment stopped because a newer deployment started.';

/** The record a service deployment was created with (not a rollback inside it). */
function mainRecords(history: ServiceHistory): ServiceDeploymentRecord[] {
  return history.records.filter((record) => record.rollbackOf === undefined);
}

function rollbackOf(history: ServiceHistory, record: ServiceDeploymentRecord) {
  return history.records.find((candidate) => candidate.rollbackOf === record.id);
}

export function serviceDeploymentStatus(
  history: ServiceHistory,
  record: ServiceDeploymentRecord,
): { status: ServiceDeploymentStatus; statusReason?: string } {
  const rollback = rollbackOf(history, record);
  if (record.rolledBackBy !== undefined && rollback !== undefined) {
    const reason = record.rolledBackBy.reason;
    if (rollback.stoppedAt !== undefined)
      return { status: 'STOPPED', statusReason: stoppedByNewerReason };
    if (rollback.rolloutState === 'COMPLETED')
      return { status: 'ROLLBACK_SUCCESSFUL', statusReason: reason };
    if (rollback.rolloutState === 'FAILED')
      return { status: 'ROLLBACK_FAILED', statusReason: reason };
    return { status: 'ROLLBACK_IN_PROGRESS', statusReason: reason };
  }
  if (record.stoppedAt !== undefined)
    return { status: 'STOPPED', statusReason: stoppedByNewerReason };
  if (record.rolloutState === 'COMPLETED') return { status: 'SUCCESSFUL' };
  if (record.rolloutState === 'FAILED') {
    return { status: 'STOPPED', statusReason: record.rolloutStateReason };
  }
  return { status: 'IN_PROGRESS' };
}

function brief(history: ServiceHistory, record: ServiceDeploymentRecord): ServiceDeploymentBrief {
  const { status, statusReason } = serviceDeploymentStatus(history, record);
  const finishedAt = finishedAtOf(history, record, status);
  return {
    serviceDeploymentArn: record.serviceDeploymentArn,
    serviceArn: history.serviceArn,
    clusterArn: history.clusterArn,
    createdAt: new Date(record.createdAt),
    startedAt: new Date(record.createdAt),
    ...(finishedAt !== undefined && { finishedAt: new Date(finishedAt) }),
    targetServiceRevisionArn: record.serviceRevisionArn,
    status,
    ...(statusReason !== undefined && { statusReason }),
  };
}

function finishedAtOf(
  history: ServiceHistory,
  record: ServiceDeploymentRecord,
  status: ServiceDeploymentStatus,
): number | undefined {
  if (status === 'IN_PROGRESS' || status === 'ROLLBACK_IN_PROGRESS') return undefined;
  const rollback = rollbackOf(history, record);
  return rollback?.finishedAt ?? record.finishedAt;
}

export interface ServiceDeploymentFilter {
  statuses?: readonly ServiceDeploymentStatus[];
  /** Epoch milliseconds, inclusive. */
  createdAfter?: number;
  createdBefore?: number;
}

/** The service's deployments, newest first, filtered (ListServiceDeployments before paging). */
export function listServiceDeployments(
  history: ServiceHistory,
  filter: ServiceDeploymentFilter = {},
): ServiceDeploymentBrief[] {
  return mainRecords(history)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((record) => brief(history, record))
    .filter(
      (item) =>
        (filter.statuses === undefined ||
          filter.statuses.length === 0 ||
          filter.statuses.includes(item.status!)) &&
        (filter.createdAfter === undefined || item.createdAt!.getTime() >= filter.createdAfter) &&
        (filter.createdBefore === undefined || item.createdAt!.getTime() <= filter.createdBefore),
    );
}

/** The revision counts of the tasks of every deployment that deploys `revisionArn`. */
function revisionSummary(history: ServiceHistory, revisionArn: string, requested: number) {
  const ids = new Set(
    history.records
      .filter((record) => record.serviceRevisionArn === revisionArn && record.status !== 'INACTIVE')
      .map((record) => record.id),
  );
  const live = history.tasks.filter((task) => ids.has(task.deploymentId) && isLive(task));
  const running = live.filter((task) => task.lastStatus === 'RUNNING').length;
  return {
    arn: revisionArn,
    requestedTaskCount: requested,
    runningTaskCount: running,
    pendingTaskCount: live.length - running,
  };
}

function circuitBreakerOf(record: ServiceDeploymentRecord): ServiceDeploymentCircuitBreaker {
  const enabled = record.deploymentConfiguration?.deploymentCircuitBreaker?.enable === true;
  const status = !enabled
    ? 'DISABLED'
    : record.rolloutState === 'FAILED'
      ? 'TRIGGERED'
      : record.rolloutState === 'COMPLETED' || record.circuitBreakerPassed
        ? 'MONITORING_COMPLETE'
        : 'MONITORING';
  return {
    status,
    failureCount: record.failedTasks,
    threshold: circuitBreakerThreshold(record.desiredCount),
  };
}

export function toServiceDeployment(
  history: ServiceHistory,
  record: ServiceDeploymentRecord,
): ServiceDeployment {
  const summary = brief(history, record);
  const rollback = rollbackOf(history, record);
  const active = summary.status === 'IN_PROGRESS' || summary.status === 'ROLLBACK_IN_PROGRESS';
  const sources: ServiceRevisionSummary[] = record.sourceRevisions.map((source) =>
    active ? revisionSummary(history, source.arn, 0) : { ...source, pendingTaskCount: 0 },
  );
  return {
    serviceDeploymentArn: record.serviceDeploymentArn,
    serviceArn: history.serviceArn,
    clusterArn: history.clusterArn,
    createdAt: summary.createdAt!,
    startedAt: summary.startedAt!,
    ...(summary.finishedAt !== undefined && { finishedAt: summary.finishedAt }),
    ...(record.stoppedAt !== undefined && { stoppedAt: new Date(record.stoppedAt) }),
    updatedAt: new Date(Math.max(record.updatedAt, rollback?.updatedAt ?? 0)),
    sourceServiceRevisions: sources,
    targetServiceRevision: revisionSummary(history, record.serviceRevisionArn, record.desiredCount),
    status: summary.status!,
    ...(summary.statusReason !== undefined && { statusReason: summary.statusReason }),
    ...(summary.status === 'IN_PROGRESS' &&
      record.trafficShift !== undefined && { lifecycleStage: record.trafficShift.stage }),
    ...(record.deploymentConfiguration !== undefined && {
      deploymentConfiguration: structuredClone(record.deploymentConfiguration),
    }),
    ...(record.rolledBackBy !== undefined &&
      rollback !== undefined && {
        rollback: {
          reason: record.rolledBackBy.reason,
          startedAt: new Date(record.rolledBackBy.startedAt),
          serviceRevisionArn: rollback.serviceRevisionArn,
        },
      }),
    deploymentCircuitBreaker: circuitBreakerOf(record),
  };
}

/** DescribeServiceDeployments: found ones in the order asked, the rest as MISSING failures. */
export function describeServiceDeployments(
  histories: readonly ServiceHistory[],
  arns: readonly string[],
): { serviceDeployments: ServiceDeployment[]; failures: { arn: string; reason: string }[] } {
  const serviceDeployments: ServiceDeployment[] = [];
  const failures: { arn: string; reason: string }[] = [];
  for (const arn of arns) {
    const found = findMain(histories, (record) => record.serviceDeploymentArn === arn);
    if (found) serviceDeployments.push(toServiceDeployment(found.history, found.record));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceDeployments, failures };
}

/** DescribeServiceRevisions: what each revision deploys. */
export function describeServiceRevisions(
  histories: readonly ServiceHistory[],
  arns: readonly string[],
): { serviceRevisions: ServiceRevision[]; failures: { arn: string; reason: string }[] } {
  const serviceRevisions: ServiceRevision[] = [];
  const failures: { arn: string; reason: string }[] = [];
  for (const arn of arns) {
    const found = findMain(histories, (record) => record.serviceRevisionArn === arn);
    if (!found) {
      failures.push({ arn, reason: 'MISSING' });
      continue;
    }
    const { history, record } = found;
    serviceRevisions.push({
      serviceRevisionArn: arn,
      serviceArn: history.serviceArn,
      clusterArn: history.clusterArn,
      taskDefinition: record.taskDefinition,
      launchType: record.launchType,
      ...(record.platformVersion !== undefined && { platformVersion: record.platformVersion }),
      loadBalancers: structuredClone(record.loadBalancers ?? []),
      ...(record.networkConfiguration !== undefined && {
        networkConfiguration: structuredClone(record.networkConfiguration),
      }),
      createdAt: new Date(record.createdAt),
    });
  }
  return { serviceRevisions, failures };
}

function findMain(
  histories: readonly ServiceHistory[],
  matches: (record: ServiceDeploymentRecord) => boolean,
): { history: ServiceHistory; record: ServiceDeploymentRecord } | undefined {
  for (const history of histories) {
    const record = mainRecords(history)
      .sort((a, b) => a.createdAt - b.createdAt)
      .find(matches);
    if (record) return { history, record };
  }
  return undefined;
}
