import type { EcsService, EcsServiceDeployment, EcsTask } from '../../../../shared';

export type ServiceHealth = 'steady' | 'rolling' | 'short' | 'failed' | 'inactive';

/** What a service's health dot says: one word of state and a sentence on why. */
export function serviceHealth(service: EcsService): { health: ServiceHealth; reason: string } {
  if (service.status !== 'ACTIVE') {
    return { health: 'inactive', reason: `The service is ${service.status ?? 'gone'}.` };
  }
  const primary = primaryDeployment(service);
  if (primary?.rolloutState === 'FAILED') {
    return { health: 'failed', reason: primary.rolloutStateReason ?? 'The deployment failed.' };
  }
  const desired = service.desiredCount ?? 0;
  const running = service.runningCount ?? 0;
  if ((service.deployments ?? []).length > 1 || primary?.rolloutState === 'IN_PROGRESS') {
    return { health: 'rolling', reason: 'A deployment is rolling out.' };
  }
  if (running < desired) {
    return { health: 'short', reason: `${running} of ${desired} tasks running.` };
  }
  return { health: 'steady', reason: `All ${desired} tasks running.` };
}

export const healthColors: Record<ServiceHealth, string> = {
  steady: 'success.main',
  rolling: 'info.main',
  short: 'warning.main',
  failed: 'error.main',
  inactive: 'text.disabled',
};

export function primaryDeployment(service: EcsService) {
  return (service.deployments ?? []).find((deployment) => deployment.status === 'PRIMARY');
}

/**
 * The counts a rolling deployment must stay between: at least `floor` healthy tasks, at most
 * `ceiling` running and pending together.
 */
export function deploymentBand(
  desired: number,
  minimumHealthyPercent: number,
  maximumPercent: number,
): { floor: number; ceiling: number } {
  return {
    floor: Math.ceil((desired * minimumHealthyPercent) / 100),
    ceiling: Math.floor((desired * maximumPercent) / 100),
  };
}

/** Failed tasks that trip the deployment circuit breaker: half the desired count, 10 to 200. */
export function circuitBreakerThreshold(desired: number): number {
  return Math.min(200, Math.max(10, Math.ceil(desired * 0.5)));
}

/** The group ECS gives the tasks a service starts. */
export const serviceGroup = (serviceName: string) => `service:${serviceName}`;

export function tasksOfService(tasks: readonly EcsTask[], serviceName: string): EcsTask[] {
  const group = serviceGroup(serviceName);
  return tasks.filter((task) => task.group === group);
}

/** A task's health in a word: its own `healthStatus`, or how far it got without a check. */
export function taskHealth(task: EcsTask): 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' {
  if (task.healthStatus === 'HEALTHY' || task.healthStatus === 'UNHEALTHY') {
    return task.healthStatus;
  }
  return 'UNKNOWN';
}

/** A service's events, newest first. */
export function eventsNewestFirst(service: EcsService) {
  return [...(service.events ?? [])].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
}

/** `arn:…:task-definition/web:3` -> `web:3`. */
export function revisionName(taskDefinition: string | undefined): string {
  if (!taskDefinition) return '—';
  return taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1);
}

/** The history's deployment whose target was last rolled out to the end. */
export function lastCompleted(
  history: readonly EcsServiceDeployment[],
): EcsServiceDeployment | undefined {
  return history.find((deployment) => deployment.status === 'SUCCESSFUL');
}

export const daemonNote =
  'A DAEMON service runs one task on each ACTIVE instance that can take it: its count follows the instances.';
