import type { EcsClusterContents } from '../../shared/contract/ecs';
import type { AppEcs } from './simulator';

const pageSize = 100;

/**
 * What the cluster holds: its tasks, instances and services while it is ACTIVE, and whatever
 * the runtime still keeps for it in any status (a deleted cluster's containers go shortly after).
 */
export async function clusterContents(ecs: AppEcs, cluster: string): Promise<EcsClusterContents> {
  const { controlPlane: cp, runtime } = await ecs.get();
  const described = await cp.describeClusters({ clusters: [cluster] });
  const found = described.clusters?.[0];
  const clusterArn = found?.clusterArn ?? described.failures?.[0]?.arn ?? cluster;
  const held = (await runtime.clusterResources?.(clusterArn)) ?? { containers: 0, networks: [] };
  const contents: EcsClusterContents = {
    clusterArn,
    status: found?.status ?? 'MISSING',
    activeTasks: 0,
    stoppedTasks: 0,
    instances: 0,
    services: found?.activeServicesCount ?? 0,
    ...held,
  };
  if (found?.status !== 'ACTIVE') return contents;
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    let nextToken: string | undefined;
    do {
      const page = await cp.listTasks({ cluster, desiredStatus, maxResults: pageSize, nextToken });
      const tasks = page.taskArns ?? [];
      if (tasks.length > 0) {
        for (const task of (await cp.describeTasks({ cluster, tasks })).tasks ?? []) {
          if (task.lastStatus === 'STOPPED') contents.stoppedTasks++;
          else contents.activeTasks++;
        }
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  contents.instances = found.registeredContainerInstancesCount ?? 0;
  return contents;
}
