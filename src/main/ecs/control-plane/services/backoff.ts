/**
 * Service throttling ("Amazon ECS service throttle logic"): when a service's tasks keep
 * failing to start, the scheduler waits longer and longer between attempts, up to a maximum,
 * and says so once in an event. A task of the PRIMARY deployment that reaches RUNNING ends
 * the back-off (older deployments' tasks running say nothing of the new ones).
 */
import { unableToConsistentlyStart } from './event-messages';
import type { ServiceTask, TaskStopNotice } from './types';

export interface BackoffPolicy {
  /** Consecutive failures to start before the scheduler starts to wait. */
  failuresBeforeBackoff: number;
  /** The first wait; each further failure doubles it. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/** ECS documents waits that grow up to 27 minutes; Stowage begins after three failures. */
export const defaultBackoffPolicy: BackoffPolicy = {
  failuresBeforeBackoff: 3,
  initialDelayMs: 10_000,
  maxDelayMs: 27 * 60_000,
};

/** What the service keeps of its back-off. */
export interface BackoffState {
  consecutiveFailures: number;
  /** While `now` is before this, the scheduler starts no task (`startsNotBefore`). */
  startsNotBefore?: number;
}

export const noBackoff: BackoffState = { consecutiveFailures: 0 };

/**
 * The back-off after the tasks that stopped since the last look (`stops`) and the service's
 * tasks now: a task that stopped before RUNNING adds a failure; a RUNNING task of the
 * PRIMARY deployment clears them.
 * Returns the event message when the service has just begun to back off.
 */
export function updateBackoff(
  state: BackoffState,
  serviceName: string,
  stops: readonly TaskStopNotice[],
  tasks: readonly ServiceTask[],
  primaryDeploymentId: string,
  now: number,
  policy: BackoffPolicy = defaultBackoffPolicy,
): { state: BackoffState; messages: string[] } {
  const running = (task: ServiceTask) =>
    task.deploymentId === primaryDeploymentId &&
    task.lastStatus === 'RUNNING' &&
    task.desiredStatus === 'RUNNING';
  if (tasks.some(running)) {
    return { state: noBackoff, messages: [] };
  }
  const failures = stops.filter((stop) => !stop.reachedRunning).length;
  if (failures === 0) return { state, messages: [] };
  const consecutiveFailures = state.consecutiveFailures + failures;
  const beyond = consecutiveFailures - policy.failuresBeforeBackoff;
  if (beyond < 0) return { state: { consecutiveFailures }, messages: [] };
  const delay = Math.min(policy.initialDelayMs * 2 ** beyond, policy.maxDelayMs);
  const beginning = state.consecutiveFailures < policy.failuresBeforeBackoff;
  return {
    state: { consecutiveFailures, startsNotBefore: now + delay },
    messages: beginning ? [unableToConsistentlyStart(serviceName)] : [],
  };
}
