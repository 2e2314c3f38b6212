/**
 * One scheduler round for one service, as a controller runs it: back-off and circuit breaker
 * from the tasks that stopped since the last round, then the REPLICA or DAEMON decision, the
 * deployments moved on, and the events that explain it all. Placing the tasks to start (and
 * the "has started" / "unable to place" events that follow) is left to the caller, which
 * knows the task definition and creates the tasks.
 */
import type { PlacementStrategy } from '@aws-sdk/client-ecs';
import type { Random } from '../core/ids';
import type { PlacementInstance } from '../placement';
import { updateBackoff, type BackoffPolicy, type BackoffState } from './backoff';
import { failedHealthChecksReason } from '../tasks/health';
import { applyCircuitBreaker } from './circuit-breaker';
import { decideDaemon, type DaemonInput } from './daemon';
import {
  deploymentBlocked,
  failedHealthChecks,
  tasksStopped,
  unableToPlace,
} from './event-messages';
import { addEvents, isSteady, steadyStateMessages, type ServiceEventRecord } from './events';
import { decideReplica } from './replica';
import { advanceDeployments } from './rollout';
import { advanceTrafficShift, heldDeployments, withAdoptedTasks } from './traffic-shift';
import type {
  SchedulerService,
  ServiceDeploymentRecord,
  ServiceTask,
  TaskStopNotice,
} from './types';

export interface ServiceTickInput {
  service: SchedulerService & { deploymentCircuitBreaker: { enable: boolean; rollback: boolean } };
  records: readonly ServiceDeploymentRecord[];
  /** The service's tasks that are not yet STOPPED. */
  tasks: readonly ServiceTask[];
  /** The service's tasks that stopped since the last round. */
  stops: readonly TaskStopNotice[];
  instances: readonly PlacementInstance[];
  availableZones: readonly string[];
  placementStrategy: readonly PlacementStrategy[];
  /** DAEMON only: what one task needs (resources, ports, group, constraints). */
  daemonRequest?: DaemonInput['request'];
  events: readonly ServiceEventRecord[];
  backoff: BackoffState;
  backoffPolicy?: BackoffPolicy;
  now: number;
  random: Random;
  newDeploymentId: () => string;
}

/** A task the round stops: ECS's stop code and reason for it. */
export interface SchedulerStop {
  taskArn: string;
  stopCode: 'ServiceSchedulerInitiated';
  stoppedReason: string;
}

export interface ServiceTickOutcome {
  records: ServiceDeploymentRecord[];
  events: ServiceEventRecord[];
  backoff: BackoffState;
  /** The PRIMARY deployment: new tasks are started for it, with its task definition. */
  primary: ServiceDeploymentRecord;
  /** REPLICA: how many tasks to place and start. */
  startCount: number;
  /** DAEMON: the instances to start one task on each. */
  startOn: string[];
  stop: SchedulerStop[];
  /** The service's desired count after the round (DAEMON: its eligible instances). */
  desiredCount: number;
}

/** An identical message within this long is not repeated (placement and blocked events). */
export const repeatQuietPeriodMs = 5 * 60_000;

export const scalingReason = (deploymentId: string) =>
  `Scaling activity initiated by (deployment ${deploymentId})`;

