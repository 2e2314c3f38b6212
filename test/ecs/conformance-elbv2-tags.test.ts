import type { ElasticLoadBalancingV2ServiceException } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  DescribeTagsCommand,
  DuplicateTagKeysException,
  ElasticLoadBalancingV2Client,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  RemoveTagsCommand,
  TargetGroupNotFoundException,
  TooManyTagsException,
  type Tag,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

// ELB's tagging (AddTags, RemoveTags, DescribeTags, and Tags on Create*) through the real SDK
// client against the real endpoint: load balancers, target groups and listeners, ELB's quota
// and its errors as the SDK's exception classes.

const elbArnPrefix = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:';

async function refusal(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => ElasticLoadBalancingV2ServiceException,
  message: string | RegExp,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(type);
  const failure = error as ElasticLoadBalancingV2ServiceException;
  expect(failure.$metadata.httpStatusCode).toBe(400);
  expect(failure.message).toMatch(message);
}

describe('ELBv2 tags conformance', () => {
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;

  beforeAll(async () => {
    h = await startHarness();
    elb = new ElasticLoadBalancingV2Client({
      endpoint: h.endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    elb.destroy();
    await h.close();
  });

  const tagsOf = async (...arns: string[]) =>
    ((await elb.send(new DescribeTagsCommand({ ResourceArns: arns }))).TagDescriptions ?? []).map(
      (description): [string | undefined, Tag[] | undefined] => [
        description.ResourceArn,
        description.Tags,
      ],
    );

  it('tags load balancers, target groups and listeners, at creation and after', async () => {
    const lb = (
      await elb.send(
        new CreateLoadBalancerCommand({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'web' }] }),
      )
    ).LoadBalancers![0]!;
    const group = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'tagged',
          Protocol: 'HTTP',
          Port: 80,
          TargetType: 'ip',
          Tags: [{ Key: 'tier', Value: 'front' }],
        }),
      )
    ).TargetGroups![0]!;
    const listener = (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
          Tags: [{ Key: 'port', Value: '8080' }],
        }),
      )
    ).Listeners![0]!;
    const arns = [lb.LoadBalancerArn!, group.TargetGroupArn!, listener.ListenerArn!];
    expect(await tagsOf(...arns)).toEqual([
      [arns[0], [{ Key: 'team', Value: 'web' }]],
      [arns[1], [{ Key: 'tier', Value: 'front' }]],
      [arns[2], [{ Key: 'port', Value: '8080' }]],
    ]);

    // AddTags sets a key anew or adds it, on every resource named.
    await elb.send(
      new AddTagsCommand({
        ResourceArns: arns,
        Tags: [{ Key: 'team', Value: 'ops' }, { Key: 'cost' }],
      }),
    );
    expect((await tagsOf(arns[0]!))[0]?.[1]).toEqual([
      { Key: 'team', Value: 'ops' },
      { Key: 'cost' },
    ]);
    expect((await tagsOf(arns[1]!))[0]?.[1]).toEqual([
      { Key: 'tier', Value: 'front' },
      { Key: 'team', Value: 'ops' },
      { Key: 'cost' },
    ]);

    await elb.send(new RemoveTagsCommand({ ResourceArns: arns, TagKeys: ['team', 'absent'] }));
    expect((await tagsOf(...arns)).map(([, tags]) => tags?.map((tag) => tag.Key))).toEqual([
      ['cost'],
      ['tier', 'cost'],
      ['port', 'cost'],
    ]);
  });

  it("refuses as ELB does: its quota, a key twice, resources that don't exist", async () => {
    const group = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'quota',
          Protocol: 'HTTP',
          Port: 80,
          TargetType: 'ip',
        }),
      )
    ).TargetGroups![0]!;
    const arn = group.TargetGroupArn!;
    const tags = (count: number, from = 0) =>
      Array.from({ length: count }, (_, index) => ({ Key: `k${from + index}`, Value: 'v' }));
    await elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tags(49) }));
    await refusal(
      elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tags(2, 49) })),
      TooManyTagsException,
      /limit on the number of tags/,
    );
    // Overwriting a key adds nothing, so it stays within the quota.
    await elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tags(1, 48) }));
    await elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tags(1, 49) }));
    expect((await tagsOf(arn))[0]?.[1]).toHaveLength(50);
    await refusal(
      elb.send(
        new CreateTargetGroupCommand({
          Name: 'toomany',
          Protocol: 'HTTP',
          Port: 80,
          TargetType: 'ip',
          Tags: tags(51),
        }),
      ),
      TooManyTagsException,
      /limit on the number of tags/,
    );
    await refusal(
      elb.send(
        new AddTagsCommand({
          ResourceArns: [arn],
          Tags: [
            { Key: 'twice', Value: 'a' },
            { Key: 'twice', Value: 'b' },
          ],
        }),
      ),
      DuplicateTagKeysException,
      "Tag key 'twice' specified more than once",
    );

    const missingLb = `${elbArnPrefix}loadbalancer/app/gone/0123456789abcdef`;
    await refusal(
      elb.send(new DescribeTagsCommand({ ResourceArns: [missingLb] })),
      LoadBalancerNotFoundException,
      `Load balancer '${missingLb}' not found`,
    );
    await refusal(
      elb.send(
        new AddTagsCommand({
          ResourceArns: [`${elbArnPrefix}listener/app/gone/0123456789abcdef/0123456789abcdef`],
          Tags: [{ Key: 'a' }],
        }),
      ),
      ListenerNotFoundException,
      /Listener '.*' not found/,
    );
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }));
    await refusal(
      elb.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: ['k1'] })),
      TargetGroupNotFoundException,
      `Target groups '${arn}' not found`,
    );
  });
});
