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
import type { TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage } from '../tour-engine';

const step = 'agent';
const serviceName = 'stowage-tour-agent-web';
const desiredCount = 2;

export const agentStep: TourStep<'agent'> = {
  id: step,
  title: 'The container agent',
  needs: [engineNeed, busyboxNeed, dockerRuntimeNeed],
  async run(ctx, signal) {
    await requireDockerRuntime(ctx, signal);
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const cluster = await createTourCluster(ctx, step, signal);
    const launched = [
      ...(await launchInstances(ctx, cluster, 'us-east-1a', 1, signal)),
      ...(await launchInstances(ctx, cluster, 'us-east-1b', 1, signal)),
    ];
    const taskDefinition = await registerTourDefinition(
      ctx,
      { family: tourFamily(step), containerDefinitions: [idleContainer()] },
      signal,
    );
    await ctx.call(
      'ecs.services.create',
      {
        request: { cluster, serviceName, taskDefinition, desiredCount, launchType: 'EC2' },
      },
      signal,
    );
    await ctx.progress(`Created the service ${serviceName} with ${desiredCount} tasks.`);
    const first = await waitFor(
      ctx,
      { what: `${desiredCount} tasks running, one on each instance`, timeoutMs: 45_000 },
      () => runningTasks(ctx, cluster, desiredCount, signal),
      signal,
    );
    const before = await placementsOf(ctx, cluster, first, signal);
    const victim = launched.find(
      (instance) => instance.containerInstanceArn === first[0]?.containerInstanceArn,
    );
    const victimArn = victim?.containerInstanceArn ?? '';
    const victimId = victim?.ec2InstanceId ?? '';
    await ctx.call(
      'ecs.instances.setAgent',
      { cluster, containerInstance: victimArn, connected: false },
      signal,
    );
    await ctx.progress(
      `Disconnected the container agent on ${victimId}: ECS no longer hears from it, and its tasks are lost.`,
    );
    const replaced = await waitFor(
      ctx,
      {
        what: `the service to run ${desiredCount} tasks again, none on ${victimId}`,
        timeoutMs: 45_000,
      },
      async () => {
        const tasks = await runningTasks(ctx, cluster, desiredCount, signal);
        return tasks?.every((task) => task.containerInstanceArn !== victimArn) ? tasks : undefined;
      },
      signal,
    );
    const after = await placementsOf(ctx, cluster, replaced, signal);
    const lostArns = new Set(
      before.filter((task) => task.ec2InstanceId === victimId).map((task) => task.taskArn),
    );
    const stopped = await ctx.call('ecs.tasks.list', { cluster, desiredStatus: 'STOPPED' }, signal);
    const stoppedReasons = [
      ...new Set(
        stopped
          .filter((task) => lostArns.has(task.taskArn ?? ''))
          .map((task) => task.stoppedReason ?? ''),
      ),
    ].filter(Boolean);
    return {
      step,
      cluster,
      service: serviceName,
      disconnected: instanceOf(victim),
      instances: launched.map(instanceOf),
      before,
      after,
      stoppedReasons,
    };
  },
  summary: (result) =>
    `The agent on ${result.disconnected.ec2InstanceId} went away; the service runs its ${result.after.length} tasks on ${[
      ...new Set(result.after.map((task) => task.ec2InstanceId)),
    ].join(', ')}.`,
};
