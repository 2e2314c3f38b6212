import { describe, expect, it } from 'vitest';
import { apiError, createPlane, prefix } from '../test-support';

const fargate = {
  capacityProviderArn: `${prefix}capacity-provider/FARGATE`,
  name: 'FARGATE',
  status: 'ACTIVE',
  type: 'FARGATE',
};
const fargateSpot = {
  capacityProviderArn: `${prefix}capacity-provider/FARGATE_SPOT`,
  name: 'FARGATE_SPOT',
  status: 'ACTIVE',
  type: 'FARGATE_SPOT',
};

describe('DescribeCapacityProviders', () => {
  it('describes the default providers, with tags only when asked', async () => {
    const { plane, journal } = createPlane();
    expect(await plane.describeCapacityProviders()).toEqual({
      capacityProviders: [fargate, fargateSpot],
      failures: [],
    });
    expect(await plane.describeCapacityProviders({ include: ['TAGS'] })).toEqual({
      capacityProviders: [
        { ...fargate, tags: [] },
        { ...fargateSpot, tags: [] },
      ],
      failures: [],
    });
    expect(journal).toEqual([]);
  });

  it('describes providers by name or ARN and names each missing one as a failure', async () => {
    const { plane } = createPlane();
    const answer = await plane.describeCapacityProviders({
      capacityProviders: [`${prefix}capacity-provider/FARGATE_SPOT`, 'nope', 'FARGATE'],
    });
    expect(answer).toEqual({
      capacityProviders: [fargateSpot, fargate],
      failures: [{ arn: `${prefix}capacity-provider/nope`, reason: 'MISSING' }],
    });
  });

  it('pages by maxResults with an opaque nextToken', async () => {
    const { plane } = createPlane();
    const first = await plane.describeCapacityProviders({ maxResults: 1 });
    expect(first.capacityProviders).toEqual([fargate]);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await plane.describeCapacityProviders({
      maxResults: 1,
      nextToken: first.nextToken,
    });
    expect(second).toEqual({ capacityProviders: [fargateSpot], failures: [] });
  });

  it('answers no provider for a cluster, which has none associated, and refuses a missing one', async () => {
    const { plane } = createPlane();
    await plane.createCluster();
    expect(await plane.describeCapacityProviders({ cluster: 'default' })).toEqual({
      capacityProviders: [],
      failures: [],
    });
    await apiError(
      plane.describeCapacityProviders({ cluster: 'elsewhere' }),
      'ClusterNotFoundException',
    );
  });

  it('refuses input ECS refuses', async () => {
    const { plane } = createPlane();
    await apiError(
      plane.describeCapacityProviders({ maxResults: 11 }),
      'InvalidParameterException',
      'maxResults must be between 1 and 10.',
    );
    await apiError(
      plane.describeCapacityProviders({
        capacityProviders: Array.from({ length: 101 }, () => 'FARGATE'),
      }),
      'InvalidParameterException',
    );
    await apiError(
      plane.describeCapacityProviders({ nextToken: 'not a token' }),
      'InvalidParameterException',
      'Invalid nextToken provided.',
    );
    await apiError(
      plane.describeCapacityProviders({ capacityProviders: 'FARGATE' } as never),
      'InvalidParameterException',
    );
  });
});
