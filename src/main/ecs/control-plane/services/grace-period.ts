/**
 * ECS's health check grace period: for this long after a task first started, the service
 * scheduler ignores the task's unhealthy container, load balancer and VPC Lattice health
 * checks, so a task that is slow to come up is not stopped before it could. A task that has
 * not started yet is within it. Without a period (or 0) nothing is ignored.
 */
export function inHealthCheckGracePeriod(
  task: { startedAt?: number },
  gracePeriodSeconds: number | undefined,
  now: number,
): boolean {
  if (gracePeriodSeconds === undefined || gracePeriodSeconds <= 0) return false;
  return task.startedAt === undefined || now < task.startedAt + gracePeriodSeconds * 1_000;
}
