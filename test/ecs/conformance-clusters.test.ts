import {
  AttributeLimitExceededException,
  ClusterContainsContainerInstancesException,
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateTaskSetCommand,
  DeleteAttributesCommand,
  DeleteClusterCommand,
  DeregisterContainerInstanceCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  ECSServiceException,
  InvalidParameterException,
  ListAttributesCommand,
  ListClustersCommand,
  ListTagsForResourceCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  TagResourceCommand,
  TargetNotFoundException,
  UnsupportedFeatureException,
  UntagResourceCommand,
  UpdateContainerInstancesStateCommand,
  paginateListAttributes,
  paginateListClusters,
  paginateListContainerInstances,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnPrefix, exactly, rejection, startHarness, type Harness } from './harness';

// Clusters, container instances, attributes and tags through the real SDK, as the ECS API
// reference documents them.

const resources = (cpu: number, memory: number) => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
];

describe('ECS conformance: clusters, container instances, attributes, tags', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function registerInstance(cluster: string) {
    const { containerInstance } = await h.client.send(
      new RegisterContainerInstanceCommand({ cluster, totalResources: resources(2048, 3840) }),
    );
    return containerInstance?.containerInstanceArn as string;
  }

  it('creates clusters idempotently, the default one without a name', async () => {
    const first = await h.client.send(
      new CreateClusterCommand({ clusterName: 'alpha', tags: [{ key: 'team', value: 'core' }] }),
    );
    expect(first.cluster).toMatchObject({
      clusterArn: `${arnPrefix}cluster/alpha`,
      clusterName: 'alpha',
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
    });
    const again = await h.client.send(new CreateClusterCommand({ clusterName: 'alpha' }));
    expect(again.cluster?.clusterArn).toBe(first.cluster?.clusterArn);
    const fallback = await h.client.send(new CreateClusterCommand({}));
    expect(fallback.cluster?.clusterName).toBe('default');
  });

  it('refuses a cluster name outside [A-Za-z0-9_-]{1,255}', async () => {
    await rejection(
      h.client.send(new CreateClusterCommand({ clusterName: 'not a name!' })),
      InvalidParameterException,
    );
    await rejection(
      h.client.send(new CreateClusterCommand({ clusterName: 'x'.repeat(256) })),
      InvalidParameterException,
    );
  });

  it('describes clusters, with tags when asked, and reports unknown ones as MISSING', async () => {
    const described = await h.client.send(
      new DescribeClustersCommand({ clusters: ['alpha', 'nowhere'], include: ['TAGS'] }),
    );
    expect(described.clusters?.map((cluster) => cluster.clusterName)).toEqual(['alpha']);
    expect(described.clusters?.[0]?.tags).toEqual([{ key: 'team', value: 'core' }]);
    expect(described.failures).toEqual([{ arn: `${arnPrefix}cluster/nowhere`, reason: 'MISSING' }]);
  });

  it('walks every page of ListClusters with the paginator', async () => {
    for (let i = 0; i < 7; i++) {
      await h.client.send(new CreateClusterCommand({ clusterName: `paged-${i}` }));
    }
    const arns: string[] = [];
    let pages = 0;
    for await (const page of paginateListClusters({ client: h.client, pageSize: 2 }, {})) {
      pages++;
      expect(page.clusterArns?.length).toBeLessThanOrEqual(2);
      arns.push(...(page.clusterArns ?? []));
    }
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(new Set(arns).size).toBe(arns.length);
    for (let i = 0; i < 7; i++) expect(arns).toContain(`${arnPrefix}cluster/paged-${i}`);
    expect(arns).toContain(`${arnPrefix}cluster/alpha`);
  });

  it('refuses maxResults outside 1–100 and a nextToken it never gave', async () => {
    await rejection(
      h.client.send(new ListClustersCommand({ maxResults: 101 })),
      InvalidParameterException,
    );
    await rejection(
      h.client.send(new ListClustersCommand({ maxResults: 0 })),
      InvalidParameterException,
    );
    await rejection(
      h.client.send(new ListClustersCommand({ nextToken: 'made-up' })),
      InvalidParameterException,
    );
  });

  it('deletes an empty cluster (INACTIVE, still describable) and not an unknown one', async () => {
    const deleted = await h.client.send(new DeleteClusterCommand({ cluster: 'paged-0' }));
    expect(deleted.cluster?.status).toBe('INACTIVE');
    const described = await h.client.send(new DescribeClustersCommand({ clusters: ['paged-0'] }));
    expect(described.clusters?.[0]?.status).toBe('INACTIVE');
    await rejection(
      h.client.send(new DeleteClusterCommand({ cluster: 'nowhere' })),
      ClusterNotFoundException,
      exactly('Cluster not found.'),
    );
  });

  it('registers, describes, lists, drains and deregisters container instances', async () => {
    await h.client.send(new CreateClusterCommand({ clusterName: 'fleet' }));
    const arns = [await registerInstance('fleet'), await registerInstance('fleet')];
    for (const arn of arns) {
      expect(arn).toMatch(
        /^arn:aws:ecs:us-east-1:000000000000:container-instance\/fleet\/[0-9a-f]{32}$/,
      );
    }
    const { containerInstances } = await h.client.send(
      new DescribeContainerInstancesCommand({ cluster: 'fleet', containerInstances: arns }),
    );
    expect(containerInstances).toHaveLength(2);
    const first = containerInstances?.[0];
    expect(first?.status).toBe('ACTIVE');
    expect(first?.agentConnected).toBe(true);
    expect(first?.registeredAt).toBeInstanceOf(Date);
    const cpu = first?.registeredResources?.find((resource) => resource.name === 'CPU');
    expect(cpu?.integerValue).toBe(2048);

    const listed: string[] = [];
    for await (const page of paginateListContainerInstances(
      { client: h.client, pageSize: 1 },
      { cluster: 'fleet' },
    )) {
      listed.push(...(page.containerInstanceArns ?? []));
    }
    expect(listed.sort()).toEqual([...arns].sort());

    const drained = await h.client.send(
      new UpdateContainerInstancesStateCommand({
        cluster: 'fleet',
        containerInstances: [arns[0] as string],
        status: 'DRAINING',
      }),
    );
    expect(drained.containerInstances?.[0]?.status).toBe('DRAINING');

    await rejection(
      h.client.send(new DeleteClusterCommand({ cluster: 'fleet' })),
      ClusterContainsContainerInstancesException,
    );
    const gone = await h.client.send(
      new DeregisterContainerInstanceCommand({ cluster: 'fleet', containerInstance: arns[1] }),
    );
    expect(gone.containerInstance?.status).toBe('INACTIVE');
  });

  it('describes an unknown container instance as MISSING, and needs a cluster that exists', async () => {
    const described = await h.client.send(
      new DescribeContainerInstancesCommand({
        cluster: 'fleet',
        containerInstances: ['0123456789abcdef0123456789abcdef'],
      }),
    );
    expect(described.failures?.[0]?.reason).toBe('MISSING');
    await rejection(
      h.client.send(new RegisterContainerInstanceCommand({ cluster: 'nowhere' })),
      ClusterNotFoundException,
    );
  });

  it('puts, lists and deletes custom attributes, at most 10 per resource', async () => {
    const target = await registerInstance('fleet');
    const put = await h.client.send(
      new PutAttributesCommand({
        cluster: 'fleet',
        attributes: [{ name: 'stack', value: 'prod', targetId: target }],
      }),
    );
    expect(put.attributes?.[0]).toMatchObject({ name: 'stack', value: 'prod' });
    const listed: string[] = [];
    for await (const page of paginateListAttributes(
      { client: h.client, pageSize: 1 },
      { cluster: 'fleet', targetType: 'container-instance', attributeName: 'stack' },
    )) {
      listed.push(...(page.attributes ?? []).map((attribute) => attribute.targetId as string));
    }
    expect(listed).toEqual([target]);

    const nine = Array.from({ length: 9 }, (_, i) => ({ name: `a${i}`, targetId: target }));
    await h.client.send(new PutAttributesCommand({ cluster: 'fleet', attributes: nine }));
    await rejection(
      h.client.send(
        new PutAttributesCommand({
          cluster: 'fleet',
          attributes: [{ name: 'one-too-many', targetId: target }],
        }),
      ),
      AttributeLimitExceededException,
    );
    await rejection(
      h.client.send(
        new PutAttributesCommand({
          cluster: 'fleet',
          attributes: [{ name: 'x', targetId: '0123456789abcdef0123456789abcdef' }],
        }),
      ),
      TargetNotFoundException,
    );
    await h.client.send(
      new DeleteAttributesCommand({
        cluster: 'fleet',
        attributes: [{ name: 'stack', targetId: target }],
      }),
    );
    const after = await h.client.send(
      new ListAttributesCommand({
        cluster: 'fleet',
        targetType: 'container-instance',
        attributeName: 'stack',
      }),
    );
    expect(after.attributes ?? []).toEqual([]);
  });

  it('tags and untags a cluster by ARN', async () => {
    const resourceArn = `${arnPrefix}cluster/alpha`;
    await h.client.send(
      new TagResourceCommand({ resourceArn, tags: [{ key: 'env', value: 'test' }] }),
    );
    const tagged = await h.client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(tagged.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'core' },
        { key: 'env', value: 'test' },
      ]),
    );
    await h.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }));
    const after = await h.client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(after.tags).toEqual([{ key: 'env', value: 'test' }]);
    const missing = await h.client
      .send(new ListTagsForResourceCommand({ resourceArn: `${arnPrefix}cluster/nowhere` }))
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ECSServiceException);
    expect((missing as ECSServiceException).$fault).toBe('client');
  });

  it('answers an operation Stowage does not implement with UnsupportedFeatureException', async () => {
    await rejection(
      h.client.send(
        new CreateTaskSetCommand({ service: 'web', cluster: 'alpha', taskDefinition: 'web:1' }),
      ),
      UnsupportedFeatureException,
      exactly('Stowage does not implement CreateTaskSet yet.'),
    );
  });
});
