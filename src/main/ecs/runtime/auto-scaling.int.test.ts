import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../../../../test/support/docker';
import { openDockerEcs, type DockerEcs } from '../../../../test/support/ecs-docker';
import { waitFor } from '../../../../test/support/wait-for';
import { systemClock } from '../../lib/clock';
import { AutoScalingMonitor } from '../auto-scaling-monitor';
import { setAutoScalingSettingsOperation } from '../control-plane/auto-scaling/activity-operations';
import type { EcsControlPlane } from '../control-plane/core/control-plane';

// Target tracking on the real engine: a service of busybox tasks whose first task burns a CPU
// while /burn exists (touched and removed with `docker exec`). Its real container stats
// push average CPU over the target and the service scales out; once the file is gone, the
// service scales back in. Demo timing: 5 s datapoints, 10 s cooldowns.

const fixtures = inject('fixtureImages');
const image = 'stowage-test/fixture:1.0';
const cluster = `stowage-as-${Date.now().toString(36)}`;
const resource = {
  ServiceNamespace: 'ecs',
  ResourceId: `service/${cluster}/burner`,
  ScalableDimension: 'ecs:service:DesiredCount',
} as const;

describe('auto scaling on the Docker runtime', () => {
  let ecs: DockerEcs;
  let plane: EcsControlPlane;
  let monitor: AutoScalingMonitor;

  /** The ids of the running containers of the cluster's tasks. */
  const runningContainers = async () => [...(await ecs.runningContainers()).values()];

  const desiredCount = async () =>
    (await plane.describeServices({ cluster, services: ['burner'] })).services?.[0]?.desiredCount;
  const cpuSeries = () =>
    monitor
      .metricsOf(resource.ResourceId)
      .find((series) => series.metric.metric === 'ECSServiceAverageCPUUtilization')
      ?.datapoints.map((point) => Math.round(point.value)) ?? [];

  beforeAll(async () => {
    expect(fixtures.fixture.tags).toContain(image);
    ecs = await openDockerEcs({ cluster, reconcileIntervalMs: 200 });
    plane = ecs.plane;
    monitor = new AutoScalingMonitor({
      clock: systemClock,
      plane,
      containerUsage: (taskArn) => ecs.runtime.containerUsage(taskArn),
      onError: (error) => console.error(error),
    });
    await plane.invoke(setAutoScalingSettingsOperation, { demoTiming: true });
    monitor.start();
    await plane.registerTaskDefinition({
      family: 'burner',
      containerDefinitions: [
        {
          name: 'burner',
          image,
          memory: 32,
          // A quarter of a vCPU: a busy loop that gets even a third of a core on a loaded
          // machine reads well over the 50 % target.
          cpu: 256,
          stopTimeout: 2,
          command: [
            '/bin/sh',
            '-c',
            "trap 'exit 0' TERM; while true; do while [ -f /burn ]; do :; done; sleep 1; done",
          ],
        },
      ],
    });
    await plane.createService({
      cluster,
      serviceName: 'burner',
      taskDefinition: 'burner',
      desiredCount: 1,
    });
    await waitFor(async () => (await runningContainers()).length === 1, {
      what: 'the first task running',
      timeoutMs: 60_000,
    });
  });

  afterAll(async () => {
    monitor.stop();
    await ecs.close(['burner']);
  });

  it('scales out while a task burns CPU, and back in once it stops', async () => {
    await plane.registerScalableTarget({ ...resource, MinCapacity: 1, MaxCapacity: 3 });
    await plane.putScalingPolicy({
      ...resource,
      PolicyName: 'cpu-policy',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    });
    const [burner] = await runningContainers();
    await docker(['exec', burner ?? '', 'touch', '/burn']);
    await waitFor(async () => ((await desiredCount()) ?? 0) > 1, {
      what: () => `a scale-out (CPU datapoints so far: ${cpuSeries().join(', ')})`,
      timeoutMs: 180_000,
      pollMs: 1_000,
    });
    expect(Math.max(...cpuSeries())).toBeGreaterThan(50);
    await waitFor(async () => (await runningContainers()).length > 1, {
      what: 'the added tasks running',
      timeoutMs: 60_000,
    });
    const { ScalingActivities: out } = await plane.describeScalingActivities({
      ServiceNamespace: 'ecs',
      ResourceId: resource.ResourceId,
    });
    expect(out?.[0]?.Cause).toMatch(
      new RegExp(
        `^monitor alarm TargetTracking-service/${cluster}/burner-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy cpu-policy$`,
      ),
    );

    await docker(['exec', burner ?? '', 'rm', '-f', '/burn']);
    await waitFor(async () => (await desiredCount()) === 1, {
      what: () =>
        `the scale-in back to 1 (desired count now, CPU datapoints: ${cpuSeries().slice(-20).join(', ')})`,
      timeoutMs: 420_000,
      pollMs: 1_000,
    });
    const { ScalingActivities: all } = await plane.describeScalingActivities({
      ServiceNamespace: 'ecs',
      ResourceId: resource.ResourceId,
    });
    expect(all?.[0]?.Cause).toMatch(
      /-AlarmLow-[0-9a-f-]{36} in state ALARM triggered policy cpu-policy$/,
    );
    expect(all?.[0]?.Description).toBe('Setting desired count to 1.');
    await waitFor(async () => (await runningContainers()).length === 1, {
      what: 'the service back to one running container',
      timeoutMs: 60_000,
    });
  }, 720_000);
});
