import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  InvalidNextTokenException,
  ObjectNotFoundException,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  TagResourceCommand,
  ValidationException,
  paginateDescribeScalingActivities,
  type ScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactly, startHarness, type Harness } from './harness';

// Application Auto Scaling through its real SDK client against the endpoint, beside ECS's:
// every operation the endpoint serves, with its defaults, errors and AWS's messages, and the
// activities a registration writes.

const ecs = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' } as const;
const web = { ...ecs, ResourceId: 'service/apps/web' };

async function refusal(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => Error,
  message?: RegExp,
): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(type);
  const failure = error as Error & { $metadata: { httpStatusCode?: number } };
  expect(failure.$metadata.httpStatusCode).toBe(400);
  if (message) expect(failure.message).toMatch(message);
  return failure;
}

describe('Application Auto Scaling conformance', () => {
  let h: Harness;
  let aas: ApplicationAutoScalingClient;

  const desiredCount = async (service = 'web') => {
    const { services } = await h.client.send(
      new DescribeServicesCommand({ cluster: 'apps', services: [service] }),
    );
    return services?.[0]?.desiredCount;
  };

  beforeAll(async () => {
    h = await startHarness();
    aas = new ApplicationAutoScalingClient({
      endpoint: h.endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await h.client.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await h.client.send(
      new RegisterContainerInstanceCommand({
        cluster: 'apps',
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 },
        ],
      }),
    );
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'site',
        containerDefinitions: [{ name: 'httpd', image: 'busybox', memory: 64, cpu: 64 }],
      }),
    );
    for (const serviceName of ['web', 'api']) {
      await h.client.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName,
          taskDefinition: 'site',
          desiredCount: 1,
        }),
      );
    }
  });
  afterAll(async () => {
    aas.destroy();
    await h.close();
  });

  it('registers a target, raising the desired count to the minimum with an activity', async () => {
    const registered = await aas.send(
      new RegisterScalableTargetCommand({ ...web, MinCapacity: 2, MaxCapacity: 6 }),
    );
    expect(registered.ScalableTargetARN).toMatch(
      /^arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target\/[0-9a-f]+$/,
    );
    expect(await desiredCount()).toBe(2);
    const { ScalableTargets } = await aas.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(ScalableTargets).toEqual([
      {
        ...web,
        MinCapacity: 2,
        MaxCapacity: 6,
        RoleARN:
          'arn:aws:iam::000000000000:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
        CreationTime: expect.any(Date) as Date,
        SuspendedState: {
          DynamicScalingInSuspended: false,
          DynamicScalingOutSuspended: false,
          ScheduledScalingSuspended: false,
        },
        ScalableTargetARN: registered.ScalableTargetARN,
      },
    ]);
    const { ScalingActivities } = await aas.send(
      new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', ResourceId: web.ResourceId }),
    );
    expect(ScalingActivities?.[0]).toMatchObject({
      ...web,
      Description: 'Setting desired count to 2.',
      Cause: 'minimum capacity was set to 2',
    });
    // The next pass records it done, as ECS took the new desired count.
    await h.advanceUntil(
      async () => {
        const { ScalingActivities: now } = await aas.send(
          new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs' }),
        );
        return now?.[0]?.StatusCode === 'Successful';
      },
      { what: 'the activity succeeding', withinMs: 10_000 },
    );
    const { ScalingActivities: done } = await aas.send(
      new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(done?.[0]?.StatusMessage).toBe(
      'Successfully set desired count to 2. Change successfully fulfilled by ecs.',
    );
    expect(done?.[0]?.EndTime).toBeInstanceOf(Date);
  });

  it('re-registers with only what changes, lowering the desired count to the maximum', async () => {
    await h.client.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'web', desiredCount: 5 }),
    );
    await aas.send(new RegisterScalableTargetCommand({ ...web, MaxCapacity: 3 }));
    expect(await desiredCount()).toBe(3);
    const { ScalableTargets } = await aas.send(
      new DescribeScalableTargetsCommand({
        ServiceNamespace: 'ecs',
        ResourceIds: [web.ResourceId],
      }),
    );
    expect(ScalableTargets?.[0]).toMatchObject({ MinCapacity: 2, MaxCapacity: 3 });
    const { ScalingActivities } = await aas.send(
      new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(ScalingActivities?.[0]).toMatchObject({
      Description: 'Setting desired count to 3.',
      Cause: 'maximum capacity was set to 3',
    });
    await aas.send(
      new RegisterScalableTargetCommand({
        ...web,
        SuspendedState: { DynamicScalingInSuspended: true },
      }),
    );
    const { ScalableTargets: suspended } = await aas.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(suspended?.[0]?.SuspendedState).toEqual({
      DynamicScalingInSuspended: true,
      DynamicScalingOutSuspended: false,
      ScheduledScalingSuspended: false,
    });
  });

  it('refuses registrations as Application Auto Scaling does', async () => {
    await refusal(
      aas.send(new RegisterScalableTargetCommand({ ...web, MinCapacity: 5, MaxCapacity: 2 })),
      ValidationException,
      exactly('Minimum capacity cannot be greater than maximum capacity'),
    );
    await refusal(
      aas.send(
        new RegisterScalableTargetCommand({
          ...ecs,
          ResourceId: 'service/apps/nowhere',
          MinCapacity: 1,
          MaxCapacity: 2,
        }),
      ),
      ValidationException,
      exactly("ECS service doesn't exist: service/apps/nowhere"),
    );
    await refusal(
      aas.send(new RegisterScalableTargetCommand({ ...ecs, ResourceId: 'service/apps/api' })),
      ValidationException,
      exactly('MinCapacity and MaxCapacity are required for registering a new scalable target'),
    );
    for (const bad of [
      { ...web, ResourceId: 'cluster/apps' },
      { ...web, ServiceNamespace: 'dynamodb' as const },
      { ...web, ScalableDimension: 'dynamodb:table:ReadCapacityUnits' as const },
    ]) {
      await refusal(
        aas.send(new RegisterScalableTargetCommand({ ...bad, MinCapacity: 1, MaxCapacity: 2 })),
        ValidationException,
        exactly('Unsupported service namespace, resource type or scalable dimension'),
      );
    }
    await refusal(
      aas.send(new RegisterScalableTargetCommand({ ...web, MinCapacity: -1 })),
      ValidationException,
    );
  });

  it('puts, describes, updates and deletes a target-tracking policy', async () => {
    const put = await aas.send(
      new PutScalingPolicyCommand({
        ...web,
        PolicyName: 'cpu-policy',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'ECSServiceAverageCPUUtilization',
          },
        },
      }),
    );
    expect(put.PolicyARN).toMatch(
      /^arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:[0-9a-f-]{36}:resource\/ecs\/service\/apps\/web:policyName\/cpu-policy$/,
    );
    expect(put.Alarms?.map((alarm) => alarm.AlarmName)).toEqual([
      expect.stringMatching(/^TargetTracking-service\/apps\/web-AlarmHigh-[0-9a-f-]{36}$/),
      expect.stringMatching(/^TargetTracking-service\/apps\/web-AlarmLow-[0-9a-f-]{36}$/),
    ]);
    expect(put.Alarms?.[0]?.AlarmARN).toBe(
      `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${put.Alarms?.[0]?.AlarmName}`,
    );
    const again = await aas.send(
      new PutScalingPolicyCommand({
        ...web,
        PolicyName: 'cpu-policy',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 60,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'ECSServiceAverageMemoryUtilization',
          },
          ScaleInCooldown: 120,
          DisableScaleIn: true,
        },
      }),
    );
    expect(again.PolicyARN).toBe(put.PolicyARN);
    const { ScalingPolicies } = await aas.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: web.ResourceId }),
    );
    expect(ScalingPolicies).toEqual([
      {
        ...web,
        PolicyARN: put.PolicyARN,
        PolicyName: 'cpu-policy',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 60,
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'ECSServiceAverageMemoryUtilization',
          },
          ScaleInCooldown: 120,
          DisableScaleIn: true,
        },
        Alarms: put.Alarms,
        CreationTime: expect.any(Date) as Date,
      },
    ]);
    await aas.send(new DeleteScalingPolicyCommand({ ...web, PolicyName: 'cpu-policy' }));
    const { ScalingPolicies: none } = await aas.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(none).toEqual([]);
  });

  it('puts a step scaling policy and filters policies by name', async () => {
    const put = await aas.send(
      new PutScalingPolicyCommand({
        ...web,
        PolicyName: 'steps',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'PercentChangeInCapacity',
          MinAdjustmentMagnitude: 1,
          Cooldown: 60,
          MetricAggregationType: 'Average',
          StepAdjustments: [
            { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 10 },
            { MetricIntervalLowerBound: 20, ScalingAdjustment: 50 },
          ],
        },
      }),
    );
    // No CloudWatch alarm can be made through the SDK: it has none until one is given.
    expect(put.Alarms).toEqual([]);
    const { ScalingPolicies } = await aas.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', PolicyNames: ['steps'] }),
    );
    expect(ScalingPolicies?.[0]).toMatchObject({
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'PercentChangeInCapacity',
        MinAdjustmentMagnitude: 1,
        Cooldown: 60,
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 10 },
          { MetricIntervalLowerBound: 20, ScalingAdjustment: 50 },
        ],
      },
    });
    const { ScalingPolicies: other } = await aas.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', PolicyNames: ['nope'] }),
    );
    expect(other).toEqual([]);
  });

  it('refuses policies as Application Auto Scaling does', async () => {
    await refusal(
      aas.send(
        new PutScalingPolicyCommand({
          ...ecs,
          ResourceId: 'service/apps/api',
          PolicyName: 'p',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 50,
            PredefinedMetricSpecification: {
              PredefinedMetricType: 'ECSServiceAverageCPUUtilization',
            },
          },
        }),
      ),
      ObjectNotFoundException,
      exactly(
        'No scalable target registered for service namespace: ecs, resource ID: service/apps/api, scalable dimension: ecs:service:DesiredCount',
      ),
    );
    const tracking = (configuration: object) =>
      aas.send(
        new PutScalingPolicyCommand({
          ...web,
          PolicyName: 'p',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: configuration as never,
        }),
      );
    await refusal(
      tracking({
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' },
      }),
      ValidationException,
      /^Unsupported metric type DynamoDBReadCapacityUtilization/,
    );
    await refusal(
      tracking({
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' },
      }),
      ValidationException,
      /^ResourceLabel is required/,
    );
    await refusal(
      tracking({
        TargetValue: 0,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      }),
      ValidationException,
    );
    await refusal(
      aas.send(new PutScalingPolicyCommand({ ...web, PolicyName: 'p' })),
      ValidationException,
      /StepScalingPolicyConfiguration is required/,
    );
    await refusal(
      aas.send(
        new PutScalingPolicyCommand({
          ...web,
          PolicyName: 'p',
          StepScalingPolicyConfiguration: {
            AdjustmentType: 'ChangeInCapacity',
            MinAdjustmentMagnitude: 2,
            StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
          },
        }),
      ),
      ValidationException,
      /MinAdjustmentMagnitude is only supported/,
    );
    await refusal(
      aas.send(new DeleteScalingPolicyCommand({ ...web, PolicyName: 'nope' })),
      ObjectNotFoundException,
      exactly(
        'No scaling policy found for service namespace: ecs, resource ID: service/apps/web, scalable dimension: ecs:service:DesiredCount, policy name: nope',
      ),
    );
  });

  it('pages activities newest first and refuses a bad token', async () => {
    for (const max of [4, 5, 6, 7]) {
      await h.client.send(
        new UpdateServiceCommand({ cluster: 'apps', service: 'web', desiredCount: 1 }),
      );
      await aas.send(
        new RegisterScalableTargetCommand({ ...web, MinCapacity: 2, MaxCapacity: max }),
      );
    }
    const seen: ScalingActivity[] = [];
    for await (const page of paginateDescribeScalingActivities(
      { client: aas, pageSize: 2 },
      { ServiceNamespace: 'ecs', ResourceId: web.ResourceId },
    )) {
      expect(page.ScalingActivities?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.ScalingActivities ?? []));
    }
    expect(seen.length).toBeGreaterThanOrEqual(6);
    const starts = seen.map((activity) => activity.StartTime?.getTime() ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    await refusal(
      aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', NextToken: 'x' })),
      InvalidNextTokenException,
    );
    await refusal(
      aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', MaxResults: 51 })),
      ValidationException,
    );
  });

  it('deregisters a target with its policies, then knows it no more', async () => {
    await aas.send(new DeregisterScalableTargetCommand(web));
    const { ScalableTargets } = await aas.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(ScalableTargets).toEqual([]);
    const { ScalingPolicies } = await aas.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(ScalingPolicies).toEqual([]);
    await refusal(
      aas.send(new DeregisterScalableTargetCommand(web)),
      ObjectNotFoundException,
      exactly(
        'No scalable target registered for service namespace: ecs, resource ID: service/apps/web, scalable dimension: ecs:service:DesiredCount',
      ),
    );
  });

  it('answers an operation of its model it does not serve as a validation error', async () => {
    await refusal(
      aas.send(
        new TagResourceCommand({
          ResourceARN: 'arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/x',
          Tags: { a: 'b' },
        }),
      ),
      ValidationException,
      exactly('Stowage does not implement TagResource yet.'),
    );
  });
});
