/** How the scheduler counts a service's tasks. */
import { inHealthCheckGracePeriod } from './grace-period';
import type { ServiceTask } from './types';

/** Still holds its resources: anything not yet STOPPED, stopping ones included. */
export function isOccupying(task: ServiceTask): boolean {
  return task.lastStatus !== 'STOPPED';
}

/** Meant to keep running: not STOPPED and not told to stop. */
export function isLive(task: ServiceTask): boolean {
  return task.lastStatus !== 'STOPPED' && task.desiredStatus === 'RUNNING';
}

/**
 * Counts towards `minimumHealthyPercent`: RUNNING and, when an essential container has a
 * health check, reported HEALTHY.
 */
export function isHealthy(task: ServiceTask): boolean {
  if (!isLive(task) || task.lastStatus !== 'RUNNING') return false;
  if (task.healthStatus === 'UNHEALTHY') return false;
  return !task.healthChecked || task.healthStatus === 'HEALTHY';
}

/** To be replaced for its health: UNHEALTHY, and past the service's grace period. */
export function isUnhealthy(
  task: ServiceTask,
  gracePeriodSeconds: number | undefined,
  now: number,
): boolean {
  return (
    isLive(task) &&
    task.healthStatus === 'UNHEALTHY' &&
    !inHealthCheckGracePeriod(task, gracePeriodSeconds, now)
  );
}

export const zoneAttribute = 'ecs.availability-zone';

/** Tasks per zone over `zones` (zones without tasks count 0; tasks without a zone are left out). */
export function countByZone(
  tasks: readonly ServiceTask[],
  zones: readonly string[],
): Map<string, number> {
  const counts = new Map(zones.map((zone) => [zone, 0]));
  for (const task of tasks) {
    const zone = task.availabilityZone;
    if (zone !== undefined && counts.has(zone)) counts.set(zone, counts.get(zone)! + 1);
  }
  return counts;
}

/** Zones are balanced when their counts differ by at most one. */
export function isZoneBalanced(counts: ReadonlyMap<string, number>): boolean {
  if (counts.size < 2) return true;
  const values = [...counts.values()];
  return Math.max(...values) - Math.min(...values) <= 1;
}
