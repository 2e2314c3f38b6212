import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2ServiceException,
  InvalidTargetException,
  RegisterTargetsCommand,
  TargetGroupNotFoundException,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, waiterTiming, openElbv2, type Elbv2World } from './elbv2-conformance-setup';
import type { Harness } from './harness';

// Targets through the real SDK client: registering and deregistering, their health as the data
// plane reports it with the in-service waiter while simulated time moves on, and instance
// targets of the cluster only.

describe('ELBv2 conformance: targets', () => {
  let world: Elbv2World;
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;
  let instanceId: string;
  beforeAll(async () => {
    world = await openElbv2();
    ({ h, elb, instanceId } = world);
    const web = await world.createLoadBalancer('web');
    const blue = await world.createTargetGroup('web-blue');
    await world.createListener(web.LoadBalancerArn!, 8080, blue.TargetGroupArn!);
  });
  afterAll(() => world.close());

  const createTargetGroup: Elbv2World['createTargetGroup'] = (...args) =>
    world.createTargetGroup(...args);

  it(
    'registers targets, and the waiter sees them in service once health checks pass',
    {
      timeout: 60_000,
    },
    async () => {
      const blue = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] })))
        .TargetGroups![0]!;
      const arn = blue.TargetGroupArn!;
      await elb.send(
        new RegisterTargetsCommand({
          TargetGroupArn: arn,
          Targets: [{ Id: '10.0.0.5' }, { Id: '10.0.0.6', Port: 8080 }],
        }),
      );
      const health = async () =>
        (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })))
          .TargetHealthDescriptions ?? [];
      expect((await health())[0]).toEqual({
        Target: { Id: '10.0.0.5', Port: 80 },
        HealthCheckPort: '80',
        TargetHealth: {
          State: 'initial',
          Reason: 'Elb.RegistrationInProgress',
          Description: 'Target registration is in progress',
        },
      });
      h.clock.advance(1_000);
      await h.controlPlane.tick();
      expect((await health())[1]?.TargetHealth?.Reason).toBe('Elb.InitialHealthChecking');

      const waiter = waitUntilTargetInService(
        { client: elb, ...waiterTiming },
        { TargetGroupArn: arn, Targets: [{ Id: '10.0.0.5', Port: 80 }] },
      );
      h.controlPlane.report({
        kind: 'target.health',
        targetGroupArn: arn,
        targetId: '10.0.0.5',
        port: 80,
        state: 'healthy',
        at: h.clock.now(),
      });
      h.controlPlane.report({
        kind: 'target.health',
        targetGroupArn: arn,
        targetId: '10.0.0.6',
        port: 8080,
        state: 'unhealthy',
        reason: 'Target.Timeout',
        at: h.clock.now(),
      });
      await h.advanceUntil(async () => (await health())[0]?.TargetHealth?.State === 'healthy', {
        what: 'the target healthy',
        withinMs: 10_000,
      });
      expect((await waiter).state).toBe('SUCCESS');
      expect((await health())[1]?.TargetHealth).toEqual({
        State: 'unhealthy',
        Reason: 'Target.Timeout',
        Description: 'Request timed out',
      });
      const asked = await elb.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: arn,
          Targets: [{ Id: '10.9.9.9', Port: 80 }],
        }),
      );
      expect(asked.TargetHealthDescriptions?.[0]?.TargetHealth?.Reason).toBe(
        'Target.NotRegistered',
      );

      await elb.send(
        new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.5' }] }),
      );
      expect((await health())[0]?.TargetHealth).toMatchObject({
        State: 'draining',
        Reason: 'Target.DeregistrationInProgress',
      });
      // Still draining just before the 300 s deregistration delay is over, gone after it.
      h.clock.advance(299_000);
      await h.controlPlane.tick();
      expect(await health()).toHaveLength(2);
      await h.advanceUntil(async () => (await health()).length === 1, {
        what: 'the drained target gone',
        withinMs: 5_000,
      });
      await refusal(
        elb.send(
          new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.5' }] }),
        ),
        InvalidTargetException,
        /not registered in target group 'web-blue'/,
      );
      await refusal(
        elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: 'i-0123' }] })),
        ElasticLoadBalancingV2ServiceException,
        "The IP address 'i-0123' is not a valid IPv4 address",
        'ValidationError',
      );
    },
  );

  it('registers instance targets of the cluster only, and marks unused groups', async () => {
    const group = await createTargetGroup('by-instance', { TargetType: 'instance' });
    await elb.send(
      new RegisterTargetsCommand({
        TargetGroupArn: group.TargetGroupArn,
        Targets: [{ Id: instanceId, Port: 32768 }],
      }),
    );
    const { TargetHealthDescriptions } = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }),
    );
    expect(TargetHealthDescriptions?.[0]?.TargetHealth).toMatchObject({
      State: 'unused',
      Reason: 'Target.NotInUse',
    });
    await refusal(
      elb.send(
        new RegisterTargetsCommand({
          TargetGroupArn: group.TargetGroupArn,
          Targets: [{ Id: 'i-00000000deadbeef' }],
        }),
      ),
      InvalidTargetException,
      "The following targets are not valid instances: 'i-00000000deadbeef'",
    );
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn }));
    await refusal(
      elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn })),
      TargetGroupNotFoundException,
      'One or more target groups not found',
    );
  });
});