export function tickService(input: ServiceTickInput): ServiceTickOutcome {
  const { service, now } = input;
  const name = service.serviceName;
  const messages: string[] = [];

  const failingId = input.records.find((record) => record.status === 'PRIMARY')?.id ?? '';
  const backoff = updateBackoff(
    input.backoff,
    name,
    input.stops,
    input.tasks,
    failingId,
    now,
    input.backoffPolicy,
  );
  messages.push(...backoff.messages);
  const breaker = applyCircuitBreaker({
    serviceName: name,
    records: input.records,
    stops: input.stops,
    tasks: input.tasks,
    breaker: service.deploymentCircuitBreaker,
    desiredCount: service.desiredCount,
    now,
    newDeploymentId: input.newDeploymentId,
  });
  messages.push(...breaker.messages);
  const primary = breaker.records.find((record) => record.status === 'PRIMARY');
  if (primary === undefined) throw new Error(`Service ${name} has no PRIMARY deployment.`);

  const tasks = withAdoptedTasks(breaker.records, input.tasks);
  const startsNotBefore = backoff.state.startsNotBefore;
  const common = { tasks, now, random: input.random, primaryDeploymentId: primary.id };
  let startCount = 0;
  let startOn: string[] = [];
  let desiredCount = service.desiredCount;
  let decision: {
    stop: { taskArn: string; cause: 'scheduler' | 'unhealthy' }[];
    desiredCountByDeployment: Map<string, number>;
  };
  if (service.schedulingStrategy === 'DAEMON') {
    if (input.daemonRequest === undefined) throw new Error('A DAEMON service needs its request.');
    const daemon = decideDaemon({
      ...common,
      ...(startsNotBefore !== undefined && { startsNotBefore }),
      instances: input.instances,
      request: input.daemonRequest,
      minimumHealthyPercent: service.minimumHealthyPercent,
      ...(service.healthCheckGracePeriodSeconds !== undefined && {
        healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
      }),
    });
    decision = daemon;
    startOn = daemon.startOn;
    desiredCount = daemon.desiredCount;
    for (const shortfall of daemon.unplaceable.slice(0, 1)) {
      messages.push(unableToPlace(name, shortfall));
    }
  } else {
    const replica = decideReplica({
      ...common,
      ...(startsNotBefore !== undefined && { startsNotBefore }),
      service,
      instances: input.instances,
      availableZones: input.availableZones,
      placementStrategy: input.placementStrategy,
      heldDeploymentIds: heldDeployments(breaker.records),
    });
    decision = replica;
    startCount = replica.startCount;
    if (replica.blocked) {
      messages.push(
        deploymentBlocked(name, primary.id, service.minimumHealthyPercent, service.maximumPercent),
      );
    }
  }

  const stopping = new Set(decision.stop.map((stop) => stop.taskArn));
  const tasksAfter = tasks.map((task) =>
    stopping.has(task.taskArn) ? { ...task, desiredStatus: 'STOPPED' as const } : task,
  );
  const advanced = advanceDeployments(
    breaker.records,
    name,
    decision.desiredCountByDeployment,
    tasksAfter,
    now,
  );
  const records = advanceTrafficShift(advanced.records, tasksAfter, now);
  for (const stop of decision.stop.filter((stop) => stop.cause === 'unhealthy')) {
    messages.push(failedHealthChecks(name, stop.taskArn));
  }
  messages.push(...tasksStopped(name, [...stopping]));
  messages.push(...advanced.messages);

  const fresh = messages.filter((message) => !repeatedRecently(input.events, message, now));
  let events = addEvents(input.events, fresh, now, input.random);
  const quiet = startCount === 0 && startOn.length === 0 && stopping.size === 0;
  const steady = quiet && isSteady(records, tasksAfter);
  events = addEvents(events, steadyStateMessages(name, events, steady), now, input.random);

  return {
    records,
    events,
    backoff: backoff.state,
    primary: records.find((record) => record.status === 'PRIMARY')!,
    startCount,
    startOn,
    stop: decision.stop.map((stop) => ({
      taskArn: stop.taskArn,
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason:
        stop.cause === 'unhealthy' ? failedHealthChecksReason : scalingReason(primary.id),
    })),
    desiredCount,
  };
}

/** Placement and blocked messages are not repeated while nothing changes. */
function repeatedRecently(
  events: readonly ServiceEventRecord[],
  message: string,
  now: number,
): boolean {
  const repeatable =
    message.includes('was unable to place a task') || message.includes('cannot make progress');
  return (
    repeatable &&
    events.some((event) => event.message === message && now - event.createdAt < repeatQuietPeriodMs)
  );
}
