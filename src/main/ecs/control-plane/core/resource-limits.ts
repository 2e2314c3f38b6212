import { EcsApiError } from './ecs-api-error';
import { maxClusters, maxInstancesPerCluster } from './limits';
import type { EcsState } from './state';

/** CreateCluster of a new cluster: AWS's quota on clusters per account and Region. */
export function checkClusterLimit(state: EcsState): void {
  const active = Object.values(state.clusters).filter((cluster) => cluster.status === 'ACTIVE');
  if (active.length >= maxClusters) {
    throw new EcsApiError(
      'ClientException',
      `Too many clusters. The maximum is ${maxClusters}; delete clusters to create more.`,
    );
  }
}

/** RegisterContainerInstance of a new instance: AWS's quota on instances per cluster. */
export function checkInstanceLimit(state: EcsState, clusterArn: string): void {
  let registered = 0;
  for (const instance of Object.values(state.containerInstances)) {
    if (instance.clusterArn === clusterArn && instance.status !== 'INACTIVE') registered++;
  }
  if (registered >= maxInstancesPerCluster) {
    throw new EcsApiError(
      'ClientException',
      `Too many container instances in the cluster. The maximum is ${maxInstancesPerCluster}.`,
    );
  }
}
