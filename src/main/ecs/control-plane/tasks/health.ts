import type { HealthStatus } from '@aws-sdk/client-ecs';
import type { ContainerRecord, TaskRecord } from '../core/state';

/** The reason ECS gives a task it stopped because an essential container failed its checks. */
export const failedHealthChecksReason = 'Task failed container health checks';

/**
 * The task's health as ECS derives it from its essential containers that have a health
 * check: UNHEALTHY when any of them is UNHEALTHY, HEALTHY when all of them are HEALTHY,
 * UNKNOWN otherwise (none has a check, or one has not been decided yet).
 */
export function taskHealthOf(containers: readonly ContainerRecord[]): HealthStatus {
  const checked = containers.filter((container) => container.essential && container.healthChecked);
  if (checked.some((container) => container.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.length > 0 && checked.every((container) => container.healthStatus === 'HEALTHY')) {
    return 'HEALTHY';
  }
  return 'UNKNOWN';
}

/** Whether an essential container of the task has a health check (its health can be decided). */
export function isHealthChecked(task: Pick<TaskRecord, 'containers'>): boolean {
  return task.containers.some((container) => container.essential && container.healthChecked);
}
