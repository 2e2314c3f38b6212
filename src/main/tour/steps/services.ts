import { shortArn, StowageError, type EcsTask, type TourTask } from '../../../shared';
import {
  clusterWithInstances,
  dockerEcsNeed,
  registerTourTaskDefinition,
  requireDockerRuntime,
  tourTaskOf,
  waitUntil,
} from '../ecs-step';
import { tourLabels } from '../clean-up-plan';
import { tourClusterName, tourElbName, tourFamily } from '../ecs-clean-up-plan';
import type { StepContext, TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage, TOUR_BASE_IMAGE } from '../tour-engine';
import {
  createLoadBalancer,
  curlThrough,
  healthyTargets,
  listenerPort,
} from './services-load-balancer';
import { scaleWithTraffic } from './services-scaling';

const step = 'services' as const;
const cluster = tourClusterName(step);
const service = 'web';
const family = tourFamily(step);
const balancerName = tourElbName(step);
const desiredCount = 2;

/** Each task serves its container's hostname, so an answer says which task gave it. */
const webDefinition = {
  family,
  containerDefinitions: [
    {
      name: 'web',
      image: TOUR_BASE_IMAGE,
      memory: 32,
      cpu: 64,
      essential: true,
      // The base image says `base`; the tasks' containers are this step's.
      dockerLabels: tourLabels(step),
      // httpd as PID 1 ignores SIGTERM: a short stop timeout keeps replacements quick.
      stopTimeout: 2,
      command: [
        'sh',
        '-c',
        `mkdir -p /srv && hostname > /srv/index.html && exec httpd -f -p ${listenerPort} -h /srv`,
      ],
      portMappings: [{ containerPort: listenerPort, hostPort: 0 }],
    },
  ],
};

/** The service's tasks the control plane means to run, as it describes them. */
async function liveTasks(ctx: StepContext, signal: AbortSignal): Promise<EcsTask[]> {
  const tasks = await ctx.call('ecs.tasks.list', { cluster, desiredStatus: 'RUNNING' }, signal);
  return tasks.filter((task) => task.group === `service:${service}`);
}

const runningOf = (tasks: readonly EcsTask[]) =>
  tasks.filter((task) => task.lastStatus === 'RUNNING');

/**
 * Waits until the service runs its desired count, each task healthy behind the load balancer,
 * and `holds` of those tasks; answers them with their containers.
 */
async function steadyService(
  ctx: StepContext,
  signal: AbortSignal,
  targetGroupArn: string,
  what: string,
  holds: (tasks: readonly EcsTask[]) => boolean = () => true,
): Promise<TourTask[]> {
  let seen = '';
  const tasks = await waitUntil(
    ctx,
    signal,
    async () => {
      const running = runningOf(await liveTasks(ctx, signal));
      const healthy = await healthyTargets(ctx, signal, targetGroupArn);
      seen = `${running.length} running, ${healthy} healthy targets`;
      return running.length === desiredCount && healthy === desiredCount && holds(running)
        ? running
        : undefined;
    },
    { what, timeoutMs: 60_000, seen: () => seen },
  );
  return Promise.all(tasks.map((task) => tourTaskOf(ctx, task)));
}

const describeTask = (ctx: StepContext, signal: AbortSignal, task: string) =>
  ctx.call('ecs.tasks.describe', { cluster, task }, signal);

/** Takes a zone away until the service runs all its tasks elsewhere, then brings it back. */
async function loseZone(
  ctx: StepContext,
  signal: AbortSignal,
  zone: string,
  before: readonly TourTask[],
  targetGroupArn: string,
) {
  const lost = before.filter((task) => task.availabilityZone === zone);
  const startedAt = ctx.elapsedMs();
  await ctx.call('ecs.faults.setZone', { availabilityZone: zone, available: false }, signal);
  try {
    await ctx.progress(`Took availability zone ${zone} away.`);
    const tasksAfter = await steadyService(
      ctx,
      signal,
      targetGroupArn,
      `the service to move its tasks out of ${zone}`,
      (running) => running.every((task) => task.availabilityZone !== zone),
    );
    const lostTask = lost[0] && (await describeTask(ctx, signal, lost[0].taskId));
    return {
      zone,
      lost,
      stoppedReason: lostTask?.stoppedReason ?? '',
      tasksAfter,
      afterMs: ctx.elapsedMs() - startedAt,
    };
  } finally {
    // The zone is everyone's: it comes back however the step ends.
    await ctx.call(
      'ecs.faults.setZone',
      { availabilityZone: zone, available: true },
      new AbortController().signal,
    );
  }
}

