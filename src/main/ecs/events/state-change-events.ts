import type { EcsStateChangeEvent } from '../../../shared/contract/ecs';
import type { EcsChange, EcsState } from '../control-plane/core/state';

/** What a resource's last event said, so only real state changes make a new one. */
export type LastSeen = Map<string, string>;

const taskKey = (lastStatus: string, desiredStatus: string) => `${lastStatus}/${desiredStatus}`;
const instanceKey = (status: string, agentConnected: boolean) => `${status}/${agentConnected}`;

/** Remembers every task's and instance's state as it is, so the next change is compared to it. */
export function lastSeenOf(state: EcsState): LastSeen {
  const seen: LastSeen = new Map();
  for (const task of Object.values(state.tasks)) {
    seen.set(task.taskArn, taskKey(task.lastStatus, task.desiredStatus));
  }
  for (const instance of Object.values(state.containerInstances)) {
    seen.set(instance.containerInstanceArn, instanceKey(instance.status, instance.agentConnected));
  }
  return seen;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;

/**
 * The ECS events a committed batch makes: an "ECS Task State Change" when a task's lastStatus
 * or desiredStatus moved, an "ECS Container Instance State Change" when an instance's status
 * or agent connection did. Other updates of the same records (a container's port, a version)
 * make none, as with ECS. `seen` is brought up to date.
 */
export function stateChangeEvents(
  changes: readonly EcsChange[],
  state: EcsState,
  seen: LastSeen,
  now: number,
): EcsStateChangeEvent[] {
  const events: EcsStateChangeEvent[] = [];
  for (const change of changes) {
    if (change.kind === 'task.put') {
      const { task } = change;
      const key = taskKey(task.lastStatus, task.desiredStatus);
      if (seen.get(task.taskArn) === key) continue;
      seen.set(task.taskArn, key);
      const instance = task.containerInstanceArn
        ? state.containerInstances[task.containerInstanceArn]
        : undefined;
      events.push(
        defined({
          id: `${task.taskArn}#${task.version}`,
          time: now,
          detailType: 'ECS Task State Change',
          clusterArn: task.clusterArn,
          resourceArn: task.taskArn,
          lastStatus: task.lastStatus,
          desiredStatus: task.desiredStatus,
          stoppedReason: task.stoppedReason,
          stopCode: task.stopCode,
          taskDefinitionArn: task.taskDefinitionArn,
          group: task.group,
          launchType: task.launchType,
          containerInstanceArn: task.containerInstanceArn,
          ec2InstanceId: instance?.ec2InstanceId,
        }),
      );
    } else if (change.kind === 'task.delete') {
      seen.delete(change.arn);
    } else if (change.kind === 'containerInstance.put') {
      const instance = change.containerInstance;
      const key = instanceKey(instance.status, instance.agentConnected);
      if (seen.get(instance.containerInstanceArn) === key) continue;
      seen.set(instance.containerInstanceArn, key);
      events.push({
        id: `${instance.containerInstanceArn}#${instance.version}`,
        time: now,
        detailType: 'ECS Container Instance State Change',
        clusterArn: instance.clusterArn,
        resourceArn: instance.containerInstanceArn,
        ec2InstanceId: instance.ec2InstanceId,
        status: instance.status,
        agentConnected: instance.agentConnected,
      });
    }
  }
  return events;
}

/** The most recent state-change events, kept in memory (the log starts with the app). */
export class EcsEventLog {
  private readonly events: EcsStateChangeEvent[] = [];
  private seen: LastSeen = new Map();

  constructor(private readonly capacity = 1000) {}

  /** Starts from the state as it is: what already happened makes no event. */
  start(state: EcsState): void {
    this.seen = lastSeenOf(state);
  }

  record(changes: readonly EcsChange[], state: EcsState, now: number): void {
    this.events.push(...stateChangeEvents(changes, state, this.seen, now));
    if (this.events.length > this.capacity) {
      this.events.splice(0, this.events.length - this.capacity);
    }
  }

  /** Newest first; only the cluster's when one is given (by name or ARN). */
  list(cluster?: string): EcsStateChangeEvent[] {
    const matches = (event: EcsStateChangeEvent) =>
      cluster === undefined ||
      event.clusterArn === cluster ||
      event.clusterArn.endsWith(`:cluster/${cluster}`);
    return this.events.filter(matches).reverse();
  }
}
