import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  InvalidParameterException,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactly, rejection, startHarness, type Harness } from './harness';

// The deploymentConfiguration members that need what this endpoint does not run (Lambda
// lifecycle hooks, PAUSE hooks, CloudWatch alarms, early success criteria, circuit breaker
// tuning other than ECS's defaults) through the real SDK: refused with the reason on
// CreateService and UpdateService, never dropped; what asks for nothing is kept and echoed.

const lambdaHook = {
  hookTargetArn: 'arn:aws:lambda:us-east-1:000000000000:function:check',
  roleArn: 'arn:aws:iam::000000000000:role/ecs-hooks',
  lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT' as const],
};

describe('ECS conformance: deployment configuration members not served', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(new CreateClusterCommand({ clusterName: 'apps' }));
    await h.client.send(
      new RegisterContainerInstanceCommand({
        cluster: 'apps',
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
        ],
      }),
    );
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'site',
        containerDefinitions: [{ name: 'httpd', image: 'busybox', memory: 128, cpu: 128 }],
      }),
    );
  });
  afterAll(() => h.close());

  const create = (serviceName: string, deploymentConfiguration: DeploymentConfiguration) =>
    h.client.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName,
        taskDefinition: 'site',
        desiredCount: 1,
        deploymentConfiguration,
      }),
    );

  beforeAll(async () => {
    await create('plain', {});
  });

  it.each([
    {
      member: 'a Lambda lifecycle hook',
      config: { lifecycleHooks: [lambdaHook] },
      message:
        'Lifecycle hooks are not supported: lifecycle hooks invoke Lambda functions, which this endpoint does not run.',
    },
    {
      member: 'a PAUSE lifecycle hook',
      config: {
        lifecycleHooks: [
          { targetType: 'PAUSE' as const, lifecycleStages: ['PRE_SCALE_UP' as const] },
        ],
      },
      message:
        'Lifecycle hooks are not supported: PAUSE hooks wait for ContinueServiceDeployment, which this endpoint does not serve.',
    },
    {
      member: 'deployment alarms turned on',
      config: { alarms: { alarmNames: ['high-5xx'], enable: true, rollback: true } },
      message:
        'Deployment alarms are not supported: they watch CloudWatch alarms, which this endpoint does not keep.',
    },
    {
      member: 'early success criteria turned on',
      config: {
        earlySuccessCriteria: {
          enable: true,
          healthyPercent: 50,
          sourceServiceRevisionCleanup: 'DEFERRED' as const,
        },
      },
      message:
        'Early success criteria are not supported: a deployment here completes only once the new revision is steady and the previous tasks are gone.',
    },
    {
      member: 'a circuit breaker that does not reset on a healthy task',
      config: {
        deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: false },
      },
      message:
        'deploymentCircuitBreaker.resetOnHealthyTask false is not supported: the circuit breaker here resets its failure count once a task is healthy.',
    },
    {
      member: 'a circuit breaker threshold by count',
      config: {
        deploymentCircuitBreaker: {
          enable: true,
          rollback: false,
          thresholdConfiguration: { type: 'COUNT' as const, value: 3 },
        },
      },
      message:
        'deploymentCircuitBreaker.thresholdConfiguration is not supported other than BOUNDED_PERCENT of 50: the circuit breaker here trips at 50 % of the desired count, at least 10 and at most 200 tasks.',
    },
  ] satisfies { member: string; config: DeploymentConfiguration; message: string }[])(
    'refuses $member on CreateService and UpdateService, with the reason',
    async ({ config, message }) => {
      await rejection(create('refused', config), InvalidParameterException, exactly(message));
      await rejection(
        h.client.send(
          new UpdateServiceCommand({
            cluster: 'apps',
            service: 'plain',
            deploymentConfiguration: config,
          }),
        ),
        InvalidParameterException,
        exactly(message),
      );
      const { services = [] } = await h.client.send(
        new DescribeServicesCommand({ cluster: 'apps', services: ['refused'] }),
      );
      expect(services).toEqual([]);
    },
  );

  it('keeps and echoes the members that ask for nothing this endpoint lacks', async () => {
    const config: DeploymentConfiguration = {
      lifecycleHooks: [],
      alarms: { alarmNames: ['high-5xx'], enable: false, rollback: false },
      earlySuccessCriteria: { enable: false },
      deploymentCircuitBreaker: {
        enable: true,
        rollback: true,
        resetOnHealthyTask: true,
        thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 },
      },
    };
    const created = await create('kept', config);
    expect(created.service?.deploymentConfiguration).toMatchObject(config);
    const { services = [] } = await h.client.send(
      new DescribeServicesCommand({ cluster: 'apps', services: ['kept'] }),
    );
    expect(services[0]?.deploymentConfiguration).toMatchObject(config);
  });
});
