import type { TaskStopCode } from '@aws-sdk/client-ecs';
import type { RuntimeEvent } from '../core/runtime-port';
import { withPrivateAddress } from './address';
import { deriveTask, type ContainerRecord, type TaskRecord } from '../core/state';
import { failedHealthChecksReason, taskHealthOf } from './health';

/** How long attaching and detaching a task's network interface takes (awsvpc). */
export const provisioningMs = 1_000;
export const deprovisioningMs = 1_000;
/** Stopped tasks stay describable this long, then are forgotten. */
export const stoppedTaskRetentionMs = 60 * 60 * 1_000;
export const defaultStopTimeoutMs = 30_000;

function bump(task: TaskRecord, changes: Partial<TaskRecord>): TaskRecord {
  return deriveTask(task, { ...changes, version: task.version + 1 });
}

function withContainer(
  task: TaskRecord,
  name: string,
  update: (container: ContainerRecord) => ContainerRecord,
): TaskRecord['containers'] {
  return task.containers.map((container) =>
    container.name === name ? update(container) : container,
  );
}

function setAttachmentStatus(task: TaskRecord, status: string): Partial<TaskRecord> {
  return task.attachments ? { attachments: task.attachments.map((a) => ({ ...a, status })) } : {};
}

/** The task with its desired status turned to STOPPED, or undefined if it already was. */
export function requestStop(
  task: TaskRecord,
  stopCode: TaskStopCode,
  stoppedReason: string,
): TaskRecord | undefined {
  if (task.desiredStatus === 'STOPPED') return undefined;
  return bump(task, { desiredStatus: 'STOPPED', stopCode, stoppedReason });
}

/**
 * A task whose instance is gone (its agent disconnected): nothing can stop it gracefully, so
 * the control plane records it STOPPED at once and its resources return.
 */
export function loseTask(
  task: TaskRecord,
  now: number,
  stoppedReason: string,
): TaskRecord | undefined {
  if (task.lastStatus === 'STOPPED') return undefined;
  return bump(task, {
    desiredStatus: 'STOPPED',
    lastStatus: 'STOPPED',
    stopCode: task.desiredStatus === 'STOPPED' ? task.stopCode : 'InfrastructureHealth',
    stoppedReason: task.desiredStatus === 'STOPPED' ? task.stoppedReason : stoppedReason,
    stoppingAt: task.stoppingAt ?? now,
    executionStoppedAt: task.executionStoppedAt ?? now,
    stoppedAt: now,
    containers: task.containers.map((container) =>
      container.lastStatus === 'STOPPED'
        ? container
        : { ...container, lastStatus: 'STOPPED', reason: stoppedReason },
    ),
    ...setAttachmentStatus(task, 'DELETED'),
  });
}

/** The task after a runtime event about it, or undefined when the event changes nothing. */
export function applyRuntimeEvent(task: TaskRecord, event: RuntimeEvent): TaskRecord | undefined {
  if (task.lastStatus === 'STOPPED') return undefined;
  switch (event.kind) {
    case 'pull.started':
      return task.pullStartedAt === undefined ? bump(task, { pullStartedAt: event.at }) : undefined;
    case 'pull.finished':
      return task.pullStoppedAt === undefined ? bump(task, { pullStoppedAt: event.at }) : undefined;
    case 'container.running':
      return bump(task, {
        containers: withContainer(task, event.containerName, (container) => ({
          ...container,
          lastStatus: 'RUNNING',
          runtimeId: event.runtimeId,
          networkBindings: event.networkBindings,
        })),
      });
    case 'container.exited': {
      const container = task.containers.find((c) => c.name === event.containerName);
      if (!container || container.lastStatus === 'STOPPED') return undefined;
      const stopped = bump(task, {
        containers: withContainer(task, event.containerName, (c) => ({
          ...c,
          lastStatus: 'STOPPED',
          exitCode: event.exitCode,
          ...(event.reason ? { reason: event.reason } : {}),
        })),
      });
      if (!container.essential) return stopped;
      return (
        requestStop(stopped, 'EssentialContainerExited', 'Essential container in task exited') ??
        stopped
      );
    }
    case 'container.health':
      return applyHealth(task, event);
    case 'task.address':
      return withPrivateAddress(task, event.privateIpv4Address);
    case 'task.gone':
      return task.containers.some((c) => c.lastStatus !== 'STOPPED')
        ? bump(task, {
            containers: task.containers.map((c) =>
              c.lastStatus === 'STOPPED'
                ? c
                : { ...c, lastStatus: 'STOPPED', reason: 'The container no longer exists.' },
            ),
          })
        : undefined;
    case 'container.failed': {
      const failed = bump(task, {
        containers: withContainer(task, event.containerName, (c) => ({
          ...c,
          lastStatus: 'STOPPED',
          reason: event.reason,
        })),
      });
      return requestStop(failed, 'TaskFailedToStart', event.reason) ?? failed;
    }
  }
}

