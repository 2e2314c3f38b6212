import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DuplicateListenerException,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  ModifyListenerCommand,
  ResourceInUseException,
  TargetGroupAssociationLimitException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, openElbv2, type Elbv2World } from './elbv2-conformance-setup';

// Listeners through the real SDK client: forward to one target group, then weighted over two,
// ModifyListener, and deleting a listener and a load balancer with its listeners.

describe('ELBv2 conformance: listeners', () => {
  let world: Elbv2World;
  let elb: ElasticLoadBalancingV2Client;
  beforeAll(async () => {
    world = await openElbv2();
    ({ elb } = world);
    await world.createLoadBalancer('web');
    await world.createLoadBalancer('api');
    await world.createTargetGroup('web-blue');
  });
  afterAll(() => world.close());

  const createTargetGroup: Elbv2World['createTargetGroup'] = (...args) =>
    world.createTargetGroup(...args);

  it('forwards a listener to one target group, then weighted over two', async () => {
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    const lbArn = LoadBalancers![0]!.LoadBalancerArn!;
    const blue = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] })))
      .TargetGroups![0]!;
    const green = await createTargetGroup('web-green');
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: blue.TargetGroupArn }],
      }),
    );
    const listener = Listeners![0]!;
    expect(listener).toMatchObject({ LoadBalancerArn: lbArn, Port: 8080, Protocol: 'HTTP' });
    expect(listener.ListenerArn).toMatch(/:listener\/app\/web\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(listener.DefaultActions?.[0]).toMatchObject({
      Type: 'forward',
      TargetGroupArn: blue.TargetGroupArn,
    });
    const described = await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    expect(described.TargetGroups?.map((g) => g.TargetGroupName)).toEqual(['web-blue']);
    expect(described.TargetGroups?.[0]?.LoadBalancerArns).toEqual([lbArn]);

    const modified = await elb.send(
      new ModifyListenerCommand({
        ListenerArn: listener.ListenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue.TargetGroupArn, Weight: 80 },
                { TargetGroupArn: green.TargetGroupArn, Weight: 20 },
              ],
            },
          },
        ],
      }),
    );
    expect(modified.Listeners?.[0]?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: blue.TargetGroupArn, Weight: 80 },
      { TargetGroupArn: green.TargetGroupArn, Weight: 20 },
    ]);
    const byLb = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(byLb.Listeners?.map((l) => l.Port)).toEqual([8080]);

    await refusal(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: green.TargetGroupArn }],
        }),
      ),
      DuplicateListenerException,
      'A listener already exists on this port for this load balancer',
    );
    await refusal(
      elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: blue.TargetGroupArn })),
      ResourceInUseException,
      `Target group '${blue.TargetGroupArn}' is currently in use by a listener or a rule`,
    );
    const api = (await elb.send(new DescribeLoadBalancersCommand({ Names: ['api'] })))
      .LoadBalancers![0]!;
    await refusal(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: api.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue.TargetGroupArn }],
        }),
      ),
      TargetGroupAssociationLimitException,
      /cannot be associated with more than one load balancer/,
    );
    await refusal(
      elb.send(new DescribeListenersCommand({ ListenerArns: [`${listener.ListenerArn}0`] })),
      ListenerNotFoundException,
      'One or more listeners not found',
    );
  });

  it('deletes a listener, and a load balancer with its listeners', async () => {
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    const lbArn = LoadBalancers![0]!.LoadBalancerArn!;
    const green = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-green'] })))
      .TargetGroups![0]!;
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: 9090,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: green.TargetGroupArn }],
      }),
    );
    await elb.send(new DeleteListenerCommand({ ListenerArn: Listeners![0]!.ListenerArn }));
    await refusal(
      elb.send(new DeleteListenerCommand({ ListenerArn: Listeners![0]!.ListenerArn })),
      ListenerNotFoundException,
      'One or more listeners not found',
    );
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    await refusal(
      elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn })),
      LoadBalancerNotFoundException,
      'One or more load balancers not found',
    );
    // Its listener went with it, so the target group may go now.
    const blue = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] })))
      .TargetGroups![0]!;
    expect(blue.LoadBalancerArns).toEqual([]);
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: blue.TargetGroupArn }));
  });
});
