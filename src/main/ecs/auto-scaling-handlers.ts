import { StowageError } from '../../shared';
import type {
  AutoScalingView,
  MetricSeries,
  ecsAutoScalingCalls,
} from '../../shared/contract/ecs-load-balancing';
import type { CallHandler } from '../rpc/handlers';
import { setAutoScalingSettingsOperation } from './control-plane/auto-scaling/activity-operations';
import { demoTimingOf, scalableDimension } from './control-plane/auto-scaling/records';
import type { EcsControlPlane } from './control-plane/core/control-plane';
import type { AppEcs, EcsSimulator } from './simulator';
import { toWire } from './wire';

type AutoScalingHandlers = { [K in keyof typeof ecsAutoScalingCalls]: CallHandler<K> };

interface ScalableService {
  resourceId: string;
  serviceArn: string;
}

/** The service a call names, as Application Auto Scaling names it (`service/<c>/<s>`). */
async function scalableService(
  plane: EcsControlPlane,
  cluster: string,
  service: string,
): Promise<ScalableService> {
  const answer = await plane.describeServices({ cluster, services: [service] });
  const found = answer.services?.[0];
  if (!found?.serviceArn || !found.clusterArn || !found.serviceName) {
    throw new StowageError('NOT_FOUND', `The service ${service} was not found.`);
  }
  const clusterName = found.clusterArn.slice(found.clusterArn.lastIndexOf('/') + 1);
  return {
    resourceId: `service/${clusterName}/${found.serviceName}`,
    serviceArn: found.serviceArn,
  };
}

/** Every page of a Describe* operation of Application Auto Scaling. */
async function everyPage<R extends { NextToken?: string | undefined }>(
  page: (nextToken: string | undefined) => Promise<R>,
): Promise<R[]> {
  const pages: R[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await page(nextToken);
    pages.push(answer);
    nextToken = answer.NextToken;
  } while (nextToken);
  return pages;
}

async function viewOf(simulator: EcsSimulator, target: ScalableService): Promise<AutoScalingView> {
  const plane = simulator.controlPlane;
  const ref = { ServiceNamespace: 'ecs' as const, ResourceId: target.resourceId };
  const { ScalableTargets } = await plane.describeScalableTargets({
    ServiceNamespace: 'ecs',
    ResourceIds: [target.resourceId],
  });
  const policies = (
    await everyPage((NextToken) => plane.describeScalingPolicies({ ...ref, NextToken }))
  ).flatMap((page) => page.ScalingPolicies ?? []);
  const activities = (
    await everyPage((NextToken) => plane.describeScalingActivities({ ...ref, NextToken }))
  ).flatMap((page) => page.ScalingActivities ?? []);
  const metrics = simulator.autoScaling.metricsOf(target.resourceId).map((series) => {
    const tracking = policies.find((policy) => {
      const spec = policy.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification;
      return (
        spec?.PredefinedMetricType === series.metric.metric &&
        spec.ResourceLabel === series.metric.resourceLabel
      );
    });
    const targetValue = tracking?.TargetTrackingScalingPolicyConfiguration?.TargetValue;
    const view: MetricSeries = {
      metric: series.metric.metric,
      periodSeconds: series.periodSeconds,
      datapoints: series.datapoints.map((point) => ({ ...point })),
      ...(targetValue !== undefined && { targetValue }),
    };
    return view;
  });
  const scalableTarget = ScalableTargets?.[0];
  return {
    ...(scalableTarget && { scalableTarget: toWire(scalableTarget) }),
    policies: toWire(policies),
    activities: toWire(activities),
    metrics,
    ...(!simulator.autoScaling.readsRealStats && {
      load: simulator.autoScaling.loadOf(target.serviceArn),
    }),
  };
}

/** The contract's Application Auto Scaling calls, over the control plane's own operations. */
export function ecsAutoScalingHandlers(ecs: AppEcs): AutoScalingHandlers {
  const open = async (cluster: string, service: string) => {
    const simulator = await ecs.get();
    const target = await scalableService(simulator.controlPlane, cluster, service);
    const resource = {
      ServiceNamespace: 'ecs' as const,
      ResourceId: target.resourceId,
      ScalableDimension: scalableDimension,
    };
    return { simulator, plane: simulator.controlPlane, target, resource };
  };
  return {
    'ecs.autoScaling.get': async ({ cluster, service }) => {
      const { simulator, target } = await open(cluster, service);
      return viewOf(simulator, target);
    },
    'ecs.autoScaling.register': async ({ cluster, service, minCapacity, maxCapacity }) => {
      const { simulator, plane, target, resource } = await open(cluster, service);
      await plane.registerScalableTarget({
        ...resource,
        MinCapacity: minCapacity,
        MaxCapacity: maxCapacity,
      });
      return viewOf(simulator, target);
    },
    'ecs.autoScaling.deregister': async ({ cluster, service }) => {
      const { plane, resource } = await open(cluster, service);
      await plane.deregisterScalableTarget(resource);
      return {};
    },
    'ecs.autoScaling.putPolicy': async ({ cluster, service, request }) => {
      const { simulator, plane, target, resource } = await open(cluster, service);
      await plane.putScalingPolicy({ ...(request as object), ...resource } as never);
      return viewOf(simulator, target);
    },
    'ecs.autoScaling.deletePolicy': async ({ cluster, service, policyName }) => {
      const { simulator, plane, target, resource } = await open(cluster, service);
      await plane.deleteScalingPolicy({ ...resource, PolicyName: policyName });
      return viewOf(simulator, target);
    },
    'ecs.autoScaling.setLoad': async ({ cluster, service, cpuPercent, memoryPercent }) => {
      const { simulator, target } = await open(cluster, service);
      if (simulator.autoScaling.readsRealStats) {
        throw new StowageError(
          'INVALID_INPUT',
          "Tasks run as real containers: their CPU and memory are read from the containers' own stats, not set.",
        );
      }
      simulator.autoScaling.setLoad(target.serviceArn, { cpuPercent, memoryPercent });
      return {};
    },
    'ecs.autoScaling.settings': async () => {
      const simulator = await ecs.get();
      return { demoTiming: demoTimingOf(simulator.controlPlane.state) };
    },
    'ecs.autoScaling.setSettings': async ({ demoTiming }) => {
      const simulator = await ecs.get();
      const result = (await simulator.controlPlane.invoke(setAutoScalingSettingsOperation, {
        demoTiming,
      })) as { demoTiming: boolean };
      // The next period is measured on the new timing, not after the old one ends.
      simulator.autoScaling.stop();
      simulator.autoScaling.start();
      return result;
    },
  };
}
