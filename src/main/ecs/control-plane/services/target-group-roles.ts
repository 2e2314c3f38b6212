/**
 * Which of a load balancer entry's two target groups a deployment's tasks serve in: the
 * alternate one (`advancedConfiguration.alternateTargetGroupArn`) when the deployment runs
 * there, as green or as production after a traffic-shifting deployment swapped the groups'
 * roles.
 */
import type { LoadBalancer } from '@aws-sdk/client-ecs';
import type { EcsState, TaskRecord } from '../core/state';
import { deploymentsOf, services, type ServiceRecord } from './records';
import type { ServiceDeploymentRecord } from './types';

function servedGroupArn(
  entry: LoadBalancer,
  deployment: ServiceDeploymentRecord | undefined,
): string | undefined {
  const alternate = entry.advancedConfiguration?.alternateTargetGroupArn;
  if (alternate === undefined) return entry.targetGroupArn;
  return deployment?.onAlternateGroups === true ? alternate : entry.targetGroupArn;
}

export function servingGroupArn(
  state: EcsState,
  service: ServiceRecord,
  entry: LoadBalancer,
  task: TaskRecord,
): string | undefined {
  const deployment = deploymentsOf(state, service.serviceArn).find(
    (record) => record.id === task.startedBy,
  );
  return servedGroupArn(entry, deployment);
}

/**
 * The target group the tasks of the service deployment `serviceDeploymentArn` serve in, one
 * per load balancer entry of its revision (empty for one that is not found or has none).
 */
export function servedTargetGroupArns(state: EcsState, serviceDeploymentArn: string): string[] {
  for (const service of services.all(state)) {
    const record = deploymentsOf(state, service.serviceArn).find(
      (candidate) =>
        candidate.serviceDeploymentArn === serviceDeploymentArn &&
        candidate.rollbackOf === undefined,
    );
    if (record === undefined) continue;
    return (record.loadBalancers ?? []).flatMap((entry) => servedGroupArn(entry, record) ?? []);
  }
  return [];
}
