import { shortArn } from '../../../shared';
import type { EcsStateChangeEvent } from '../../../shared/contract/ecs';

export interface EcsEventRow {
  event: EcsStateChangeEvent;
  /** "Task state change" or "Container instance state change". */
  kind: string;
  cluster: string;
  /** The task id, or the instance by its EC2 id. */
  resource: string;
  /** The task definition and where it runs: "web:3 on i-0abc", "Fargate". */
  context: string;
  /** The task's lastStatus, or the instance's status. */
  status: string;
  /** The task's desiredStatus (an instance has none). */
  desired: string;
  /** Why: the stop reason, or the agent's connection. */
  reason: string;
}

/** One event of the ECS log as the table shows it, worded as the ECS event's fields are. */
export function ecsEventRow(event: EcsStateChangeEvent): EcsEventRow {
  const cluster = shortArn(event.clusterArn);
  if (event.detailType === 'ECS Task State Change') {
    const where =
      event.launchType === 'FARGATE'
        ? 'Fargate'
        : (event.ec2InstanceId ?? shortArn(event.containerInstanceArn));
    return {
      event,
      kind: 'Task state change',
      cluster,
      resource: shortArn(event.resourceArn),
      context: [shortArn(event.taskDefinitionArn), where ? `on ${where}` : '', event.group ?? '']
        .filter(Boolean)
        .join(' '),
      status: event.lastStatus ?? '',
      desired: event.desiredStatus ?? '',
      reason: event.stoppedReason
        ? `stoppedReason: ${event.stoppedReason}${event.stopCode ? ` (${event.stopCode})` : ''}`
        : '',
    };
  }
  return {
    event,
    kind: 'Instance state change',
    cluster,
    resource: event.ec2InstanceId ?? shortArn(event.resourceArn),
    context: shortArn(event.resourceArn),
    status: event.status ?? '',
    desired: '',
    reason: event.agentConnected === false ? 'agentConnected: false' : 'agentConnected: true',
  };
}

/** Whether every word of `text` is in the row (any case). */
export function ecsRowMatches(row: EcsEventRow, text: string): boolean {
  const haystack = [
    row.kind,
    row.cluster,
    row.resource,
    row.context,
    row.status,
    row.desired,
    row.reason,
  ]
    .join(' ')
    .toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
