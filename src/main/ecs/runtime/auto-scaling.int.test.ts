import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../../../../test/support/docker';
import { waitFor } from '../../../../test/support/wait-for';
import { connectEngine, systemEndpointSources } from '../../docker/connection/engine';
import { systemClock } from '../../lib/clock';
import { AutoScalingMonitor } from '../auto-scaling-monitor';
import { setAutoScalingSettingsOperation } from '../control-plane/auto-scaling/activity-operations';
import { EcsControlPlane } from '../control-plane/core/control-plane';
import { openDockerRuntime } from './docker-probe';
import type { DockerRuntime } from './docker-runtime';

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

const engine = connectEngine({
  sources: systemEndpointSources(),
  clock: systemClock,
  onStatus: () => undefined,
  onEvent: () => undefined,
});

/** The ids of the running containers of the cluster's tasks. */
async function runningContainers(): Promise<string[]> {
  const out = await docker([
    'ps',
    '--filter',
    `label=com.amazonaws.ecs.cluster=${cluster}`,
    '--format',
    '{{.ID}}',
  ]);
  return out.split('\n').filter(Boolean);
}

describe('auto scaling on the Docker runtime', () => {
  let runtime: DockerRuntime;
  let plane: EcsControlPlane;
  let monitor: AutoScalingMonitor;

  const desiredCount = async () =>
    (await plane.describeServices({ cluster, services: ['burner'] })).services?.[0]?.desiredCount;
  const cpuSeries = () =>
    monitor
      .metricsOf(resource.ResourceId)
      .find((series) => series.metric.metric === 'ECSServiceAverageCPUUtilization')
      ?.datapoints.map((point) => Math.round(point.value)) ?? [];

  beforeAll(async () => {
    expect(fixtures.fixture.tags).toContain(image);
    const probe = await openDockerRuntime({
      engine,
      clock: systemClock,
      extraLabels: { [TEST_LABEL]: TEST_LABEL_VALUE },
    });
    if (!('runtime' in probe)) throw new Error(`the engine did not answer: ${probe.unavailable}`);
    runtime = probe.runtime;
    plane = new EcsControlPlane({
      clock: systemClock,
      runtime,
      reconcileIntervalMs: 200,
      onError: (error) => console.error(error),
    });
    monitor = new AutoScalingMonitor({
      clock: systemClock,
      plane,
      containerUsage: (taskArn) => runtime.containerUsage(taskArn),
      onError: (error) => console.error(error),
    });
    await plane.invoke(setAutoScalingSettingsOperation, { demoTiming: true });
    monitor.start();
    await plane.createCluster({ clusterName: cluster });
    await plane.launchInstances({ cluster, instanceType: 'm5.large' });
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
    await plane
      .updateService({ cluster, service: 'burner', desiredCount: 0 })
      .catch(() => undefined);
    await waitFor(async () => (await runningContainers()).length === 0, {
      what: 'the service scaled to 0',
      timeoutMs: 60_000,
    }).catch((error: unknown) => console.error(error));
    plane.dispose();
    runtime.close();
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
