import {
  ClusterNotFoundException,
  CreateClusterCommand,
  DescribeCapacityProvidersCommand,
  InvalidParameterException,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnPrefix, exactly, rejection, startHarness, type Harness } from './harness';

// DescribeCapacityProviders through the real SDK, as the ECS API reference documents it: the
// account's default Fargate providers, failures for missing ones, pages of up to ten.

describe('ECS conformance: capacity providers', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('describes FARGATE and FARGATE_SPOT', async () => {
    const answer = await h.client.send(new DescribeCapacityProvidersCommand({}));
    expect(answer.capacityProviders).toEqual([
      {
        capacityProviderArn: `${arnPrefix}capacity-provider/FARGATE`,
        name: 'FARGATE',
        status: 'ACTIVE',
        type: 'FARGATE',
      },
      {
        capacityProviderArn: `${arnPrefix}capacity-provider/FARGATE_SPOT`,
        name: 'FARGATE_SPOT',
        status: 'ACTIVE',
        type: 'FARGATE_SPOT',
      },
    ]);
    expect(answer.failures).toEqual([]);
    expect(answer.nextToken).toBeUndefined();
  });

  it('describes by name or ARN, tags when asked, a missing one as a failure', async () => {
    const answer = await h.client.send(
      new DescribeCapacityProvidersCommand({
        capacityProviders: [`${arnPrefix}capacity-provider/FARGATE_SPOT`, 'my-asg-provider'],
        include: ['TAGS'],
      }),
    );
    expect(answer.capacityProviders?.map(({ name, tags }) => ({ name, tags }))).toEqual([
      { name: 'FARGATE_SPOT', tags: [] },
    ]);
    expect(answer.failures).toEqual([
      { arn: `${arnPrefix}capacity-provider/my-asg-provider`, reason: 'MISSING' },
    ]);
  });

  it('pages with maxResults and nextToken', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await h.client.send(
        new DescribeCapacityProvidersCommand({ maxResults: 1, nextToken }),
      );
      names.push(...(page.capacityProviders ?? []).map((provider) => provider.name ?? ''));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken && pages < 10);
    expect(names).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(pages).toBe(2);
  });

  it('answers a cluster with no providers associated, and refuses what ECS refuses', async () => {
    await h.client.send(new CreateClusterCommand({ clusterName: 'cp' }));
    const forCluster = await h.client.send(new DescribeCapacityProvidersCommand({ cluster: 'cp' }));
    expect(forCluster.capacityProviders).toEqual([]);
    await rejection(
      h.client.send(new DescribeCapacityProvidersCommand({ cluster: 'nowhere' })),
      ClusterNotFoundException,
      exactly('Cluster not found.'),
    );
    await rejection(
      h.client.send(new DescribeCapacityProvidersCommand({ maxResults: 0 })),
      InvalidParameterException,
      exactly('maxResults must be between 1 and 10.'),
    );
  });
});
