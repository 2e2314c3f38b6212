import {
  predefinedNetworks,
  type NetworkContainer,
  type NetworkDetail,
  type NetworkPrunePreview,
  type NetworkSummary,
} from '../../../shared';

/** One network of `GET /networks` or `GET /networks/{id}`. */
export interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope?: string;
  Created?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** One entry of `GET /containers/json?all=1`, as far as networks use it. */
export interface RawContainerNetworks {
  Id: string;
  Names?: string[] | null;
  State?: string;
  NetworkSettings?: {
    Networks?: Record<string, { NetworkID?: string; IPAddress?: string }> | null;
  } | null;
}

const containerName = (container: RawContainerNetworks) =>
  (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, '');

/**
 * The containers attached to each network, by network id. A container that never ran has
 * no NetworkID for its networks yet, only their names: those are matched by name.
 */
export function attachedContainers(
  networks: readonly RawNetwork[],
  containers: readonly RawContainerNetworks[],
): Map<string, NetworkContainer[]> {
  const idByName = new Map(networks.map((network) => [network.Name, network.Id]));
  const attached = new Map<string, NetworkContainer[]>();
  for (const container of containers) {
    for (const [name, endpoint] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      const id = endpoint.NetworkID || idByName.get(name);
      if (!id) continue;
      const list = attached.get(id) ?? [];
      list.push({
        id: container.Id,
        name: containerName(container),
        state: container.State ?? 'unknown',
        ipv4: endpoint.IPAddress ?? '',
      });
      attached.set(id, list);
    }
  }
  return attached;
}

export const isPredefined = (network: RawNetwork) => predefinedNetworks.includes(network.Name);

function toSummary(network: RawNetwork, containers: readonly NetworkContainer[]): NetworkSummary {
  return {
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    scope: network.Scope ?? 'local',
    created: network.Created ? Date.parse(network.Created) || 0 : 0,
    internal: network.Internal ?? false,
    attachable: network.Attachable ?? false,
    ipv6: network.EnableIPv6 ?? false,
    predefined: isPredefined(network),
    subnets: (network.IPAM?.Config ?? []).flatMap((config) =>
      config.Subnet
        ? [{ subnet: config.Subnet, ...(config.Gateway ? { gateway: config.Gateway } : {}) }]
        : [],
    ),
    labels: network.Labels ?? {},
    containers: [...containers].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function toNetworkSummaries(
  networks: readonly RawNetwork[],
  containers: readonly RawContainerNetworks[],
): NetworkSummary[] {
  const attached = attachedContainers(networks, containers);
  return networks.map((network) => toSummary(network, attached.get(network.Id) ?? []));
}

export function toNetworkDetail(
  network: RawNetwork,
  containers: readonly RawContainerNetworks[],
): NetworkDetail {
  const attached = attachedContainers([network], containers).get(network.Id) ?? [];
  return { ...toSummary(network, attached), options: network.Options ?? {}, raw: network };
}

/** Networks of your own (not predefined, not swarm's ingress) with nothing attached. */
export function prunableNetworks(
  networks: readonly RawNetwork[],
  containers: readonly RawContainerNetworks[],
): RawNetwork[] {
  const attached = attachedContainers(networks, containers);
  return networks.filter(
    (network) =>
      !isPredefined(network) && !network.Ingress && (attached.get(network.Id) ?? []).length === 0,
  );
}

export function toNetworkPrunePreview(
  networks: readonly RawNetwork[],
  containers: readonly RawContainerNetworks[],
): NetworkPrunePreview {
  return {
    networks: prunableNetworks(networks, containers)
      .map((network) => ({ id: network.Id, name: network.Name, driver: network.Driver }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
