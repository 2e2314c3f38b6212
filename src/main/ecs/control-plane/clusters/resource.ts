import type * as Ecs from '@aws-sdk/client-ecs';
import {
  pageMembers,
  readOperation,
  tagMembers,
  writeOperation,
  type ResourceModule,
} from '../core/resource-module';
import { createCluster, deleteCluster, describeClusters, listClusters } from './operations';

export const clustersResource = {
  name: 'clusters',
  operations: [
    writeOperation<Ecs.CreateClusterRequest>()('CreateCluster', createCluster, {
      clusterName: 'ref',
      tags: tagMembers,
      settings: { list: { name: 'text', value: 'text' } },
    }),
    writeOperation<Ecs.DeleteClusterRequest>()('DeleteCluster', deleteCluster, { cluster: 'ref' }),
    readOperation<Ecs.DescribeClustersRequest>()('DescribeClusters', describeClusters, {
      clusters: 'refs',
      include: 'texts',
    }),
    readOperation<Ecs.ListClustersRequest>()('ListClusters', listClusters, pageMembers),
  ],
} as const satisfies ResourceModule;
