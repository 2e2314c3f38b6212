import { StowageError, type TourCleanUp, type TourResource } from '../../shared';
import type { CleanUpScope } from './clean-up-plan';
import { ecsCleanUpPlan, type EcsCleanUpAction, type FoundEcs } from './ecs-clean-up-plan';
import type { ContractCall } from './step';

export interface EcsCleanUpOptions {
  call: ContractCall;
  /** Resolves when it is time to look again at something still going away. */
  pause(): Promise<void>;
  /** How many times a wait looks again before it gives up. */
  maxPolls: number;
}

const STOP_REASON = 'Cleaned up by the Learn tour';

const kinds = new Set<TourResource['kind']>([
  'ecs-cluster',
  'task-definition',
  'load-balancer',
  'target-group',
]);
/** The recorded resources the ECS clean-up deals with (the engine's go by their labels). */
export const ecsResources = (resources: readonly TourResource[]): TourResource[] =>
  resources.filter((resource) => kinds.has(resource.kind));

const isGone = (error: unknown) => error instanceof StowageError && error.code === 'NOT_FOUND';
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function throwIfCancelled(signal: AbortSignal) {
  if (signal.aborted) throw new StowageError('CANCELLED', 'The clean-up was cancelled.');
}

async function findEcs(call: ContractCall, signal: AbortSignal): Promise<FoundEcs> {
  const [clusters, balancing, definitions, traffic] = await Promise.all([
    call('ecs.clusters.list', {}, signal),
    call('ecs.loadBalancers.list', {}, signal),
    call('ecs.taskDefinitions.list', {}, signal),
    call('ecs.traffic.list', {}, signal),
  ]);
  return {
    clusters: clusters
      .filter((cluster) => cluster.status === 'ACTIVE')
      .map((cluster) => ({ arn: cluster.clusterArn ?? '', name: cluster.clusterName ?? '' })),
    loadBalancers: balancing.loadBalancers.map((view) => ({
      arn: view.loadBalancer.LoadBalancerArn ?? '',
      name: view.loadBalancer.LoadBalancerName ?? '',
      listenerArns: view.listeners.map((listener) => listener.listener.ListenerArn ?? ''),
    })),
    targetGroups: balancing.targetGroups.map((view) => ({
      arn: view.targetGroup.TargetGroupArn ?? '',
      name: view.targetGroup.TargetGroupName ?? '',
    })),
    taskDefinitions: definitions.map((definition) => ({
      arn: definition.taskDefinitionArn ?? '',
      family: definition.family ?? '',
      status: definition.status ?? '',
    })),
    trafficRuns: traffic.map((run) => ({
      id: run.id,
      ...(run.listenerArn === undefined ? {} : { listenerArn: run.listenerArn }),
      ...(run.stoppedAt === undefined ? {} : { stoppedAt: run.stoppedAt }),
    })),
  };
}

/**
 * Empties a cluster as ECS requires before deleting it: services deleted with force (their
 * scalable targets deregistered) and drained, the other tasks stopped, the instances
 * deregistered with force, every task STOPPED; then the cluster goes, and the runtime's
 * containers and networks of it after it.
 */
async function emptyAndDeleteCluster(
  options: EcsCleanUpOptions,
  cluster: string,
  signal: AbortSignal,
): Promise<void> {
  const { call } = options;
  const until = async <T>(look: () => Promise<T>, done: (seen: T) => boolean, what: string) => {
    for (let poll = 0; ; poll++) {
      throwIfCancelled(signal);
      if (done(await look())) return;
      if (poll >= options.maxPolls) {
        throw new StowageError('OPERATION_FAILED', `${what} did not finish in time.`);
      }
      await options.pause();
    }
  };
  const services = (await call('ecs.services.list', { cluster }, signal)).filter(
    (service) => service.status === 'ACTIVE',
  );
  for (const service of services) {
    const ref = { cluster, service: service.serviceArn ?? service.serviceName ?? '' };
    const scaling = await call('ecs.autoScaling.get', ref, signal);
    if (scaling.scalableTarget) await call('ecs.autoScaling.deregister', ref, signal);
    await call('ecs.services.delete', { ...ref, force: true }, signal);
  }
  await until(
    () => call('ecs.services.list', { cluster }, signal),
    (left) => left.length === 0,
    `Draining the services of ${cluster}`,
  );
  const tasks = await call('ecs.tasks.list', { cluster, desiredStatus: 'RUNNING' }, signal);
  for (const task of tasks) {
    await call(
      'ecs.tasks.stop',
      { cluster, task: task.taskArn ?? '', reason: STOP_REASON },
      signal,
    );
  }
  const instances = (await call('ecs.instances.list', { cluster }, signal)).filter(
    (instance) => instance.status !== 'INACTIVE',
  );
  for (const instance of instances) {
    await call(
      'ecs.instances.deregister',
      { cluster, containerInstance: instance.containerInstanceArn ?? '', force: true },
      signal,
    );
  }
  const contents = () => call('ecs.clusters.contents', { cluster }, signal);
  await until(contents, (seen) => seen.activeTasks === 0, `Stopping the tasks of ${cluster}`);
  await call('ecs.clusters.delete', { cluster }, signal);
  await until(
    contents,
    (seen) => seen.containers === 0 && seen.networks.length === 0,
    `Removing the containers and network of ${cluster}`,
  );
}

