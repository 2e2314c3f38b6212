import { StowageError, type EcsTask } from '../../../shared';
import {
  clusterWithInstances,
  dockerEcsNeed,
  registerTourTaskDefinition,
  requireDockerRuntime,
  tourTaskOf,
  waitUntil,
} from '../ecs-step';
import { tourLabels } from '../clean-up-plan';
import { tourClusterName, tourFamily } from '../ecs-clean-up-plan';
import type { TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage, TOUR_BASE_IMAGE } from '../tour-engine';

const step = 'tasks' as const;
const cluster = tourClusterName(step);
const family = tourFamily(step);

export const tasksStep: TourStep<'tasks'> = {
  id: step,
  title: 'A task becomes a real container',
  needs: [engineNeed, busyboxNeed, dockerEcsNeed],
  async run(ctx, signal) {
    const { availabilityZones } = await requireDockerRuntime(ctx, signal);
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    await clusterWithInstances(ctx, signal, cluster, availabilityZones.slice(0, 1));
    const taskDefinition = await registerTourTaskDefinition(ctx, signal, {
      family,
      containerDefinitions: [
        {
          name: 'app',
          image: TOUR_BASE_IMAGE,
          memory: 32,
          cpu: 64,
          essential: true,
          // The base image says `base`; the task's containers are this step's.
          dockerLabels: tourLabels(step),
          command: ['sh', '-c', "echo started; trap 'exit 0' TERM; sleep 3600 & wait"],
        },
      ],
    });

    const startedAt = ctx.elapsedMs();
    const run = await ctx.call(
      'ecs.tasks.run',
      { cluster, taskDefinition, launchType: 'EC2', count: 1 },
      signal,
    );
    const taskArn = run.tasks[0]?.taskArn;
    if (!taskArn) {
      throw new StowageError(
        'OPERATION_FAILED',
        `RunTask placed no task: ${run.failures.map((failure) => failure.reason).join('; ')}`,
      );
    }
    await ctx.progress(`RunTask placed task ${taskArn.split('/').at(-1)}.`);
    let latest: EcsTask | undefined;
    const describe = async () => {
      latest = await ctx.call('ecs.tasks.describe', { cluster, task: taskArn }, signal);
      return latest;
    };
    const running = await waitUntil(
      ctx,
      signal,
      async () => {
        const task = await describe();
        return task.lastStatus === 'RUNNING' ? task : undefined;
      },
      { what: 'the task to be RUNNING', timeoutMs: 60_000, seen: () => `${latest?.lastStatus}` },
    );
    const runningAfterMs = ctx.elapsedMs() - startedAt;
    const task = await tourTaskOf(ctx, running);
    await ctx.progress(
      `The task is RUNNING as Docker container ${task.containerName} (${task.containerId.slice(0, 12)}).`,
    );

    // Killed on the engine, as `docker kill` would: ECS learns of it as it learns of any
    // container that dies without being asked to stop.
    await ctx.docker.getContainer(task.containerId).kill({ signal: 'SIGKILL' });
    await ctx.progress(`Killed container ${task.containerName} on the engine (SIGKILL).`);
    const stopped = await waitUntil(
      ctx,
      signal,
      async () => {
        const described = await describe();
        return described.lastStatus === 'STOPPED' ? described : undefined;
      },
      { what: 'the task to stop', timeoutMs: 60_000, seen: () => `${latest?.lastStatus}` },
    );
    const inspected = (await ctx.docker
      .getContainer(task.containerId)
      .inspect()
      .catch(() => undefined)) as { State?: { Status?: string } } | undefined;
    const exitCode = stopped.containers?.[0]?.exitCode;
    await ctx.progress(`The task stopped: ${stopped.stoppedReason ?? ''}`);
    return {
      step,
      cluster,
      taskDefinition,
      task,
      runningAfterMs,
      killedWith: `docker kill ${task.containerName}`,
      lastStatus: stopped.lastStatus ?? 'STOPPED',
      stopCode: stopped.stopCode ?? '',
      stoppedReason: stopped.stoppedReason ?? '',
      ...(exitCode === undefined || exitCode === null ? {} : { containerExitCode: exitCode }),
      containerState: inspected?.State?.Status ?? 'removed',
    };
  },
  summary: (result) =>
    `Task ${result.task.taskId} ran as container ${result.task.containerName}; killed, it stopped: ${result.stoppedReason}`,
};
