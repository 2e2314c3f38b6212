import type { TourStepResultOf } from '../../../shared';
import { waitUntil } from '../ecs-step';
import type { StepContext } from '../step';
import type { TourLoadBalancer } from './services-load-balancer';

const policyName = 'tour-requests-per-task';
const metric = 'ALBRequestCountPerTarget';
/** Requests per task per datapoint (5 s under demo timing): 20 requests a second is well over. */
const targetValue = 10;
const requestsPerSecond = 20;
const minCapacity = 2;
const maxCapacity = 4;

interface ScalingService {
  cluster: string;
  service: string;
}

/**
 * Target tracking on requests per task, under demo timing, fed real traffic through the load
 * balancer: waits for the scale-out and for the added tasks to run. Demo timing is put back
 * as it was, and the traffic stopped, however the wait ends.
 */
export async function scaleWithTraffic(
  ctx: StepContext,
  signal: AbortSignal,
  { cluster, service }: ScalingService,
  balancer: TourLoadBalancer,
  runningCount: () => Promise<number>,
): Promise<TourStepResultOf<'services'>['autoScaling']> {
  const ref = { cluster, service };
  const settings = await ctx.call('ecs.autoScaling.settings', {}, signal);
  if (!settings.demoTiming)
    await ctx.call('ecs.autoScaling.setSettings', { demoTiming: true }, signal);
  try {
    await ctx.call('ecs.autoScaling.register', { ...ref, minCapacity, maxCapacity }, signal);
    await ctx.call(
      'ecs.autoScaling.putPolicy',
      {
        ...ref,
        request: {
          PolicyName: policyName,
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: targetValue,
            PredefinedMetricSpecification: {
              PredefinedMetricType: metric,
              ResourceLabel: balancer.resourceLabel,
            },
          },
        },
      },
      signal,
    );
    await ctx.progress(
      `Auto scaling between ${minCapacity} and ${maxCapacity} tasks, tracking ${targetValue} requests per task every 5 s (demo timing).`,
    );
    const desiredBefore = await desiredCountOf(ctx, signal, ref);
    const startedAt = ctx.elapsedMs();
    const traffic = await ctx.call(
      'ecs.traffic.start',
      { listenerArn: balancer.listenerArn, requestsPerSecond, durationSeconds: 120 },
      signal,
    );
    await ctx.progress(`Sending ${requestsPerSecond} requests a second through ${balancer.name}.`);
    let datapoints: number[] = [];
    const readDatapoints = async () => {
      const view = await ctx.call('ecs.autoScaling.get', ref, signal);
      const series = view.metrics.find((candidate) => candidate.metric === metric);
      datapoints = (series?.datapoints ?? [])
        .filter((point) => point.at >= traffic.startedAt)
        .map((point) => Math.round(point.value));
      return view;
    };
    try {
      const desiredAfter = await waitUntil(
        ctx,
        signal,
        async () => {
          await readDatapoints();
          const desired = await desiredCountOf(ctx, signal, ref);
          return desired > desiredBefore ? desired : undefined;
        },
        {
          what: `three datapoints over ${targetValue} and the scale-out`,
          timeoutMs: 75_000,
          seen: () => `requests per task so far: ${datapoints.join(', ') || 'none yet'}`,
        },
      );
      await ctx.progress(`Auto scaling set the desired count to ${desiredAfter}.`);
      const runningAfter = await waitUntil(
        ctx,
        signal,
        async () => {
          const running = await runningCount();
          return running >= desiredAfter ? running : undefined;
        },
        { what: `${desiredAfter} tasks running`, timeoutMs: 45_000 },
      );
      const view = await readDatapoints();
      return {
        policyName,
        metric,
        targetValue,
        minCapacity,
        maxCapacity,
        requestsPerSecond,
        datapoints,
        desiredBefore,
        desiredAfter,
        runningAfter,
        cause: view.activities[0]?.Cause ?? '',
        afterMs: ctx.elapsedMs() - startedAt,
      };
    } finally {
      await ctx.call('ecs.traffic.stop', { id: traffic.id }, new AbortController().signal);
    }
  } finally {
    if (!settings.demoTiming) {
      await ctx.call(
        'ecs.autoScaling.setSettings',
        { demoTiming: false },
        new AbortController().signal,
      );
    }
  }
}

async function desiredCountOf(
  ctx: StepContext,
  signal: AbortSignal,
  ref: ScalingService,
): Promise<number> {
  return (await ctx.call('ecs.services.describe', ref, signal)).desiredCount ?? 0;
}
