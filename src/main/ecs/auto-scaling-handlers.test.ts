import { describe, expect, it } from 'vitest';
import { createPlane, web } from './control-plane/test-support';
import { callOn, ecsTestRouter, simulatedAppEcs } from './test-support';
import { ecsAutoScalingHandlers } from './auto-scaling-handlers';
import { ecsServiceHandlers } from './service-handlers';

/** Auto scaling and service calls through the real router, on a manual clock. */
async function scalingRouter() {
  const setup = createPlane();
  const ecs = simulatedAppEcs(setup);
  const router = ecsTestRouter({ ...ecsServiceHandlers(ecs), ...ecsAutoScalingHandlers(ecs) });
  await setup.plane.createCluster({ clusterName: 'demo' });
  await setup.plane.launchInstances({ cluster: 'demo', instanceType: 'm5.large', count: 2 });
  await setup.plane.registerTaskDefinition(web);
  await setup.plane.createService({
    cluster: 'demo',
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: 1,
  });
  await setup.run(5_000, 500);
  return { ...setup, router };
}

const service = { cluster: 'demo', service: 'web' };
const alarmCause = (level: 'High' | 'Low') =>
  new RegExp(
    `^monitor alarm TargetTracking-service/demo/web-Alarm${level}-[0-9a-f-]{36} in state ALARM triggered policy cpu-policy$`,
  );

describe('auto scaling calls', () => {
  it('scale a service out under load on demo timing, then back in once it stops', async () => {
    const { router, run, plane } = await scalingRouter();
    const desired = async () =>
      (await callOn(router, 'ecs.services.describe', service)).desiredCount;
    /** Runs simulated time until the desired count is `count`; how long that took. */
    const until = async (count: number, withinMs: number) => {
      for (let ms = 0; ms <= withinMs; ms += 1_000) {
        if ((await desired()) === count) return ms;
        await run(1_000, 500);
      }
      throw new Error(`desired count never became ${count} (it is ${await desired()})`);
    };

    expect(await callOn(router, 'ecs.autoScaling.settings', {})).toEqual({
      demoTiming: false,
    });
    expect(await callOn(router, 'ecs.autoScaling.setSettings', { demoTiming: true })).toEqual({
      demoTiming: true,
    });
    const registered = await callOn(router, 'ecs.autoScaling.register', {
      ...service,
      minCapacity: 1,
      maxCapacity: 6,
    });
    expect(registered.scalableTarget).toMatchObject({
      ResourceId: 'service/demo/web',
      MinCapacity: 1,
      MaxCapacity: 6,
    });
    expect(registered.activities).toEqual([]);
    const withPolicy = await callOn(router, 'ecs.autoScaling.putPolicy', {
      ...service,
      request: {
        PolicyName: 'cpu-policy',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'ECSServiceAverageCPUUtilization',
          },
        },
      },
    });
    expect(withPolicy.policies.map((policy) => policy.PolicyName)).toEqual(['cpu-policy']);

    await callOn(router, 'ecs.autoScaling.setLoad', {
      ...service,
      cpuPercent: 90,
      memoryPercent: 30,
    });
    // Three 5 s datapoints above 50 %: 1 × 90 / 50 → 2, within the next period or so.
    const firstOut = await until(2, 45_000);
    expect(firstOut).toBeGreaterThanOrEqual(10_000);
    let view = await callOn(router, 'ecs.autoScaling.get', service);
    expect(view.activities[0]).toMatchObject({
      Description: 'Setting desired count to 2.',
      ResourceId: 'service/demo/web',
    });
    expect(view.activities[0]?.Cause).toMatch(alarmCause('High'));
    expect(view.load).toEqual({ cpuPercent: 90, memoryPercent: 30 });
    // Every task still reads 90 %: after the 10 s demo cooldown, 2 → 4, then the maximum.
    await until(4, 60_000);
    await until(6, 60_000);
    await run(60_000, 500);
    expect(await desired()).toBe(6);

    await callOn(router, 'ecs.autoScaling.setLoad', {
      ...service,
      cpuPercent: 10,
      memoryPercent: 30,
    });
    // Fifteen datapoints below 45 % first (75 s), then ceil(6 × 10 / 50) = 2.
    const scaledIn = await until(2, 240_000);
    expect(scaledIn).toBeGreaterThanOrEqual(70_000);
    await until(1, 240_000);

    view = await callOn(router, 'ecs.autoScaling.get', service);
    expect(view.activities.map((activity) => activity.Description)).toEqual([
      'Setting desired count to 1.',
      'Setting desired count to 2.',
      'Setting desired count to 6.',
      'Setting desired count to 4.',
      'Setting desired count to 2.',
    ]);
    expect(view.activities[0]?.Cause).toMatch(alarmCause('Low'));
    expect(view.activities.every((activity) => activity.StatusCode === 'Successful')).toBe(true);
    const cpu = view.metrics.find((series) => series.metric === 'ECSServiceAverageCPUUtilization');
    expect(cpu).toMatchObject({ periodSeconds: 5, targetValue: 50 });
    const values = cpu?.datapoints.map((point) => Math.round(point.value)) ?? [];
    expect(values).toContain(90);
    expect(values[values.length - 1]).toBe(10);
    const memory = view.metrics.find(
      (series) => series.metric === 'ECSServiceAverageMemoryUtilization',
    );
    expect(Math.round(memory?.datapoints.at(-1)?.value ?? 0)).toBe(30);
    // The setting is kept in the control plane's state (and so in its journal).
    expect(JSON.stringify(plane.state.collections?.autoScalingSettings)).toContain(
      '"demoTiming":true',
    );
  }, 60_000);

  it('delete a policy, deregister, and refuse what the API refuses', async () => {
    const { router } = await scalingRouter();
    await callOn(router, 'ecs.autoScaling.register', {
      ...service,
      minCapacity: 2,
      maxCapacity: 3,
    });
    expect(await callOn(router, 'ecs.services.describe', service)).toMatchObject({
      desiredCount: 2,
    });
    const refused = await callOn(router, 'ecs.autoScaling.register', {
      ...service,
      minCapacity: 4,
      maxCapacity: 3,
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'ECS_CLIENT_EXCEPTION',
      message: 'Minimum capacity cannot be greater than maximum capacity',
      details: { type: 'ValidationException' },
    });
    await callOn(router, 'ecs.autoScaling.putPolicy', {
      ...service,
      request: {
        PolicyName: 'steps',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
        },
        StowageAlarm: {
          MetricName: 'ECSServiceAverageMemoryUtilization',
          Threshold: 80,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      },
    });
    const view = await callOn(router, 'ecs.autoScaling.deletePolicy', {
      ...service,
      policyName: 'steps',
    });
    expect(view.policies).toEqual([]);
    await callOn(router, 'ecs.autoScaling.deregister', service);
    expect((await callOn(router, 'ecs.autoScaling.get', service)).scalableTarget).toBeUndefined();
    const missing = await callOn(router, 'ecs.autoScaling.get', {
      cluster: 'demo',
      service: 'nowhere',
    }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
  });
});
