/**
 * The services' controller: each pass, one scheduler round (`tickService`) per ACTIVE service
 * on what its tasks became in the pass, carried out as changes: tasks started and stopped, the
 * deployments, events and back-off as the round left them. A DRAINING (deleted) service stops
 * its tasks and becomes INACTIVE once none is left.
 */
import type { PlaneContext } from '../core/context';
import type { Controller } from '../core/resource-module';
import type { EcsChange, EcsState, TaskRecord } from '../core/state';
import type { PlacementInstance } from '../placement';
import { usageIndexOf, type AddressBook } from '../core/usage-index';
import { withAddedTasks } from '../tasks/run';
import { requestStop } from '../tasks/lifecycle';
import { zoneOfSubnet } from '../tasks/build';
import { isZoneAvailable, withoutUnavailableZones } from '../zones/outages';
import { noBackoff } from './backoff';
import { newDeploymentId } from './names';
import { tasksStarted, tasksStopped } from './event-messages';
import { addEvents, type ServiceEventRecord } from './events';
import {
  deploymentsOf,
  eventsOf,
  inactiveServiceRetentionMs,
  serviceDeployments,
  serviceEvents,
  serviceGroup,
  serviceKey,
  services,
  tasksByService,
  toServiceTask,
  toStopNotice,
  type ServiceRecord,
} from './records';
import { repeatQuietPeriodMs, scalingReason, tickService } from './tick';
import { serviceLaunch, startDaemons, startReplicas } from './launch';
import type { ServiceDeploymentRecord, ServiceTask } from './types';
import { loadBalancingRound, withTargetHealth } from './load-balancing';
import { strategyListenerChanges } from './strategy-load-balancers';

/** What one pass shares between services: tasks started so far, addresses handed out. */
interface Pass {
  ctx: PlaneContext;
  addedByCluster: Map<string, TaskRecord[]>;
  addresses: AddressBook;
}

export const servicesController: Controller = (ctx) => {
  const all = services.all(ctx.state);
  const forgotten = all.flatMap((service) =>
    service.status === 'INACTIVE' &&
    ctx.now >= (service.inactiveAt ?? 0) + inactiveServiceRetentionMs
      ? [
          services.delete(service.serviceArn),
          serviceDeployments.delete(service.serviceArn),
          serviceEvents.delete(service.serviceArn),
        ]
      : [],
  );
  const current = all.filter((service) => service.status !== 'INACTIVE');
  if (current.length === 0) return forgotten;
  const byService = tasksByService(ctx.state);
  const pass: Pass = {
    ctx,
    addedByCluster: new Map(),
    addresses: usageIndexOf(ctx.state).addressBook(),
  };
  const tasksOf = (service: ServiceRecord) =>
    byService.get(serviceKey(service.clusterArn, service.serviceName)) ?? [];
  const balancing = loadBalancingRound(ctx, current, tasksOf);
  return [
    ...forgotten,
    ...balancing.changes,
    ...current.flatMap((service) => {
      const tasks = tasksOf(service).map((task) => balancing.stopped.get(task.taskArn) ?? task);
      const said = balancing.messages.get(service.serviceArn) ?? [];
      return service.status === 'DRAINING'
        ? drainService(ctx, service, tasks, said)
        : scheduleService(pass, service, tasks, said);
    }),
  ];
};

function drainService(
  ctx: PlaneContext,
  service: ServiceRecord,
  tasks: readonly TaskRecord[],
  said: readonly string[],
): EcsChange[] {
  const live = tasks.filter((task) => task.lastStatus !== 'STOPPED');
  if (live.length === 0) {
    return [services.put({ ...service, status: 'INACTIVE', inactiveAt: ctx.now })];
  }
  const primary = deploymentsOf(ctx.state, service.serviceArn).find(
    (record) => record.status === 'PRIMARY',
  );
  const reason = scalingReason(primary?.id ?? '');
  const stopped = live.flatMap((task) => {
    const next = requestStop(task, 'ServiceSchedulerInitiated', reason);
    return next ? [next] : [];
  });
  if (stopped.length === 0 && said.length === 0) return [];
  const events = addEvents(
    eventsOf(ctx.state, service.serviceArn),
    [
      ...said,
      ...tasksStopped(
        service.serviceName,
        stopped.map((task) => task.taskArn),
      ),
    ],
    ctx.now,
    ctx.random,
  );
  return [
    ...stopped.map((task): EcsChange => ({ kind: 'task.put', task })),
    serviceEvents.put({ serviceArn: service.serviceArn, events }),
  ];
}

