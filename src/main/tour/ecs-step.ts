import { shortArn, StowageError, type EcsTask, type TourTask } from '../../shared';
import type { StepContext } from './step';
import { throwIfCancelled } from './tour-engine';

export const dockerEcsNeed =
  'ECS tasks run as real containers (the Docker runtime; not with STOWAGE_ECS_RUNTIME=simulated)';

/** The zones the step uses, refusing to go on when ECS tasks are only simulated. */
export async function requireDockerRuntime(
  ctx: StepContext,
  signal: AbortSignal,
): Promise<{ availabilityZones: string[] }> {
  const status = await ctx.call('ecs.status', {}, signal);
  if (status.runtime !== 'docker') {
    throw new StowageError(
      'CONFLICT',
      'This step runs ECS tasks as real containers, but ECS tasks are simulated here (STOWAGE_ECS_RUNTIME=simulated). Start Stowage without it, with a Docker engine.',
    );
  }
  return { availabilityZones: status.availabilityZones };
}

/** Resolves after `ms`, or rejects as cancelled as soon as the step is. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new StowageError('CANCELLED', 'The step was cancelled.'));
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

export interface WaitOptions {
  /** What is awaited, in words: "the service’s two tasks running". */
  what: string;
  timeoutMs: number;
  /** What the wait has seen so far, for the progress messages and the failure. */
  seen?: () => string;
}

const pollMs = 500;
const progressEveryMs = 5_000;

/**
 * Looks at the cluster until `check` finds what the step waits for, saying every few seconds
 * what it is waiting for and what it sees; fails naming both once `timeoutMs` has passed.
 */
export async function waitUntil<T>(
  ctx: StepContext,
  signal: AbortSignal,
  check: () => Promise<T | undefined>,
  { what, timeoutMs, seen }: WaitOptions,
): Promise<T> {
  const started = ctx.elapsedMs();
  let nextProgress = started + progressEveryMs;
  await ctx.progress(`Waiting for ${what}…`);
  for (;;) {
    throwIfCancelled(signal, 'The step');
    const found = await check();
    if (found !== undefined) return found;
    const now = ctx.elapsedMs();
    const seenNow = seen ? ` (${seen()})` : '';
    if (now - started >= timeoutMs) {
      throw new StowageError(
        'OPERATION_FAILED',
        `Gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s${seenNow}.`,
      );
    }
    if (now >= nextProgress) {
      nextProgress = now + progressEveryMs;
      await ctx.progress(
        `Still waiting for ${what}: ${Math.round((now - started) / 1000)} s${seenNow}.`,
      );
    }
    await pause(pollMs, signal);
  }
}

/** A task of the tour's cluster with the real container it became. */
export async function tourTaskOf(ctx: StepContext, task: EcsTask): Promise<TourTask> {
  const containerId = task.containers?.find((container) => container.runtimeId)?.runtimeId ?? '';
  const inspected = containerId
    ? ((await ctx.docker
        .getContainer(containerId)
        .inspect()
        .catch(() => undefined)) as { Name?: string } | undefined)
    : undefined;
  return {
    taskId: shortArn(task.taskArn),
    availabilityZone: task.availabilityZone ?? '',
    containerId,
    containerName: inspected?.Name?.replace(/^\//, '') ?? '',
  };
}

/** The cluster and the instances its tasks run on, one per zone, recorded for the clean-up. */
export async function clusterWithInstances(
  ctx: StepContext,
  signal: AbortSignal,
  cluster: string,
  zones: readonly string[],
): Promise<void> {
  const created = await ctx.call('ecs.clusters.create', { clusterName: cluster }, signal);
  await ctx.created({ kind: 'ecs-cluster', id: created.clusterArn ?? cluster, name: cluster });
  for (const zone of zones) {
    await ctx.call(
      'ecs.instances.launch',
      { cluster, instanceType: 'm5.large', count: 1, availabilityZone: zone },
      signal,
    );
  }
  await ctx.progress(
    `Created cluster ${cluster} with one m5.large container instance in ${zones.join(' and ')}.`,
  );
}

/** Registers a task definition of the tour's base image and records it for the clean-up. */
export async function registerTourTaskDefinition(
  ctx: StepContext,
  signal: AbortSignal,
  definition: Record<string, unknown> & { family: string },
): Promise<string> {
  const registered = await ctx.call('ecs.taskDefinitions.register', { definition }, signal);
  const arn = registered.taskDefinitionArn ?? definition.family;
  const name = `${definition.family}:${registered.revision ?? ''}`;
  await ctx.created({ kind: 'task-definition', id: arn, name });
  await ctx.progress(`Registered task definition ${name}.`);
  return name;
}
