/**
 * Which of a load balancer entry's two target groups a task serves in: the alternate one
 * (`advancedConfiguration.alternateTargetGroupArn`) when its deployment runs there, as green
 * or as production after a traffic-shifting deployment swapped the groups' roles.
 */
import type { LoadBalancer } from '@aws-sdk/client-ecs';
import type { EcsState, TaskRecord } from '../core/state';
import { deploymentsOf, type ServiceRecord } from './records';

export function servingGroupArn(
  state: EcsState,
  service: ServiceRecord,
  entry: LoadBalancer,
  task: TaskRecord,
): string | undefined {
  const alternate = entry.advancedConfiguration?.alternateTargetGroupArn;
  if (alternate === undefined) return entry.targetGroupArn;
  const deployment = deploymentsOf(state, service.serviceArn).find(
    (record) => record.id === task.startedBy,
  );
  return deployment?.onAlternateGroups === true ? alternate : entry.targetGroupArn;
}
