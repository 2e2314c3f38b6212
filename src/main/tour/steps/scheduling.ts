import { StowageError, type EcsTask } from '../../../shared';
import {
  createTourCluster,
  dockerRuntimeNeed,
  idleContainer,
  launchInstances,
  placementsOf,
  registerTourDefinition,
  requireDockerRuntime,
  runningTasks,
  waitFor,
  instanceOf,
} from '../ecs-tour';
import { tourFamily } from '../ecs-clean-up-plan';
import type { StepContext, TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage } from '../tour-engine';

const step = 'scheduling';
const serviceName = 'stowage-tour-scheduled';
const zoneAttribute = 'attribute:ecs.availability-zone';

function placed(tasks: readonly EcsTask[], failures: readonly { reason?: string }[], what: string) {
  if (failures.length > 0) {
    throw new StowageError(
      'OPERATION_FAILED',
      `${what} could not place every task: ${failures.map((failure) => failure.reason).join(', ')}.`,
    );
  }
  return tasks;
}

async function runWith(
  ctx: StepContext,
  cluster: string,
  taskDefinition: string,
  count: number,
  placementStrategy: { type: 'binpack' | 'spread'; field: string }[],
  signal: AbortSignal,
) {
  const answer = await ctx.call(
    'ecs.tasks.run',
    { cluster, taskDefinition, launchType: 'EC2', count, placementStrategy },
    signal,
  );
  const label = placementStrategy.map((item) => `${item.type}(${item.field})`).join(', ');
  const tasks = placed(answer.tasks, answer.failures, `RunTask with ${label}`);
  const placements = await placementsOf(ctx, cluster, tasks, signal);
  await ctx.progress(
    `RunTask with ${label} placed ${count} tasks on ${placements.map((task) => task.ec2InstanceId).join(', ')}.`,
  );
  return placements;
}

export const schedulingStep: TourStep<'scheduling'> = {
  id: step,
  title: 'Scheduling',
  needs: [engineNeed, busyboxNeed, dockerRuntimeNeed],
  async run(ctx, signal) {
    await requireDockerRuntime(ctx, signal);
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const cluster = await createTourCluster(ctx, step, signal);
    const launched = [
      ...(await launchInstances(ctx, cluster, 'us-east-1a', 2, signal)),
      ...(await launchInstances(ctx, cluster, 'us-east-1b', 1, signal)),
    ];
    const taskDefinition = await registerTourDefinition(
      ctx,
      { family: tourFamily(step), containerDefinitions: [idleContainer({ memory: 128 })] },
      signal,
    );

    const spread = await runWith(
      ctx,
      cluster,
      taskDefinition,
      4,
      [{ type: 'spread', field: zoneAttribute }],
      signal,
    );
    // Binpack now fills the instance the spread left fullest.
    const binpack = await runWith(
      ctx,
      cluster,
      taskDefinition,
      3,
      [{ type: 'binpack', field: 'memory' }],
      signal,
    );

    const chosen = launched.at(-1);
    const started = await ctx.call(
      'ecs.tasks.start',
      { cluster, taskDefinition, containerInstances: [chosen?.containerInstanceArn ?? ''] },
      signal,
    );
    const startedPlacements = await placementsOf(
      ctx,
      cluster,
      placed(started.tasks, started.failures, 'StartTask'),
      signal,
    );
    await ctx.progress(`StartTask put a task on ${chosen?.ec2InstanceId ?? ''}, as asked.`);

    await ctx.call(
      'ecs.services.create',
      {
        request: { cluster, serviceName, taskDefinition, desiredCount: 2, launchType: 'EC2' },
      },
      signal,
    );
    await ctx.progress(`Created the service ${serviceName}: the scheduler places its 2 tasks.`);
    const all = binpack.length + spread.length + startedPlacements.length + 2;
    const running = await waitFor(
      ctx,
      { what: `all ${all} tasks running as containers`, timeoutMs: 60_000 },
      () => runningTasks(ctx, cluster, all, signal),
      signal,
    );
    const service = await placementsOf(
      ctx,
      cluster,
      running.filter((task) => task.group === `service:${serviceName}`),
      signal,
    );
    return {
      step,
      cluster,
      instances: launched.map(instanceOf),
      service,
      binpack,
      spread,
      chosenInstance: chosen?.ec2InstanceId ?? '',
      started: startedPlacements,
    };
  },
  summary: (result) =>
    `binpack put 3 tasks on ${new Set(result.binpack.map((task) => task.ec2InstanceId)).size} instance(s); spread put 4 over ${new Set(result.spread.map((task) => task.availabilityZone)).size} zones; StartTask used ${result.chosenInstance}.`,
};