/**
 * A container's new health and the task's as ECS derives it; an essential container that
 * turns UNHEALTHY stops a task run on its own. A service's task is left to its scheduler,
 * which replaces it once the service's health check grace period is over.
 */
function applyHealth(
  task: TaskRecord,
  event: Extract<RuntimeEvent, { kind: 'container.health' }>,
): TaskRecord | undefined {
  const container = task.containers.find((c) => c.name === event.containerName);
  if (!container || container.lastStatus === 'STOPPED') return undefined;
  if (container.healthStatus === event.healthStatus) return undefined;
  const containers = withContainer(task, event.containerName, (c) => ({
    ...c,
    healthStatus: event.healthStatus,
  }));
  const changed = bump(task, { containers, healthStatus: taskHealthOf(containers) });
  if (event.healthStatus !== 'UNHEALTHY' || !container.essential || task.serviceName) {
    return changed;
  }
  return requestStop(changed, 'EssentialContainerExited', failedHealthChecksReason) ?? changed;
}

const allStopped = (task: TaskRecord) => task.containers.every((c) => c.lastStatus !== 'RUNNING');

/**
 * One step of a task towards its desired status, or undefined when it must wait (for the
 * runtime, or for time to pass). One status per step, so every status is observable.
 */
export function advanceTask(task: TaskRecord, now: number): TaskRecord | undefined {
  if (task.desiredStatus === 'RUNNING') {
    switch (task.lastStatus) {
      case 'PROVISIONING':
        return now >= (task.createdAt ?? 0) + provisioningMs
          ? bump(task, { lastStatus: 'PENDING', ...setAttachmentStatus(task, 'ATTACHED') })
          : undefined;
      case 'PENDING':
        return task.containers.some((c) => c.lastStatus === 'RUNNING') &&
          task.containers.every((c) => c.lastStatus !== 'PENDING')
          ? bump(task, { lastStatus: 'ACTIVATING' })
          : undefined;
      case 'ACTIVATING':
        return bump(task, { lastStatus: 'RUNNING', startedAt: now, connectivityAt: now });
      default:
        return undefined;
    }
  }
  switch (task.lastStatus) {
    case 'PROVISIONING':
      return bump(task, { lastStatus: 'DEPROVISIONING', stoppingAt: now, executionStoppedAt: now });
    case 'PENDING':
      return bump(task, { lastStatus: 'STOPPING', stoppingAt: now });
    case 'ACTIVATING':
    case 'RUNNING':
      return bump(task, { lastStatus: 'DEACTIVATING' });
    case 'DEACTIVATING':
      return bump(task, { lastStatus: 'STOPPING', stoppingAt: now });
    case 'STOPPING':
      if (!allStopped(task)) return undefined;
      return bump(task, {
        lastStatus: task.networkMode === 'awsvpc' ? 'DEPROVISIONING' : 'STOPPED',
        executionStoppedAt: now,
        ...(task.networkMode === 'awsvpc' ? {} : { stoppedAt: now }),
        containers: task.containers.map((c) =>
          c.lastStatus === 'PENDING' ? { ...c, lastStatus: 'STOPPED' } : c,
        ),
      });
    case 'DEPROVISIONING':
      return now >= (task.executionStoppedAt ?? 0) + deprovisioningMs
        ? bump(task, {
            lastStatus: 'STOPPED',
            stoppedAt: now,
            ...setAttachmentStatus(task, 'DELETED'),
          })
        : undefined;
    default:
      return undefined;
  }
}

/** Whether a stopped task has been kept long enough to be forgotten. */
export function isExpired(task: TaskRecord, now: number): boolean {
  return task.lastStatus === 'STOPPED' && now >= (task.stoppedAt ?? 0) + stoppedTaskRetentionMs;
}
