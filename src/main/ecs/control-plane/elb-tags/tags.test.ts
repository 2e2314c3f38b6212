import { describe, expect, it } from 'vitest';
import { createPlane } from '../test-support';

describe('ELB tags', () => {
  it('keeps tags on the records, replaced rather than changed in place', async () => {
    const { plane } = createPlane();
    const lb = (await plane.createLoadBalancer({ Name: 'web', Tags: [{ Key: 'a', Value: '1' }] }))
      .LoadBalancers![0]!;
    const arn = lb.LoadBalancerArn!;
    await plane.addTags({ ResourceArns: [arn], Tags: [{ Key: 'b', Value: '2' }] });
    await plane.removeTags({ ResourceArns: [arn], TagKeys: ['a'] });
    const { TagDescriptions } = await plane.describeTags({ ResourceArns: [arn] });
    expect(TagDescriptions).toEqual([{ ResourceArn: arn, Tags: [{ Key: 'b', Value: '2' }] }]);
  });

  it('refuses an ARN of another kind, and more than 20 ARNs, as ValidationError', async () => {
    const { plane } = createPlane();
    await expect(
      plane.describeTags({ ResourceArns: ['arn:aws:ecs:us-east-1:000000000000:cluster/x'] }),
    ).rejects.toMatchObject({ type: 'ValidationError' });
    const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers![0]!;
    await expect(
      plane.describeTags({
        ResourceArns: Array.from({ length: 21 }, () => lb.LoadBalancerArn!),
      }),
    ).rejects.toMatchObject({ type: 'ValidationError', message: /between 1 and 20/ });
    await expect(
      plane.addTags({ ResourceArns: [lb.LoadBalancerArn!], Tags: [] }),
    ).rejects.toMatchObject({ type: 'ValidationError' });
  });
});
