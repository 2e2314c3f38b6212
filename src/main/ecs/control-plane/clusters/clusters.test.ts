import { describe, expect, it } from 'vitest';
import { apiError, createPlane, prefix, web } from '../test-support';

describe('clusters', () => {
  it('creates idempotently by name, with the default cluster when unnamed', async () => {
    const { plane, journal } = createPlane();
    const first = await plane.createCluster({
      clusterName: 'prod',
      tags: [{ key: 'env', value: 'p' }],
    });
    expect(first.cluster).toMatchObject({
      clusterArn: `${prefix}cluster/prod`,
      clusterName: 'prod',
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      tags: [{ key: 'env', value: 'p' }],
    });
    const again = await plane.createCluster({ clusterName: 'prod' });
    expect(again.cluster?.clusterArn).toBe(first.cluster?.clusterArn);
    expect(journal).toHaveLength(1);
    expect((await plane.createCluster()).cluster?.clusterName).toBe('default');
  });

  it('refuses bad names and wrong types', async () => {
    const { plane } = createPlane();
    await apiError(
      plane.createCluster({ clusterName: 'no spaces' }),
      'InvalidParameterException',
      /^Cluster name should be between 1 and 255 characters/,
    );
    await apiError(
      plane.createCluster({ clusterName: 'x'.repeat(256) }),
      'InvalidParameterException',
    );
    await apiError(
      plane.createCluster({ clusterName: 5 } as never),
      'InvalidParameterException',
      /clusterName/,
    );
    await apiError(plane.deleteCluster({} as never), 'InvalidParameterException', /'cluster'/);
  });

  it('describes unknown clusters as MISSING failures, by name or ARN', async () => {
    const { plane } = createPlane();
    await plane.createCluster({ clusterName: 'a' });
    const result = await plane.describeClusters({ clusters: ['a', `${prefix}cluster/a`, 'ghost'] });
    expect(result.clusters?.map((c) => c.clusterName)).toEqual(['a', 'a']);
    expect(result.failures).toEqual([{ arn: `${prefix}cluster/ghost`, reason: 'MISSING' }]);
  });

  it('deletes an empty cluster to INACTIVE, still describable, no longer listed', async () => {
    const { plane } = createPlane();
    await plane.createCluster({ clusterName: 'a' });
    await plane.createCluster({ clusterName: 'b' });
    expect((await plane.deleteCluster({ cluster: 'a' })).cluster?.status).toBe('INACTIVE');
    expect((await plane.describeClusters({ clusters: ['a'] })).clusters?.[0]?.status).toBe(
      'INACTIVE',
    );
    expect((await plane.listClusters()).clusterArns).toEqual([`${prefix}cluster/b`]);
    await apiError(
      plane.deleteCluster({ cluster: 'a' }),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
    await apiError(
      plane.deleteCluster({ cluster: 'ghost' }),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
    await apiError(
      plane.listTasks({ cluster: 'a' }),
      'ClusterNotFoundException',
      'The referenced cluster was inactive.',
    );
    expect((await plane.createCluster({ clusterName: 'a' })).cluster?.status).toBe('ACTIVE');
  });

  it('refuses to delete a cluster that holds instances or tasks, and counts them', async () => {
    const { plane, run } = createPlane();
    await plane.createCluster({ clusterName: 'a' });
    const [instance] = await plane.launchInstances({ cluster: 'a', instanceType: 'm5.large' });
    await apiError(
      plane.deleteCluster({ cluster: 'a' }),
      'ClusterContainsContainerInstancesException',
      'The Cluster cannot be deleted while Container Instances are active or draining.',
    );
    await plane.registerTaskDefinition(web);
    await plane.runTask({ cluster: 'a', taskDefinition: 'web', count: 2 });
    let [cluster] = (await plane.describeClusters({ clusters: ['a'] })).clusters ?? [];
    expect(cluster).toMatchObject({
      registeredContainerInstancesCount: 1,
      pendingTasksCount: 2,
      runningTasksCount: 0,
    });
    await run(5_000);
    [cluster] = (await plane.describeClusters({ clusters: ['a'] })).clusters ?? [];
    expect(cluster).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 2 });
    await plane.deregisterContainerInstance({
      cluster: 'a',
      containerInstance: instance?.containerInstanceArn ?? '',
      force: true,
    });
    await apiError(
      plane.deleteCluster({ cluster: 'a' }),
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    );
    await run(5_000);
    expect((await plane.deleteCluster({ cluster: 'a' })).cluster?.status).toBe('INACTIVE');
  });

  it('lists clusters a page at a time with an opaque token', async () => {
    const { plane } = createPlane();
    for (const name of ['c1', 'c2', 'c3']) await plane.createCluster({ clusterName: name });
    const first = await plane.listClusters({ maxResults: 2 });
    expect(first.clusterArns).toHaveLength(2);
    const second = await plane.listClusters({ maxResults: 2, nextToken: first.nextToken });
    expect(second).toEqual({ clusterArns: [`${prefix}cluster/c3`] });
    await apiError(plane.listClusters({ maxResults: 200 }), 'InvalidParameterException');
  });
});