function scheduleService(
  pass: Pass,
  service: ServiceRecord,
  tasks: readonly TaskRecord[],
  said: readonly string[],
): EcsChange[] {
  const { ctx } = pass;
  const { state, now } = ctx;
  const cluster = state.clusters[service.clusterArn];
  const records = deploymentsOf(state, service.serviceArn);
  if (!cluster || !records.some((record) => record.status === 'PRIMARY')) return [];
  const live = tasks.filter((task) => task.lastStatus !== 'STOPPED');
  const stopped = tasks.filter(
    (task) => task.lastStatus === 'STOPPED' && (task.stoppedAt ?? 0) > service.stopsSeenUntil,
  );
  const added = pass.addedByCluster.get(cluster.clusterArn) ?? [];
  const ec2 = service.launchType === 'EC2';
  const leaving = leavingByInstance(live);
  const instances = ec2
    ? withoutUnavailableZones(
        state,
        usageIndexOf(state).placementInstancesOf(cluster.clusterArn),
      ).map((instance) =>
        withoutLeaving(withAddedTasks(instance, added), service, leaving.get(instance.arn) ?? 0),
      )
    : [];
  const previous = records.find((record) => record.status === 'PRIMARY')!;
  const previousLaunch = launchFor(ctx, service, previous);
  if (!previousLaunch) return [];

  const outcome = tickService({
    service: {
      ...service,
      minimumHealthyPercent: service.deploymentConfiguration.minimumHealthyPercent,
      maximumPercent: service.deploymentConfiguration.maximumPercent,
      deploymentCircuitBreaker: service.deploymentConfiguration.deploymentCircuitBreaker,
    },
    records,
    tasks: schedulerTasks(state, service, live, instances),
    stops: stopped.map(toStopNotice),
    instances,
    availableZones: ec2 ? zonesOf(instances) : subnetZones(ctx, previous),
    placementStrategy: service.effectivePlacementStrategy,
    ...(service.schedulingStrategy === 'DAEMON' && {
      daemonRequest: {
        ...previousLaunch.launch.requirements,
        group: previousLaunch.launch.group,
        taskDefinitionFamily: previousLaunch.launch.definition.family,
        constraints: previousLaunch.constraints,
      },
    }),
    events: eventsOf(state, service.serviceArn),
    backoff: service.backoff,
    ...(ctx.settings.serviceBackoff && { backoffPolicy: ctx.settings.serviceBackoff }),
    now,
    random: ctx.random,
    newDeploymentId: () => newDeploymentId(ctx.random),
  });

  const changes: EcsChange[] = [];
  const byArn = new Map(live.map((task) => [task.taskArn, task]));
  for (const stop of outcome.stop) {
    const task = byArn.get(stop.taskArn);
    const next = task && requestStop(task, stop.stopCode, stop.stoppedReason);
    if (next) changes.push({ kind: 'task.put', task: next });
  }

  const messages: string[] = [...said];
  const launch =
    outcome.primary.id === previous.id ? previousLaunch : launchFor(ctx, service, outcome.primary);
  if (launch) {
    const started =
      service.schedulingStrategy === 'DAEMON'
        ? startDaemons(ctx, launch, outcome.startOn, pass.addresses)
        : startReplicas(ctx, service, launch, instances, outcome.startCount, pass.addresses, added);
    pass.addedByCluster.set(cluster.clusterArn, [...added, ...started.tasks]);
    for (const task of started.tasks) changes.push({ kind: 'task.put', task });
    messages.push(
      ...tasksStarted(
        service.serviceName,
        started.tasks.map((task) => task.taskArn),
      ),
    );
    if (started.unplaced !== undefined && !saidRecently(outcome.events, started.unplaced, now)) {
      messages.push(started.unplaced);
    }
  }
  const events = addEvents(outcome.events, messages, now, ctx.random);

  const stopsSeenUntil = Math.max(
    service.stopsSeenUntil,
    ...stopped.map((task) => task.stoppedAt ?? 0),
  );
  const listening = strategyListenerChanges(state, service, outcome.records);
  // A new PRIMARY (a rollback) starts afresh, as one UpdateService starts does.
  const nextService: ServiceRecord = {
    ...service,
    desiredCount: outcome.desiredCount,
    backoff: outcome.primary.id === previous.id ? outcome.backoff : noBackoff,
    stopsSeenUntil,
    listenerForwardsSet: listening.forwardsSet.length > 0 ? listening.forwardsSet : undefined,
  };
  if (
    nextService.desiredCount !== service.desiredCount ||
    nextService.stopsSeenUntil !== service.stopsSeenUntil ||
    JSON.stringify(nextService.backoff) !== JSON.stringify(service.backoff) ||
    JSON.stringify(nextService.listenerForwardsSet) !== JSON.stringify(service.listenerForwardsSet)
  ) {
    changes.push(services.put(nextService));
  }
  changes.push(...listening.changes);
  if (deploymentsChanged(records, outcome.records)) {
    changes.push(
      serviceDeployments.put({ serviceArn: service.serviceArn, records: outcome.records }),
    );
  }
  if (eventsChanged(eventsOf(state, service.serviceArn), events)) {
    changes.push(serviceEvents.put({ serviceArn: service.serviceArn, events }));
  }
  return changes;
}

