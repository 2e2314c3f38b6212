import type Docker from 'dockerode';
import type { RuntimeClusterResources } from '../control-plane/core/runtime-port';
import { removeContainer, statusOf } from './docker-engine';
import { clusterNameOf, clusterNetworkName, ecsLabels, ownLabelFilter } from './docker-map';

/** The label filters that find what the runtime created for a cluster. */
function clusterFilters(clusterArn: string): { label: string[] } {
  return { label: [ownLabelFilter, `${ecsLabels.cluster}=${clusterNameOf(clusterArn)}`] };
}

/** The runtime's containers of the cluster's tasks, in every state. */
export function clusterContainers(
  docker: Docker,
  clusterArn: string,
): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: clusterFilters(clusterArn) });
}

/** The cluster's network, when the runtime made it (one the user made is not counted). */
async function clusterNetworks(docker: Docker, clusterArn: string): Promise<string[]> {
  const name = clusterNetworkName(clusterArn);
  const networks = await docker.listNetworks({ filters: clusterFilters(clusterArn) });
  return networks.filter((network) => network.Name === name).map((network) => network.Name);
}

export async function clusterResourcesOn(
  docker: Docker,
  clusterArn: string,
): Promise<RuntimeClusterResources> {
  const [containers, networks] = await Promise.all([
    clusterContainers(docker, clusterArn),
    clusterNetworks(docker, clusterArn),
  ]);
  return { containers: containers.length, networks };
}

/**
 * Removes the cluster's containers, then its network; the ids of the containers removed. A
 * network another container still uses stays, and the failure says which.
 */
export async function removeClusterResources(
  docker: Docker,
  clusterArn: string,
): Promise<Docker.ContainerInfo[]> {
  const containers = await clusterContainers(docker, clusterArn);
  await Promise.all(containers.map((container) => removeContainer(docker, container.Id)));
  for (const name of await clusterNetworks(docker, clusterArn)) {
    await docker
      .getNetwork(name)
      .remove()
      .catch((error: unknown) => {
        if (statusOf(error) !== 404) throw error;
      });
  }
  return containers;
}
