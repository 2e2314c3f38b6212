import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ListenerNotFoundException,
  RuleNotFoundException,
  type ElasticLoadBalancingV2ServiceException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultListenerRuleArn } from '../../src/shared/domain/ecs';
import { startHarness, type Harness } from './harness';

// DescribeRules through the real SDK: every listener's one rule, its default, named as
// deployment strategies take it for a production or test listener rule.

async function failure(promise: Promise<unknown>): Promise<ElasticLoadBalancingV2ServiceException> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught, 'the call should have failed').toBeDefined();
  return caught as ElasticLoadBalancingV2ServiceException;
}

describe('ELBv2 conformance: listener rules', () => {
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;
  let listenerArn: string;
  let groupArn: string;

  beforeAll(async () => {
    h = await startHarness();
    elb = new ElasticLoadBalancingV2Client({
      endpoint: h.endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'rules' })))
      .LoadBalancers![0]!;
    groupArn = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'rules',
          Protocol: 'HTTP',
          Port: 80,
          TargetType: 'ip',
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    listenerArn = (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: groupArn }],
        }),
      )
    ).Listeners![0]!.ListenerArn!;
  });
  afterAll(async () => {
    elb.destroy();
    await h.close();
  });

  it('describes a listener’s default rule by listener and by rule ARN', async () => {
    const byListener = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
    expect(byListener.Rules).toEqual([
      {
        RuleArn: defaultListenerRuleArn(listenerArn),
        Priority: 'default',
        Conditions: [],
        Actions: [
          expect.objectContaining({
            Type: 'forward',
            TargetGroupArn: groupArn,
            ForwardConfig: expect.objectContaining({
              TargetGroups: [{ TargetGroupArn: groupArn, Weight: 1 }],
            }),
          }),
        ],
        IsDefault: true,
      },
    ]);
    expect(defaultListenerRuleArn(listenerArn)).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:\d{12}:listener-rule\/app\/rules\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
    const byRule = await elb.send(
      new DescribeRulesCommand({ RuleArns: [defaultListenerRuleArn(listenerArn)] }),
    );
    expect(byRule.Rules).toEqual(byListener.Rules);
  });

  it('answers ELB’s errors', async () => {
    expect(
      await failure(elb.send(new DescribeRulesCommand({ ListenerArn: `${listenerArn}0` }))),
    ).toBeInstanceOf(ListenerNotFoundException);
    const missing = await failure(
      elb.send(new DescribeRulesCommand({ RuleArns: [`${defaultListenerRuleArn(listenerArn)}0`] })),
    );
    expect(missing).toBeInstanceOf(RuleNotFoundException);
    expect(missing.message).toBe('One or more rules not found');
    const neither = await failure(elb.send(new DescribeRulesCommand({})));
    expect(neither.name).toBe('ValidationError');
    expect(neither.message).toBe('You must specify either listener ARN or rule ARNs');
  });
});
