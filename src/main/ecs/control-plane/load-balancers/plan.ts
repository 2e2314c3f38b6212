import type { LoadBalancerPlan, PlannedTarget, TargetEndpoint } from '../core/load-balancer-port';
import { ownEntry, type EcsState, type TaskRecord } from '../core/state';
import { listeners } from '../listeners/records';
import {
  registeredTargets,
  targetGroups,
  type TargetGroupRecord,
  type TargetRecord,
} from '../target-groups/records';
import { effectiveHealth } from '../target-groups/targets';
import { loadBalancers } from './records';

/** Which runtime the tasks run on: real containers have addresses, simulated ones do not. */
export interface PlanOptions {
  runtime: 'docker' | 'simulated';
}

/**
 * What the data plane serves, derived from the state alone: every load balancer with its
 * listeners, every target group with its targets, their health and where each is reached.
 */
export function loadBalancerPlanOf(state: EcsState, options: PlanOptions): LoadBalancerPlan {
  const resolver = endpointResolver(state, options);
  return {
    loadBalancers: loadBalancers.all(state).map((lb) => ({
      loadBalancerArn: lb.loadBalancerArn,
      name: lb.name,
      dnsName: lb.dnsName,
      state: lb.state,
      listeners: listeners
        .all(state)
        .filter((listener) => listener.loadBalancerArn === lb.loadBalancerArn)
        .map((listener) => ({
          listenerArn: listener.listenerArn,
          loadBalancerArn: listener.loadBalancerArn,
          protocol: listener.protocol,
          port: listener.port,
          forward: listener.forward.map((f) => ({ ...f })),
        })),
    })),
    targetGroups: targetGroups.all(state).map((group) => ({
      targetGroupArn: group.targetGroupArn,
      name: group.name,
      protocol: group.protocol,
      port: group.port,
      targetType: group.targetType,
      healthCheck: { ...group.healthCheck },
      deregistrationDelaySeconds: group.deregistrationDelaySeconds,
      targets: (registeredTargets.get(state, group.targetGroupArn)?.targets ?? []).map((target) =>
        plannedTarget(state, group, target, resolver),
      ),
    })),
  };
}

function plannedTarget(
  state: EcsState,
  group: TargetGroupRecord,
  target: TargetRecord,
  resolve: (
    group: TargetGroupRecord,
    target: TargetRecord,
  ) => { endpoint?: TargetEndpoint; taskArn?: string },
): PlannedTarget {
  const health = effectiveHealth(state, group, target);
  const { endpoint, taskArn } = resolve(group, target);
  return {
    id: target.id,
    port: target.port,
    ...(target.availabilityZone !== undefined && { availabilityZone: target.availabilityZone }),
    state: health.state,
    ...(health.reason && { reason: health.reason }),
    ...(endpoint && { endpoint }),
    ...(taskArn !== undefined && { taskArn }),
    ...(target.drainUntil !== undefined && { drainUntil: target.drainUntil }),
  };
}

/**
 * Where each target is reached. A task's target (registered by its service, or an `ip`
 * target at a task's address): on the Docker runtime its real address (bridge and host:
 * the loopback and the published host port; awsvpc: the task's own address), on the
 * simulated runtime the task itself, healthy while it runs (ACTIVATING or RUNNING) and no essential container is
 * UNHEALTHY. Any other target: the address it was registered with (an instance is this
 * machine).
 */
function endpointResolver(state: EcsState, options: PlanOptions) {
  let byAddress: Map<string, TaskRecord> | undefined;
  const taskAt = (address: string) => {
    byAddress ??= new Map(
      Object.values(state.tasks).flatMap((task): [string, TaskRecord][] => {
        const ip = addressOf(task);
        return ip !== undefined && task.lastStatus !== 'STOPPED' ? [[ip, task]] : [];
      }),
    );
    return byAddress.get(address);
  };
  return (
    group: TargetGroupRecord,
    target: TargetRecord,
  ): { endpoint?: TargetEndpoint; taskArn?: string } => {
    const task =
      target.taskArn !== undefined
        ? ownEntry(state.tasks, target.taskArn)
        : group.targetType === 'ip'
          ? taskAt(target.id)
          : undefined;
    if (!task) {
      const host = group.targetType === 'ip' ? target.id : '127.0.0.1';
      return target.taskArn !== undefined
        ? {}
        : { endpoint: { kind: 'address', host, port: target.port } };
    }
    const taskArn = task.taskArn;
    if (task.lastStatus === 'STOPPED') return { taskArn };
    if (options.runtime === 'simulated') {
      const container = containerServing(task, target);
      return {
        taskArn,
        endpoint: {
          kind: 'simulated',
          taskArn,
          containerName: container?.name ?? '',
          // Its containers run from ACTIVATING on, when a service's task is registered.
          healthy:
            (task.lastStatus === 'ACTIVATING' || task.lastStatus === 'RUNNING') &&
            !task.containers.some((c) => c.essential && c.healthStatus === 'UNHEALTHY'),
        },
      };
    }
    if (group.targetType === 'ip') {
      const ip = addressOf(task);
      return ip === undefined
        ? { taskArn }
        : { taskArn, endpoint: { kind: 'address', host: ip, port: target.port } };
    }
    return { taskArn, endpoint: { kind: 'address', host: '127.0.0.1', port: target.port } };
  };
}

function addressOf(task: TaskRecord): string | undefined {
  return task.containers[0]?.networkInterfaces?.[0]?.privateIpv4Address;
}

/** The container the target's port leads to: by its binding or mapping, else the first. */
function containerServing(task: TaskRecord, target: TargetRecord) {
  if (target.containerName !== undefined) {
    return task.containers.find((c) => c.name === target.containerName);
  }
  return (
    task.containers.find((c) =>
      (c.networkBindings ?? []).some(
        (b) => b.hostPort === target.port || b.containerPort === target.port,
      ),
    ) ?? task.containers[0]
  );
}
