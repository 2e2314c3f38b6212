import type Docker from 'dockerode';
import { findOrCreateNetwork, startNamespaceOwner } from './docker-engine';
import { clusterNetworkName, namespaceOwnerCreateOptions, networkLabels } from './docker-map';
import type { RuntimeTaskSpec } from '../control-plane/core/runtime-port';
import { addressInSubnet, firstHost, ipv4Number } from './subnet-address';

// Docker's refusal of a chosen address on a network whose subnet it picked itself.
const dockerAssignsOnly = 'user specified IP address is supported only';

const bareAddress = (cidrOrAddress: string | undefined) => cidrOrAddress?.split('/')[0] ?? '';

/**
 * The per-cluster networks bridge and awsvpc tasks join, and the addresses awsvpc tasks take on
 * them: inside the network's own subnet, whatever it is (Docker's default 172.x, or one the user
 * made), at the host part ECS chose when it can.
 */
export class ClusterNetworks {
  private readonly subnets = new Map<string, Promise<string[]>>();
  /** Per network, the namespace owner being started: one at a time, so no two pick one address. */
  private readonly starting = new Map<string, Promise<unknown>>();
  /** Networks made without a subnet of their own: Docker assigns every address there. */
  private readonly dockerAssigned = new Set<string>();

  constructor(
    private readonly docker: () => Docker,
    private readonly extraLabels: Record<string, string>,
  ) {}

  /** The cluster's network, created when missing; its IPv4 subnets. One creation per cluster. */
  ensure(clusterArn: string): Promise<string[]> {
    const name = clusterNetworkName(clusterArn);
    let pending = this.subnets.get(name);
    if (!pending) {
      pending = findOrCreateNetwork(
        this.docker(),
        name,
        networkLabels(clusterArn, this.extraLabels),
      ).then((subnets) =>
        subnets.filter((subnet) => ipv4Number(bareAddress(subnet)) !== undefined),
      );
      pending.catch(() => this.subnets.delete(name));
      this.subnets.set(name, pending);
    }
    return pending;
  }

  /** Forgets the cluster's network, which is about to be removed: a later task makes it anew. */
  forget(clusterArn: string): void {
    const name = clusterNetworkName(clusterArn);
    this.subnets.delete(name);
    this.dockerAssigned.delete(name);
  }

  /**
   * Starts the container holding the task's network namespace at an address of the network's
   * subnet; its id and the address it really has (Docker's pick when the subnet is unknown).
   */
  startNamespaceOwner(spec: RuntimeTaskSpec): Promise<{ id: string; address?: string }> {
    const name = clusterNetworkName(spec.clusterArn);
    const previous = this.starting.get(name) ?? Promise.resolve();
    const next = previous.then(async () => {
      const [subnet] = await this.ensure(spec.clusterArn);
      const address =
        subnet && spec.privateIpv4Address && !this.dockerAssigned.has(name)
          ? addressInSubnet(spec.privateIpv4Address, subnet, await this.takenOn(name, subnet))
          : undefined;
      const start = (chosen: string | undefined) =>
        startNamespaceOwner(
          this.docker(),
          namespaceOwnerCreateOptions(spec, this.extraLabels, chosen),
        );
      const id = await start(address).catch((error: unknown) => {
        if (!address || !String((error as Error).message).includes(dockerAssignsOnly)) throw error;
        this.dockerAssigned.add(name);
        return start(undefined);
      });
      const inspected = await this.docker().getContainer(id).inspect();
      const actual = inspected.NetworkSettings.Networks[name]?.IPAddress;
      return { id, ...(actual ? { address: actual } : {}) };
    });
    const settled = next.catch(() => undefined);
    this.starting.set(name, settled);
    void settled.then(() => {
      if (this.starting.get(name) === settled) this.starting.delete(name);
    });
    return next;
  }

  /** The gateway and every address containers hold on the network. */
  private async takenOn(name: string, subnet: string): Promise<Set<string>> {
    const network = (await this.docker().getNetwork(name).inspect()) as Docker.NetworkInspectInfo;
    const taken = new Set<string>();
    const config = network.IPAM?.Config?.find((c) => c.Subnet === subnet);
    const gateway = config?.Gateway ?? firstHost(subnet);
    if (gateway) taken.add(gateway);
    for (const container of Object.values(network.Containers ?? {})) {
      taken.add(bareAddress(container.IPv4Address));
    }
    return taken;
  }
}