/** The service's tasks told to stop that still hold their place, by instance. */
function leavingByInstance(live: readonly TaskRecord[]): Map<string, number> {
  const leaving = new Map<string, number>();
  for (const task of live) {
    if (task.desiredStatus !== 'STOPPED' || task.containerInstanceArn === undefined) continue;
    leaving.set(task.containerInstanceArn, (leaving.get(task.containerInstanceArn) ?? 0) + 1);
  }
  return leaving;
}

/**
 * The instance as the service's spread sees it: its tasks on their way out no longer count
 * for the group (their resources still do), so a replacement goes where the task it replaces
 * was rather than next to the others.
 */
function withoutLeaving(
  instance: PlacementInstance,
  service: ServiceRecord,
  count: number,
): PlacementInstance {
  if (count === 0) return instance;
  const group = serviceGroup(service.serviceName);
  let left = count;
  const tasks = instance.tasks.filter((task) => task.group !== group || left-- <= 0);
  const removed = instance.tasks.length - tasks.length;
  const counts = instance.taskCountByGroup && new Map(instance.taskCountByGroup);
  counts?.set(group, (counts.get(group) ?? 0) - removed);
  return { ...instance, tasks, ...(counts ? { taskCountByGroup: counts } : {}) };
}

/**
 * The service's tasks as its round sees them. A REPLICA task on a DRAINING instance counts as
 * one of an older deployment, so it is replaced as a rollout replaces tasks: within the
 * deployment configuration's limits, the new task first when maximumPercent allows.
 */
function schedulerTasks(
  state: EcsState,
  service: ServiceRecord,
  live: readonly TaskRecord[],
  instances: readonly PlacementInstance[],
): ServiceTask[] {
  const draining = new Set(
    instances.filter((instance) => instance.status === 'DRAINING').map((instance) => instance.arn),
  );
  return live.map((task) => {
    const base = toServiceTask(state, task);
    const seen = { ...base, ...withTargetHealth(state, service, task, base) };
    const drained =
      service.schedulingStrategy === 'REPLICA' && draining.has(task.containerInstanceArn ?? '');
    return drained ? { ...seen, deploymentId: drainingInstanceDeployment } : seen;
  });
}

/** Not a deployment id: what a task on a draining instance is counted as. */
const drainingInstanceDeployment = 'draining-instance';

function launchFor(ctx: PlaneContext, service: ServiceRecord, deployment: ServiceDeploymentRecord) {
  const cluster = ctx.state.clusters[service.clusterArn];
  const definition = ctx.state.taskDefinitions[deployment.taskDefinition];
  return cluster && definition
    ? serviceLaunch(service, cluster, definition, deployment)
    : undefined;
}

/**
 * The zones where a task can start now: those of ACTIVE instances with a connected agent (an
 * instance in a zone that is away counts as disconnected).
 */
function zonesOf(
  instances: readonly {
    status: string;
    agentConnected: boolean;
    attributes: Record<string, string>;
  }[],
) {
  const zones = new Set<string>();
  for (const instance of instances) {
    const zone = instance.attributes['ecs.availability-zone'];
    if (instance.status === 'ACTIVE' && instance.agentConnected && zone) zones.add(zone);
  }
  return [...zones];
}

function subnetZones(ctx: PlaneContext, deployment: ServiceDeploymentRecord): string[] {
  const subnets = deployment.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
  const zones = subnets.map((subnet) => zoneOfSubnet(ctx.settings.region, subnet));
  return [...new Set(zones.filter((zone) => isZoneAvailable(ctx.state, zone)))];
}

function saidRecently(events: readonly ServiceEventRecord[], message: string, now: number) {
  return events.some(
    (event) => event.message === message && now - event.createdAt < repeatQuietPeriodMs,
  );
}

function deploymentsChanged(
  before: readonly ServiceDeploymentRecord[],
  after: readonly ServiceDeploymentRecord[],
): boolean {
  return before.length !== after.length || after.some((record, index) => record !== before[index]);
}

function eventsChanged(
  before: readonly ServiceEventRecord[],
  after: readonly ServiceEventRecord[],
): boolean {
  return before.length !== after.length || before[0]?.id !== after[0]?.id;
}
