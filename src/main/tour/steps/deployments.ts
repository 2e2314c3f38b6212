import type { EcsService } from '../../../shared';
import {
  createTourCluster,
  dockerRuntimeNeed,
  idleContainer,
  launchInstances,
  registerTourDefinition,
  requireDockerRuntime,
  runningTasks,
  waitFor,
} from '../ecs-tour';
import { tourFamily } from '../ecs-clean-up-plan';
import type { StepContext, TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage } from '../tour-engine';

const step = 'deployments';
const serviceName = 'stowage-tour-web';
const family = tourFamily(step);
const desiredCount = 3;

/** What each revision changes, shown beside its deployment. */
const revisions = [
  { version: '1', change: 'The first version', broken: false },
  { version: '2', change: 'A new version (VERSION=2)', broken: false },
  {
    version: '3',
    change: 'A broken version: its health check always fails',
    broken: true,
  },
] as const;

function definitionOf(revision: (typeof revisions)[number]) {
  return {
    family,
    containerDefinitions: [
      idleContainer({
        environment: [{ name: 'VERSION', value: revision.version }],
        // The shortest health check ECS allows: the broken version is unhealthy within seconds.
        ...(revision.broken && {
          healthCheck: {
            command: ['CMD-SHELL', 'exit 1'],
            interval: 5,
            timeout: 2,
            retries: 1,
            startPeriod: 0,
          },
        }),
      }),
    ],
  };
}

/** `family:revision` of a task definition ARN. */
const shortName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

async function describe(ctx: StepContext, cluster: string, signal: AbortSignal) {
  return ctx.call('ecs.services.describe', { cluster, service: serviceName }, signal);
}

/** The service settled on one revision: one COMPLETED deployment, all its tasks running. */
function steadyOn(ctx: StepContext, cluster: string, arn: string, signal: AbortSignal) {
  return waitFor(
    ctx,
    {
      what: `${desiredCount} tasks of ${shortName(arn)} running, and nothing else`,
      timeoutMs: 60_000,
    },
    async (): Promise<EcsService | undefined> => {
      const service = await describe(ctx, cluster, signal);
      const [deployment, ...others] = service.deployments ?? [];
      if (others.length > 0 || deployment?.rolloutState !== 'COMPLETED') return undefined;
      if (deployment.taskDefinition !== arn) return undefined;
      const tasks = await runningTasks(ctx, cluster, desiredCount, signal);
      return tasks?.every((task) => task.taskDefinitionArn === arn) ? service : undefined;
    },
    signal,
  );
}

export const deploymentsStep: TourStep<'deployments'> = {
  id: step,
  title: 'Deployments',
  needs: [engineNeed, busyboxNeed, dockerRuntimeNeed],
  async run(ctx, signal) {
    await requireDockerRuntime(ctx, signal);
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const cluster = await createTourCluster(ctx, step, signal);
    await launchInstances(ctx, cluster, 'us-east-1a', 2, signal);
    const changes = new Map<string, string>();
    const register = async (revision: (typeof revisions)[number]) => {
      const arn = await registerTourDefinition(ctx, definitionOf(revision), signal);
      changes.set(arn, revision.change);
      return arn;
    };

    const first = await register(revisions[0]);
    await ctx.call(
      'ecs.services.create',
      {
        request: {
          cluster,
          serviceName,
          taskDefinition: first,
          desiredCount,
          launchType: 'EC2',
          deploymentConfiguration: {
            minimumHealthyPercent: 100,
            maximumPercent: 200,
            deploymentCircuitBreaker: { enable: true, rollback: true },
          },
        },
      },
      signal,
    );
    await ctx.progress(`Created the service ${serviceName} with ${desiredCount} tasks.`);
    await steadyOn(ctx, cluster, first, signal);

    const second = await register(revisions[1]);
    await ctx.call(
      'ecs.services.update',
      { request: { cluster, service: serviceName, taskDefinition: second } },
      signal,
    );
    await ctx.progress(
      `Rolling out ${shortName(second)}: new tasks first, then the old ones stop.`,
    );
    await steadyOn(ctx, cluster, second, signal);

    const broken = await register(revisions[2]);
    await ctx.call(
      'ecs.services.update',
      { request: { cluster, service: serviceName, taskDefinition: broken } },
      signal,
    );
    await ctx.progress(
      `Rolling out ${shortName(broken)}, whose tasks never become healthy. The circuit breaker counts them.`,
    );
    let failedSoFar = 0;
    await waitFor(
      ctx,
      { what: 'the circuit breaker to roll back', timeoutMs: 90_000 },
      async () => {
        const service = await describe(ctx, cluster, signal);
        const attempt = service.deployments?.find((item) => item.taskDefinition === broken);
        const failed = attempt?.failedTasks ?? 0;
        if (failed > failedSoFar) {
          failedSoFar = failed;
          await ctx.progress(
            `${failed} task${failed === 1 ? '' : 's'} of ${shortName(broken)} failed.`,
          );
        }
        return attempt?.rolloutState === 'FAILED' ? service : undefined;
      },
      signal,
    );
    await ctx.progress(`The circuit breaker tripped: back to ${shortName(second)}.`);
    const settled = await steadyOn(ctx, cluster, second, signal);

    const history = await ctx.call(
      'ecs.services.deployments',
      { cluster, service: serviceName },
      signal,
    );
    const targets = history.flatMap((item) =>
      item.targetServiceRevision?.arn ? [item.targetServiceRevision.arn] : [],
    );
    const described =
      targets.length > 0
        ? await ctx.call('ecs.services.revisions', { serviceRevisionArns: targets }, signal)
        : [];
    const definitionOfRevision = (arn: string | undefined) =>
      described.find((revision) => revision.serviceRevisionArn === arn)?.taskDefinition ?? '';
    const rows = [...history].reverse().map((item) => {
      const arn = definitionOfRevision(item.targetServiceRevision?.arn);
      return {
        taskDefinition: shortName(arn),
        status: item.status ?? 'UNKNOWN',
        change: changes.get(arn) ?? '',
        failedTasks: item.deploymentCircuitBreaker?.failureCount ?? 0,
        ...(item.statusReason && { statusReason: item.statusReason }),
      };
    });
    const events = [...(settled.events ?? [])]
      .reverse()
      .map((event) => event.message ?? '')
      .filter((message) => /deployment|circuit breaker|rolling back/i.test(message))
      .slice(-20);
    return {
      step,
      cluster,
      service: serviceName,
      deployments: rows.slice(-10),
      runningTaskDefinition: shortName(second),
      runningTasks: settled.runningCount ?? 0,
      events,
    };
  },
  summary: (result) => {
    const rolledBack = result.deployments.find((row) => row.status.startsWith('ROLLBACK'));
    return rolledBack
      ? `${rolledBack.taskDefinition} failed and was rolled back: ${result.runningTasks} tasks of ${result.runningTaskDefinition} run.`
      : `${result.runningTasks} tasks of ${result.runningTaskDefinition} run.`;
  },
};
