import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DeregisterTargetsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DuplicateTargetGroupNameException,
  ElasticLoadBalancingV2ServiceException,
  ModifyTargetGroupAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, elbArnPrefix, openElbv2, type Elbv2World } from './elbv2-conformance-setup';
import type { Harness } from './harness';

// Target groups through the real SDK client: ELB's defaults, refused health checks, and the
// deregistration delay through the target group attributes.

describe('ELBv2 conformance: target groups', () => {
  let world: Elbv2World;
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;
  beforeAll(async () => {
    world = await openElbv2();
    ({ h, elb } = world);
  });
  afterAll(() => world.close());

  const createTargetGroup: Elbv2World['createTargetGroup'] = (...args) =>
    world.createTargetGroup(...args);

  it('creates target groups with ELB defaults and refuses bad health checks', async () => {
    const group = await createTargetGroup('web-blue');
    expect(group).toMatchObject({
      TargetGroupName: 'web-blue',
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'ip',
      HealthCheckPath: '/',
      HealthCheckPort: 'traffic-port',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckEnabled: true,
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [],
    });
    expect(group.TargetGroupArn).toMatch(
      new RegExp(`^${elbArnPrefix}targetgroup/web-blue/[0-9a-f]{16}$`),
    );
    await refusal(
      createTargetGroup('web-blue', { Port: 8080 }),
      DuplicateTargetGroupNameException,
      'A target group with the same name exists, but with different settings',
    );
    await refusal(
      createTargetGroup('slow', { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 6 }),
      ElasticLoadBalancingV2ServiceException,
      "Health check timeout '6' must be smaller than the interval '5'",
      'ValidationError',
    );
    await refusal(
      createTargetGroup('codes', { Matcher: { HttpCode: '100' } }),
      ElasticLoadBalancingV2ServiceException,
      /must be within '200-499' code range/,
      'ValidationError',
    );
    await refusal(
      elb.send(
        new DescribeTargetGroupsCommand({
          TargetGroupArns: [`${elbArnPrefix}targetgroup/x/0000000000000000`],
        }),
      ),
      TargetGroupNotFoundException,
      'One or more target groups not found',
    );
  });

  it('shortens the deregistration delay through the target group attributes', async () => {
    const group = await createTargetGroup('quick');
    const arn = group.TargetGroupArn!;
    const { Attributes } = await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }],
      }),
    );
    expect(Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '5' });
    const described = await elb.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }),
    );
    expect(described.Attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'false' });
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.1.1' }] }),
    );
    await elb.send(
      new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.1.1' }] }),
    );
    const started = h.clock.now();
    await h.advanceUntil(
      async () =>
        (
          (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })))
            .TargetHealthDescriptions ?? []
        ).length === 0,
      { what: 'the target drained', withinMs: 10_000 },
    );
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(5_000);
    await refusal(
      elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3601' }],
        }),
      ),
      ElasticLoadBalancingV2ServiceException,
      "'3601' must be an integer from 0 to 3600 for 'deregistration_delay.timeout_seconds'",
      'ValidationError',
    );
    await refusal(
      elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'nonsense', Value: '1' }],
        }),
      ),
      ElasticLoadBalancingV2ServiceException,
      "Target group attribute key 'nonsense' is not recognized",
      'ValidationError',
    );
  });
});
