/**
 * Service event messages worded as ECS words them (Developer Guide, "Amazon ECS service event
 * messages"). A task or instance is named by its id, the last part of its ARN.
 */
import { lastSegment } from '../core/arns';
import type { PlacementResult, Shortfall } from '../placement';

/** ECS names at most this many tasks in one "has started" or "has stopped" event. */
export const tasksPerEvent = 10;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

const taskList = (taskArns: readonly string[]) =>
  taskArns.map((arn) => `(task ${lastSegment(arn)})`).join(' ');

/** `(service S) has started N tasks: (task ID) …` — one message per ten tasks. */
export function tasksStarted(service: string, taskArns: readonly string[]): string[] {
  return chunks(taskArns, tasksPerEvent).map(
    (part) => `(service ${service}) has started ${part.length} tasks: ${taskList(part)}.`,
  );
}

/** `(service S) has stopped N running tasks: (task ID) …` — one message per ten tasks. */
export function tasksStopped(service: string, taskArns: readonly string[]): string[] {
  return chunks(taskArns, tasksPerEvent).map(
    (part) => `(service ${service}) has stopped ${part.length} running tasks: ${taskList(part)}.`,
  );
}

export const steadyState = (service: string) => `(service ${service}) has reached a steady state.`;

export const deploymentCompleted = (service: string, deploymentId: string) =>
  `(service ${service}) (deployment ${deploymentId}) deployment completed.`;

export const deploymentFailed = (service: string, deploymentId: string, cause: string) =>
  `(service ${service}) (deployment ${deploymentId}) deployment failed: ${cause}.`;

export const rollingBack = (service: string, deploymentId: string) =>
  `(service ${service}) rolling back to deployment ${deploymentId}.`;

export const unableToConsistentlyStart = (service: string) =>
  `(service ${service}) is unable to consistently start tasks successfully.`;

export const failedHealthChecks = (service: string, taskArn: string) =>
  `(service ${service}) (task ${lastSegment(taskArn)}) failed container health checks.`;

export const registeredTargets = (service: string, count: number, targetGroupArn: string) =>
  `(service ${service}) registered ${count} targets in (target-group ${targetGroupArn})`;

export const deregisteredTargets = (service: string, count: number, targetGroupArn: string) =>
  `(service ${service}) deregistered ${count} targets in (target-group ${targetGroupArn})`;

/**
 * A rollout the percent limits hold still: not an ECS wording (ECS says nothing in this
 * case), worded in its manner.
 */
export const deploymentBlocked = (
  service: string,
  deploymentId: string,
  minimumHealthyPercent: number,
  maximumPercent: number,
) =>
  `(service ${service}) (deployment ${deploymentId}) cannot make progress: minimumHealthyPercent ${minimumHealthyPercent} and maximumPercent ${maximumPercent} allow no task to be started or stopped.`;

const troubleshooting =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

const shortfallText: Record<Shortfall, string> = {
  CPU: 'has insufficient CPU units available.',
  MEMORY: 'has insufficient memory available.',
  PORTS: 'is already using a port required by your task.',
  AGENT: 'encountered error "AGENT".',
  ATTRIBUTE: 'is missing an attribute required by your task.',
};

/**
 * `(service S) was unable to place a task because no container instance met all of its
 * requirements. …` naming the closest matching instance and what it lacks, or saying that
 * the cluster has no instance.
 */
export function unableToPlace(
  service: string,
  closest: { containerInstanceArn: string; shortfall: Shortfall } | undefined,
): string {
  const head = `(service ${service}) was unable to place a task because no container instance met all of its requirements.`;
  if (closest === undefined) {
    return `${head} Reason: No Container Instances were found in your cluster. ${troubleshooting}`;
  }
  const id = lastSegment(closest.containerInstanceArn);
  return `${head} The closest matching (container-instance ${id}) ${shortfallText[closest.shortfall]} ${troubleshooting}`;
}

/** The message for a placement that left tasks unplaced, or undefined when all were placed. */
export function unableToPlaceFrom(service: string, result: PlacementResult): string | undefined {
  if (result.noActiveInstances) return unableToPlace(service, undefined);
  if (result.failures.length === 0 || result.closest === undefined) return undefined;
  return unableToPlace(service, {
    containerInstanceArn: result.closest.arn,
    shortfall: result.closest.shortfall,
  });
}

export const drainingConnections = (service: string, count: number) =>
  `(service ${service}) has begun draining connections on ${count} tasks.`;

/** `(instance i-…)` is said of `instance` targets only, as ECS says it. */
export const targetUnhealthy = (
  service: string,
  target: { instanceId?: string; port: number },
  targetGroupArn: string,
  reason: string,
) =>
  `(service ${service})${target.instanceId === undefined ? '' : ` (instance ${target.instanceId})`} (port ${target.port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason ${reason}).`;

const failedElbHealthChecksPrefix = 'Task failed ELB health checks in (target-group ';

export const failedElbHealthChecks = (targetGroupArn: string) =>
  `${failedElbHealthChecksPrefix}${targetGroupArn})`;

/** Whether a task was stopped because its target failed the load balancer's health checks. */
export const isFailedElbHealthChecks = (stoppedReason: string | undefined) =>
  stoppedReason?.startsWith(failedElbHealthChecksPrefix) === true;
