import type Docker from 'dockerode';
import { statusOf } from '../runtime/docker-engine';
import { ecsLabels, runtimeLabel, runtimeLabelValue } from '../runtime/docker-map';

/** A Docker network whose gateway (the host's side of its bridge) is a link-local agent address. */
export interface AgentNetworkSpec {
  name: string;
  subnet: string;
  /** The address the host answers on: 169.254.170.2 for the task endpoints. */
  gateway: string;
}

/** Where the ECS agent serves task metadata and credentials. */
export const taskEndpointNetwork: AgentNetworkSpec = {
  name: 'stowage-ecs-agent',
  subnet: '169.254.170.0/24',
  gateway: '169.254.170.2',
};

/** Where the instance metadata service answers tasks on EC2 instances. */
export const instanceMetadataNetwork: AgentNetworkSpec = {
  name: 'stowage-ecs-imds',
  subnet: '169.254.169.0/24',
  gateway: '169.254.169.254',
};

/**
 * Makes sure the network exists, internal (no route anywhere but its own subnet, so joining it
 * changes nothing else a container reaches), with the gateway the host then holds on its bridge.
 * An existing network of that name with another gateway is refused rather than used.
 */
export async function ensureAgentNetwork(
  docker: Docker,
  spec: AgentNetworkSpec,
  extraLabels: Record<string, string>,
): Promise<void> {
  const find = async () =>
    (await docker.listNetworks({ filters: { name: [spec.name] } })).find(
      (n) => n.Name === spec.name,
    );
  let network = await find();
  if (!network) {
    try {
      await docker.createNetwork({
        Name: spec.name,
        Driver: 'bridge',
        Internal: true,
        CheckDuplicate: true,
        IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway }] },
        Labels: { ...extraLabels, [runtimeLabel]: runtimeLabelValue },
      });
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    network = await find();
  }
  const gateway = network?.IPAM?.Config?.[0]?.Gateway;
  if (gateway !== spec.gateway) {
    throw new Error(
      `the network ${spec.name} must have the gateway ${spec.gateway}, not ${gateway ?? 'none'}`,
    );
  }
}

/** The task ARN label of the runtime's container at `address` on the network, if any. */
export async function taskAtAddress(
  docker: Docker,
  network: string,
  address: string,
): Promise<string | undefined> {
  const inspected = (await docker.getNetwork(network).inspect()) as Docker.NetworkInspectInfo;
  const entry = Object.entries(inspected.Containers ?? {}).find(
    ([, container]) => container.IPv4Address.split('/')[0] === address,
  );
  if (!entry) return undefined;
  const labels = (await docker.getContainer(entry[0]).inspect()).Config.Labels ?? {};
  if (labels[runtimeLabel] !== runtimeLabelValue) return undefined;
  return labels[ecsLabels.taskArn];
}
