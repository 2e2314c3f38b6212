import { describe, expect, it } from 'vitest';
import { AutoScalingMonitor } from './auto-scaling-monitor';
import { setAutoScalingSettingsOperation } from './control-plane/auto-scaling/activity-operations';
import type { TargetTraffic } from './control-plane/core/load-balancer-port';
import { createPlane, web } from './control-plane/test-support';
import { demoTiming } from './control-plane/auto-scaling/timing';

const targetGroupArn =
  'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/6d0ecf831eec9f09';
const resourceLabel = 'app/front/50dc6c495c0c9188/targetgroup/web/6d0ecf831eec9f09';
const resource = {
  ServiceNamespace: 'ecs',
  ResourceId: 'service/demo/web',
  ScalableDimension: 'ecs:service:DesiredCount',
} as const;

/**
 * A fake of the load balancer's data plane, as far as the monitor uses it: cumulative request
 * counts per target, to which a test adds what a period's traffic would.
 */
class FakeDataPlaneTraffic {
  private readonly counts = new Map<string, TargetTraffic>();

  serve(targetId: string, requests: number): void {
    const before = this.counts.get(targetId);
    this.counts.set(targetId, {
      targetGroupArn,
      targetId,
      port: 8080,
      requests: (before?.requests ?? 0) + requests,
      errors: 0,
    });
  }

  traffic(): TargetTraffic[] {
    return [...this.counts.values()];
  }
}

describe('the metrics monitor', () => {
  it('scales on requests per target from the data plane counts', async () => {
    const { plane, clock, run } = createPlane();
    const dataPlane = new FakeDataPlaneTraffic();
    const monitor = new AutoScalingMonitor({
      clock,
      plane,
      traffic: () => dataPlane.traffic(),
      onError: (error) => {
        throw error;
      },
    });
    await plane.invoke(setAutoScalingSettingsOperation, { demoTiming: true });
    monitor.start();
    await plane.createCluster({ clusterName: 'demo' });
    await plane.launchInstances({ cluster: 'demo', instanceType: 'm5.large', count: 2 });
    await plane.registerTaskDefinition(web);
    await plane.createService({
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
    });
    await run(5_000, 500);
    await plane.registerScalableTarget({ ...resource, MinCapacity: 1, MaxCapacity: 5 });
    await plane.putScalingPolicy({
      ...resource,
      PolicyName: 'requests',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 100,
        PredefinedMetricSpecification: {
          PredefinedMetricType: 'ALBRequestCountPerTarget',
          ResourceLabel: resourceLabel,
        },
      },
    });
    // 300 requests a period to the one target, four periods long.
    for (let period = 0; period < 4; period++) {
      dataPlane.serve('10.0.0.1', 300);
      await run(demoTiming.periodSeconds * 1_000, 500);
    }
    const series = monitor
      .metricsOf(resource.ResourceId)
      .find((entry) => entry.metric.metric === 'ALBRequestCountPerTarget');
    expect(series?.metric.resourceLabel).toBe(resourceLabel);
    // The first reading has nothing to count from; then 300 a period per healthy target.
    expect(series?.datapoints.map((point) => point.value)).toEqual([300, 300, 300]);
    const { services } = await plane.describeServices({ cluster: 'demo', services: ['web'] });
    expect(services?.[0]?.desiredCount).toBe(3);
    const { ScalingActivities } = await plane.describeScalingActivities({
      ServiceNamespace: 'ecs',
    });
    expect(ScalingActivities?.[0]?.Cause).toMatch(/-AlarmHigh-.* triggered policy requests$/);
    monitor.stop();
    plane.dispose();
  });
});
