import { describe, expect, it } from 'vitest';
import { apiError, createPlane, prefix } from '../test-support';

describe('tags', () => {
  it('tags, lists and untags a cluster by its ARN', async () => {
    const { plane } = createPlane();
    await plane.createCluster({ clusterName: 'tagged' });
    const resourceArn = `${prefix}cluster/tagged`;
    await plane.tagResource({ resourceArn, tags: [{ key: 'team', value: 'blue' }] });
    expect(await plane.listTagsForResource({ resourceArn })).toEqual({
      tags: [{ key: 'team', value: 'blue' }],
    });
    await plane.untagResource({ resourceArn, tagKeys: ['team'] });
    expect(await plane.listTagsForResource({ resourceArn })).toEqual({ tags: [] });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'takes %s for the invalid ARN it is, not for something every object has',
    async (resourceArn) => {
      const { plane } = createPlane();
      const tags = [{ key: 'a', value: 'b' }];
      await apiError(plane.tagResource({ resourceArn, tags }), 'InvalidParameterException');
      await apiError(
        plane.untagResource({ resourceArn, tagKeys: ['a'] }),
        'InvalidParameterException',
      );
      await apiError(plane.listTagsForResource({ resourceArn }), 'InvalidParameterException');
    },
  );
});
