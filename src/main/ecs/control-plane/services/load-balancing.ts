/**
 * Services behind load balancers: each task's container port registered as a target in the
 * service's target groups while the task is ACTIVATING (it becomes RUNNING once registered),
 * deregistered (drained) once the task is on its way out, a task whose target turned
 * unhealthy stopped and replaced once past the health check grace period, and a task counted
 * healthy only while its targets are.
 */
import type { LoadBalancer } from '@aws-sdk/client-ecs';
import type { PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import {
  ownEntry,
  type EcsChange,
  type EcsState,
  type TaskDefinitionRecord,
  type TaskRecord,
} from '../core/state';
import {
  loadBalancerArnsOf,
  registeredTargets,
  targetGroups,
  type TargetRecord,
} from '../target-groups/records';
import { describeReason, withDeregistered, withRegistered } from '../target-groups/targets';
import { requestStop } from '../tasks/lifecycle';
import {
  deregisteredTargets,
  drainingConnections,
  failedElbHealthChecks,
  registeredTargets as registeredMessage,
  targetUnhealthy,
} from './event-messages';
import { serviceArn } from './names';
import { services, type ServiceRecord } from './records';
import { servingGroupArn } from './target-group-roles';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/** CreateService's and UpdateService's checks of `loadBalancers`, in ECS's words. */
export function checkLoadBalancers(
  state: EcsState,
  loadBalancers: readonly LoadBalancer[],
  definition: TaskDefinitionRecord,
): void {
  const networkMode = definition.networkMode ?? 'bridge';
  for (const entry of loadBalancers) {
    const arn = entry.targetGroupArn;
    if (arn === undefined) {
      throw invalid('Classic Load Balancers are not served here: name a targetGroupArn.');
    }
    const group = targetGroups.get(state, arn);
    if (!group) throw invalid(`Unable to find the target group with targetGroupArn ${arn}.`);
    if (loadBalancerArnsOf(state, arn).length === 0) {
      throw invalid(
        `The target group with targetGroupArn ${arn} does not have an associated load balancer.`,
      );
    }
    const container = definition.containerDefinitions?.find((c) => c.name === entry.containerName);
    if (!container) {
      throw invalid(`The container ${entry.containerName} does not exist in the task definition.`);
    }
    if (!(container.portMappings ?? []).some((m) => m.containerPort === entry.containerPort)) {
      throw invalid(
        `The container ${entry.containerName} did not have a container port ${entry.containerPort} defined.`,
      );
    }
    const wanted = networkMode === 'awsvpc' ? 'ip' : 'instance';
    if (group.targetType !== wanted) {
      throw invalid(
        `The provided target group ${arn} has target type ${group.targetType}, which is incompatible with the ${networkMode} network mode specified in the task definition.`,
      );
    }
  }
}

/** Where a task's container port is reached as a target, or undefined while not yet known. */
function targetOf(
  state: EcsState,
  task: TaskRecord,
  entry: LoadBalancer,
  targetType: 'ip' | 'instance',
): { id: string; port: number } | undefined {
  if (targetType === 'ip') {
    const ip = task.containers[0]?.networkInterfaces?.[0]?.privateIpv4Address;
    return ip === undefined ? undefined : { id: ip, port: entry.containerPort ?? 0 };
  }
  const instance =
    task.containerInstanceArn === undefined
      ? undefined
      : ownEntry(state.containerInstances, task.containerInstanceArn);
  const binding = task.containers
    .find((c) => c.name === entry.containerName)
    ?.networkBindings?.find((b) => b.containerPort === entry.containerPort);
  if (!instance || binding?.hostPort === undefined) return undefined;
  return { id: instance.ec2InstanceId, port: binding.hostPort };
}

const isServing = (task: TaskRecord | undefined) =>
  task !== undefined && task.desiredStatus === 'RUNNING' && task.lastStatus === 'RUNNING';

/** Registered from ACTIVATING on, until told to stop. */
const takesTraffic = (task: TaskRecord | undefined) =>
  task !== undefined &&
  task.desiredStatus === 'RUNNING' &&
  (task.lastStatus === 'ACTIVATING' || task.lastStatus === 'RUNNING');

/**
 * Whether a task must stay ACTIVATING: it belongs to a service behind load balancers and is
 * not yet a target in each of the service's target groups that exist.
 */
export function awaitsRegistration(ctx: PlaneContext, task: TaskRecord): boolean {
  const { state, settings } = ctx;
  const cluster = ownEntry(state.clusters, task.clusterArn);
  if (task.serviceName === undefined || cluster === undefined) return false;
  const service = services.get(state, serviceArn(settings, cluster.clusterName, task.serviceName));
  if (!service || service.status !== 'ACTIVE') return false;
  return service.loadBalancers.some((entry) => {
    const groupArn = servingGroupArn(state, service, entry, task);
    return (
      groupArn !== undefined &&
      targetGroups.get(state, groupArn) !== undefined &&
      !(registeredTargets.get(state, groupArn)?.targets ?? []).some(
        (t) => t.taskArn === task.taskArn && t.state !== 'draining',
      )
    );
  });
}

export interface LoadBalancingRound {
  changes: EcsChange[];
  /** Tasks this round told to stop, as they now are. */
  stopped: Map<string, TaskRecord>;
  /** Event messages by service ARN. */
  messages: Map<string, string[]>;
}

/**
 * One pass over every target group: targets of tasks told to stop drained, activating and
 * running tasks of each service registered, and unhealthy ones past their grace period
 * stopped.
 */
export function loadBalancingRound(
  ctx: PlaneContext,
  serviceList: readonly ServiceRecord[],
  tasksOf: (service: ServiceRecord) => readonly TaskRecord[],
): LoadBalancingRound {
  const { state, now } = ctx;
  const round: LoadBalancingRound = { changes: [], stopped: new Map(), messages: new Map() };
  const say = (serviceArn: string, message: string) => {
    const list = round.messages.get(serviceArn);
    if (list) list.push(message);
    else round.messages.set(serviceArn, [message]);
  };
  const byArn = new Map(serviceList.map((service) => [service.serviceArn, service]));
  const added = new Map<string, (TargetRecord & { serviceArn: string })[]>();
  for (const service of serviceList) {
    if (service.status !== 'ACTIVE') continue;
    for (const entry of service.loadBalancers) {
      for (const task of tasksOf(service)) {
        if (!takesTraffic(task)) continue;
        const group = targetGroups.get(state, servingGroupArn(state, service, entry, task) ?? '');
        if (!group) continue;
        const current = registeredTargets.get(state, group.targetGroupArn)?.targets ?? [];
        if (current.some((t) => t.taskArn === task.taskArn && t.state !== 'draining')) continue;
        const target = targetOf(state, task, entry, group.targetType);
        if (!target) continue;
        const list = added.get(group.targetGroupArn) ?? [];
        list.push({
          ...target,
          state: 'initial',
          registeredAt: now,
          taskArn: task.taskArn,
          ...(entry.containerName !== undefined && { containerName: entry.containerName }),
          serviceArn: service.serviceArn,
          ...(task.availabilityZone !== undefined && { availabilityZone: task.availabilityZone }),
        });
        added.set(group.targetGroupArn, list);
      }
    }
  }
  for (const group of targetGroups.all(state)) {
    const record = registeredTargets.get(state, group.targetGroupArn);
    const current = record?.targets ?? [];
    const leaving = current.filter(
      (t) =>
        t.taskArn !== undefined &&
        t.state !== 'draining' &&
        !takesTraffic(ownEntry(state.tasks, t.taskArn)),
    );
    const adding = added.get(group.targetGroupArn) ?? [];
    stopUnhealthy(ctx, group.targetGroupArn, current, byArn, round, say);
    if (leaving.length === 0 && adding.length === 0) continue;
    let next = withDeregistered(ctx, group, current, leaving);
    next = withRegistered(ctx, next, adding);
    round.changes.push(
      registeredTargets.put({ targetGroupArn: group.targetGroupArn, targets: next }),
    );
    for (const [serviceArn, count] of countBy(leaving)) {
      const name = byArn.get(serviceArn)?.serviceName;
      if (name === undefined) continue;
      say(serviceArn, drainingConnections(name, count));
      say(serviceArn, deregisteredTargets(name, count, group.targetGroupArn));
    }
    for (const [serviceArn, count] of countBy(adding)) {
      const name = byArn.get(serviceArn)?.serviceName;
      if (name !== undefined) say(serviceArn, registeredMessage(name, count, group.targetGroupArn));
    }
  }
  return round;
}

function countBy(targets: readonly TargetRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of targets)
    if (t.serviceArn !== undefined) counts.set(t.serviceArn, (counts.get(t.serviceArn) ?? 0) + 1);
  return counts;
}

