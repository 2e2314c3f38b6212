import {
  StowageError,
  type EcsContainerInstance,
  type EcsTask,
  type PlacedTask,
  type TourStepId,
} from '../../shared';
import { tourClusterName } from './ecs-clean-up-plan';
import type { StepContext } from './step';
import { TOUR_BASE_IMAGE, throwIfCancelled } from './tour-engine';

/** Exits at once on SIGTERM, so that replacing or stopping a task takes no grace period. */
export const idleCommand = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

/** An idle container of the tour's image, as a task definition's container definition. */
export function idleContainer(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'app', image: TOUR_BASE_IMAGE, memory: 32, command: idleCommand, ...extra };
}

export const dockerRuntimeNeed =
  'ECS tasks run as real containers on the engine (the Docker runtime, the default)';

/** The ECS steps show real containers: refused, with the reason, when tasks are simulated. */
export async function requireDockerRuntime(ctx: StepContext, signal: AbortSignal) {
  const status = await ctx.call('ecs.status', {}, signal);
  if (status.runtime !== 'docker') {
    throw new StowageError(
      'CONFLICT',
      'This step runs its ECS tasks as real containers, and ECS tasks are simulated here (STOWAGE_ECS_RUNTIME=simulated). Start Stowage without it.',
    );
  }
  return status;
}

export async function createTourCluster(
  ctx: StepContext,
  step: TourStepId,
  signal: AbortSignal,
): Promise<string> {
  const clusterName = tourClusterName(step);
  const cluster = await ctx.call('ecs.clusters.create', { clusterName }, signal);
  await ctx.created({
    kind: 'ecs-cluster',
    id: cluster.clusterArn ?? clusterName,
    name: clusterName,
  });
  await ctx.progress(`Created the cluster ${clusterName}.`);
  return clusterName;
}

/** Simulated EC2 instances in one zone; their tasks run as real containers. */
export async function launchInstances(
  ctx: StepContext,
  cluster: string,
  availabilityZone: string,
  count: number,
  signal: AbortSignal,
  instanceRoleArn?: string,
) {
  const launched = await ctx.call(
    'ecs.instances.launch',
    {
      cluster,
      instanceType: 't3.small',
      count,
      availabilityZone,
      ...(instanceRoleArn && { instanceRoleArn }),
    },
    signal,
  );
  await ctx.progress(
    `Launched ${count} t3.small instance${count === 1 ? '' : 's'} in ${availabilityZone}: ${launched
      .map((instance) => instance.ec2InstanceId)
      .join(', ')}.`,
  );
  return launched;
}

/** Registers a revision and records it at once, so that a reset deletes it. */
export async function registerTourDefinition(
  ctx: StepContext,
  definition: Record<string, unknown> & { family: string },
  signal: AbortSignal,
): Promise<string> {
  const registered = await ctx.call('ecs.taskDefinitions.register', { definition }, signal);
  const arn = registered.taskDefinitionArn ?? definition.family;
  const name = `${registered.family ?? definition.family}:${registered.revision ?? 0}`;
  await ctx.created({ kind: 'task-definition', id: arn, name });
  await ctx.progress(`Registered the task definition ${name}.`);
  return arn;
}

const pauseMs = 300;

function pause(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, pauseMs);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface WaitOptions {
  /** What is awaited, for the progress line and the error when it does not come. */
  what: string;
  timeoutMs: number;
}

/**
 * Asks `check` again and again until it answers, for at most `timeoutMs`: the control plane
 * moves on its own time, and a step waits for what it wants to show, never for a fixed time.
 */
export async function waitFor<T>(
  ctx: StepContext,
  options: WaitOptions,
  check: () => Promise<T | undefined>,
  signal: AbortSignal,
): Promise<T> {
  await ctx.progress(`Waiting for ${options.what}…`);
  const deadline = ctx.elapsedMs() + options.timeoutMs;
  for (;;) {
    throwIfCancelled(signal, 'The step');
    const answer = await check();
    if (answer !== undefined) return answer;
    if (ctx.elapsedMs() > deadline) {
      throw new StowageError(
        'OPERATION_FAILED',
        `Gave up waiting for ${options.what} after ${Math.round(options.timeoutMs / 1000)} s.`,
      );
    }
    await pause(signal);
  }
}

/** The cluster's tasks meant to run, once every one of them is RUNNING (and there are `count`). */
export async function runningTasks(
  ctx: StepContext,
  cluster: string,
  count: number,
  signal: AbortSignal,
  keep: (task: EcsTask) => boolean = () => true,
): Promise<EcsTask[] | undefined> {
  const tasks = (
    await ctx.call('ecs.tasks.list', { cluster, desiredStatus: 'RUNNING' }, signal)
  ).filter(keep);
  return tasks.length === count && tasks.every((task) => task.lastStatus === 'RUNNING')
    ? tasks
    : undefined;
}

/** Where each task was placed, by the EC2 instance and zone of its container instance. */
export async function placementsOf(
  ctx: StepContext,
  cluster: string,
  tasks: readonly EcsTask[],
  signal: AbortSignal,
): Promise<PlacedTask[]> {
  const instances = await ctx.call('ecs.instances.list', { cluster }, signal);
  return tasks.map((task) => {
    const instance = instances.find(
      (candidate) => candidate.containerInstanceArn === task.containerInstanceArn,
    );
    return {
      taskArn: task.taskArn ?? '',
      ec2InstanceId: instance?.ec2InstanceId ?? 'Fargate',
      availabilityZone: task.availabilityZone ?? '',
    };
  });
}

/** `abc123` from a task's ARN, as the console shows it. */
export const taskIdOf = (taskArn: string): string => taskArn.slice(taskArn.lastIndexOf('/') + 1);

/** The availability zone a container instance is in, from its ECS attribute. */
export const zoneOf = (instance: EcsContainerInstance | undefined): string =>
  instance?.attributes?.find((attribute) => attribute.name === 'ecs.availability-zone')?.value ??
  '';

/** An instance as the tour's pictures show it. */
export const instanceOf = (instance: EcsContainerInstance | undefined) => ({
  ec2InstanceId: instance?.ec2InstanceId ?? '',
  availabilityZone: zoneOf(instance),
});