export const servicesStep: TourStep<'services'> = {
  id: step,
  title: 'A service keeps its tasks running',
  needs: [engineNeed, busyboxNeed, dockerEcsNeed],
  async run(ctx, signal) {
    const { availabilityZones } = await requireDockerRuntime(ctx, signal);
    const zones = availabilityZones.slice(0, 2);
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    await clusterWithInstances(ctx, signal, cluster, zones);
    const taskDefinition = await registerTourTaskDefinition(ctx, signal, webDefinition);
    const balancer = await createLoadBalancer(ctx, signal, balancerName);
    await ctx.call(
      'ecs.services.create',
      {
        request: {
          cluster,
          serviceName: service,
          taskDefinition,
          desiredCount,
          launchType: 'EC2',
          loadBalancers: [
            {
              targetGroupArn: balancer.targetGroupArn,
              containerName: 'web',
              containerPort: listenerPort,
            },
          ],
        },
      },
      signal,
    );
    await ctx.progress(`Created service ${service} with a desired count of ${desiredCount}.`);
    const tasks = await steadyService(
      ctx,
      signal,
      balancer.targetGroupArn,
      `the service’s ${desiredCount} tasks running and healthy`,
    );

    // 1. A task dies: the service starts another to keep the desired count.
    const killed = tasks[0] as TourTask;
    const killedAt = ctx.elapsedMs();
    await ctx.call('ecs.faults.killContainer', { cluster, task: killed.taskId }, signal);
    await ctx.progress(`Killed task ${killed.taskId}’s container ${killed.containerName}.`);
    const original = new Set(tasks.map((task) => task.taskId));
    const afterKill = await steadyService(
      ctx,
      signal,
      balancer.targetGroupArn,
      'the service to replace the killed task',
      (running) => running.some((task) => !original.has(shortArn(task.taskArn))),
    );
    const replacedBy = afterKill.find((task) => !original.has(task.taskId)) as TourTask;
    const killedTask = await describeTask(ctx, signal, killed.taskId);
    const replacement = {
      killed,
      stoppedReason: killedTask.stoppedReason ?? '',
      replacedBy,
      afterMs: ctx.elapsedMs() - killedAt,
    };
    await ctx.progress(`Task ${replacedBy.taskId} replaced it in ${replacedBy.availabilityZone}.`);

    // 2. A zone goes away: its tasks are lost and the service places them in the other zone.
    const zone = replacedBy.availabilityZone;
    const zoneLoss = await loseZone(ctx, signal, zone, afterKill, balancer.targetGroupArn);
    await ctx.progress(`All ${desiredCount} tasks run outside ${zone}; the zone is back.`);

    // 3. Real requests through the load balancer, answered by each task in turn.
    const { url, answers } = await curlThrough(ctx, signal, balancer, zoneLoss.tasksAfter);
    if (answers.some((answer) => answer.status !== 200)) {
      throw new StowageError(
        'OPERATION_FAILED',
        `The load balancer answered ${answers.map((answer) => answer.status).join(', ')}.`,
      );
    }

    // 4. Auto scaling follows the requests each task serves.
    const autoScaling = await scaleWithTraffic(
      ctx,
      signal,
      { cluster, service },
      balancer,
      async () => runningOf(await liveTasks(ctx, signal)).length,
    );

    return {
      step,
      cluster,
      service,
      desiredCount,
      zones,
      tasks,
      replacement,
      zoneLoss,
      loadBalancer: { name: balancer.name, dnsName: balancer.dnsName, url, answers },
      autoScaling,
    };
  },
  summary: (result) =>
    `Service ${result.service} replaced a killed task, left ${result.zoneLoss.zone} for the other zone, answered through ${result.loadBalancer.name} from ${new Set(result.loadBalancer.answers.map((answer) => answer.taskId)).size} tasks, and scaled out to ${result.autoScaling.desiredAfter} under load.`,
};