async function perform(
  options: EcsCleanUpOptions,
  action: EcsCleanUpAction,
  signal: AbortSignal,
): Promise<TourCleanUp> {
  const { call } = options;
  switch (action.kind) {
    case 'empty-and-delete-cluster':
      await emptyAndDeleteCluster(options, action.cluster, signal);
      return { removed: [action.resource], kept: [] };
    case 'stop-traffic':
      await call('ecs.traffic.stop', { id: action.runId }, signal);
      return { removed: [], kept: [] };
    case 'delete-load-balancer':
      await call('ecs.loadBalancers.delete', { loadBalancerArn: action.resource.id }, signal);
      return { removed: [action.resource], kept: [] };
    case 'delete-target-group':
      await call('ecs.targetGroups.delete', { targetGroupArn: action.resource.id }, signal);
      return { removed: [action.resource], kept: [] };
    case 'deregister-task-definition':
      await call('ecs.taskDefinitions.deregister', { taskDefinition: action.resource.id }, signal);
      // Removed once deleted, which the next action does.
      return { removed: [], kept: [] };
    case 'delete-task-definitions': {
      const answer = await call(
        'ecs.taskDefinitions.delete',
        { taskDefinitions: action.resources.map((resource) => resource.id) },
        signal,
      );
      const failureOf = (resource: TourResource) =>
        answer.failures.find((failure) => failure.arn === resource.id);
      return {
        removed: action.resources.filter((resource) => !failureOf(resource)),
        kept: action.resources.flatMap((resource) => {
          const failure = failureOf(resource);
          return failure ? [{ resource, reason: failure.reason ?? 'ECS did not delete it.' }] : [];
        }),
      };
    }
  }
}

/**
 * Removes the tour's ECS things through the app's own calls: what the steps recorded (all of
 * them, or one step's), and the tour's clusters found by name. What ECS refuses to remove is
 * kept and said why; the rest goes on.
 */
export async function removeTourEcsResources(
  options: EcsCleanUpOptions,
  scope: CleanUpScope,
  recorded: readonly TourResource[],
  signal: AbortSignal,
): Promise<TourCleanUp> {
  const found = await findEcs(options.call, signal);
  const plan = ecsCleanUpPlan(scope, ecsResources(recorded), found);
  const outcome: TourCleanUp = { removed: [...plan.gone], kept: [] };
  const keep = (resources: readonly TourResource[], reason: string) => {
    for (const resource of resources) {
      if (!outcome.kept.some((entry) => entry.resource.id === resource.id)) {
        outcome.kept.push({ resource, reason });
      }
    }
  };
  for (const action of plan.actions) {
    throwIfCancelled(signal);
    const resources =
      action.kind === 'delete-task-definitions' ? action.resources : [action.resource];
    try {
      const done = await perform(options, action, signal);
      outcome.removed.push(...done.removed);
      for (const entry of done.kept) keep([entry.resource], entry.reason);
    } catch (error) {
      throwIfCancelled(signal);
      if (isGone(error) && action.kind !== 'stop-traffic') outcome.removed.push(...resources);
      else keep(resources, reasonOf(error));
    }
  }
  // A revision whose deregistration failed cannot have been deleted either.
  outcome.removed = outcome.removed.filter(
    (resource) => !outcome.kept.some((entry) => entry.resource.id === resource.id),
  );
  return outcome;
}