/** Stops the serving tasks whose targets are unhealthy, once their grace period is over. */
function stopUnhealthy(
  ctx: PlaneContext,
  targetGroupArn: string,
  targets: readonly TargetRecord[],
  services: ReadonlyMap<string, ServiceRecord>,
  round: LoadBalancingRound,
  say: (serviceArn: string, message: string) => void,
): void {
  for (const target of targets) {
    if (
      target.state !== 'unhealthy' ||
      target.taskArn === undefined ||
      target.serviceArn === undefined
    )
      continue;
    const service = services.get(target.serviceArn);
    const task = round.stopped.get(target.taskArn) ?? ownEntry(ctx.state.tasks, target.taskArn);
    if (!service || !task || !isServing(task)) continue;
    const graceMs = (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
    if (ctx.now < (task.startedAt ?? 0) + graceMs) continue;
    const next = requestStop(
      task,
      'ServiceSchedulerInitiated',
      failedElbHealthChecks(targetGroupArn),
    );
    if (!next) continue;
    round.stopped.set(task.taskArn, next);
    round.changes.push({ kind: 'task.put', task: next });
    const instanceId = /^i-/.test(target.id) ? target.id : undefined;
    say(
      service.serviceArn,
      targetUnhealthy(
        service.serviceName,
        { port: target.port, ...(instanceId !== undefined && { instanceId }) },
        targetGroupArn,
        describeReason(target.reason ?? 'Target.FailedHealthChecks'),
      ),
    );
  }
}

/**
 * A task of a service behind load balancers as its scheduler counts it: health-checked, and
 * HEALTHY only once every one of its targets is (and no container says otherwise).
 */
export function withTargetHealth(
  state: EcsState,
  service: ServiceRecord,
  task: TaskRecord,
  seen: { healthStatus?: string; healthChecked?: boolean },
): { healthStatus?: string; healthChecked: boolean } {
  if (service.loadBalancers.length === 0)
    return { ...seen, healthChecked: seen.healthChecked ?? false };
  const groups = service.loadBalancers.flatMap((entry) => {
    const arn = servingGroupArn(state, service, entry, task);
    return arn === undefined ? [] : [arn];
  });
  const healthy = groups.every((arn) =>
    (registeredTargets.get(state, arn)?.targets ?? []).some(
      (t) => t.taskArn === task.taskArn && t.state === 'healthy',
    ),
  );
  const containersFine = seen.healthChecked !== true || seen.healthStatus === 'HEALTHY';
  return {
    healthChecked: true,
    healthStatus:
      healthy && containersFine
        ? 'HEALTHY'
        : seen.healthStatus === 'UNHEALTHY'
          ? 'UNHEALTHY'
          : 'UNKNOWN',
  };
}
