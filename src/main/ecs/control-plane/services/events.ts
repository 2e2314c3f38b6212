/** A service's event list: newest first, at most 100, each with a UUID and a time. */
import type { ServiceEvent } from '@aws-sdk/client-ecs';
import { randomUuid, type Random } from '../core/ids';
import { steadyState } from './event-messages';
import { isHealthy, isOccupying } from './task-state';
import type { ServiceDeploymentRecord, ServiceTask } from './types';

export const maxServiceEvents = 100;

/** An event as stored: `createdAt` in epoch milliseconds. */
export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

/**
 * `events` with `messages` added at `now`, in the order they happened (the last message ends
 * up first), keeping the newest 100.
 */
export function addEvents(
  events: readonly ServiceEventRecord[],
  messages: readonly string[],
  now: number,
  random: Random,
): ServiceEventRecord[] {
  if (messages.length === 0) return [...events];
  const added = messages.map((message) => ({ id: randomUuid(random), createdAt: now, message }));
  return [...added.reverse(), ...events].slice(0, maxServiceEvents);
}

export function toServiceEvents(events: readonly ServiceEventRecord[]): ServiceEvent[] {
  return events.map((event) => ({
    id: event.id,
    createdAt: new Date(event.createdAt),
    message: event.message,
  }));
}

/**
 * Steady: one deployment, its rollout not in progress, and exactly the desired count of
 * tasks, all RUNNING and healthy.
 */
export function isSteady(
  records: readonly ServiceDeploymentRecord[],
  tasks: readonly ServiceTask[],
): boolean {
  const current = records.filter((record) => record.status !== 'INACTIVE');
  const primary = current[0];
  if (current.length !== 1 || primary?.status !== 'PRIMARY') return false;
  if (primary.rolloutState === 'IN_PROGRESS') return false;
  const occupying = tasks.filter(isOccupying);
  return occupying.length === primary.desiredCount && occupying.every(isHealthy);
}

/**
 * The steady-state message when the service has just become steady: when it is steady now and
 * the newest event is not already that message.
 */
export function steadyStateMessages(
  serviceName: string,
  events: readonly ServiceEventRecord[],
  steady: boolean,
): string[] {
  const message = steadyState(serviceName);
  return steady && events[0]?.message !== message ? [message] : [];
}
