import type { Container, Task } from '@aws-sdk/client-ecs';
import type Docker from 'dockerode';

/** One network of a container in the metadata endpoint's words. */
export interface MetadataNetwork {
  NetworkMode: string;
  IPv4Addresses: string[];
  AttachmentIndex?: number;
  MACAddress?: string;
  IPv4SubnetCIDRBlock?: string;
  SubnetGatewayIpv4Address?: string;
  PrivateDNSName?: string;
}

export interface ContainerMetadata {
  DockerId: string;
  Name: string;
  DockerName: string;
  Image: string;
  ImageID: string;
  Labels: Record<string, string>;
  DesiredStatus: string;
  KnownStatus: string;
  Limits: { CPU: number; Memory?: number };
  CreatedAt?: string;
  StartedAt?: string;
  Type: 'NORMAL';
  ContainerARN?: string;
  ExitCode?: number;
  Networks: MetadataNetwork[];
}

export interface TaskMetadata {
  Cluster: string;
  TaskARN: string;
  Family: string;
  Revision: string;
  DesiredStatus: string;
  KnownStatus: string;
  Limits?: { CPU?: number; Memory?: number };
  PullStartedAt?: string;
  PullStoppedAt?: string;
  AvailabilityZone?: string;
  LaunchType?: string;
  ContainerInstanceARN?: string;
  ServiceName?: string;
  Containers: ContainerMetadata[];
}

/** The agent's own networks: a container's address there is not one of the task's networks. */
export interface MetadataContext {
  /** Network names that carry the agent's endpoints only. */
  agentNetworks: ReadonlySet<string>;
  /** The task's network mode, as the task definition says. */
  networkMode: string;
  region: string;
}

/** `family:revision` of a task definition ARN. */
function familyRevisionOf(taskDefinitionArn: string | undefined): [string, string] {
  const tail = (taskDefinitionArn ?? '').slice((taskDefinitionArn ?? '').lastIndexOf('/') + 1);
  const colon = tail.lastIndexOf(':');
  return colon < 0 ? [tail, ''] : [tail.slice(0, colon), tail.slice(colon + 1)];
}

const iso = (value: Date | string | undefined) =>
  value === undefined ? undefined : new Date(value).toISOString();

/** Docker's `0001-01-01T00:00:00Z` means "never". */
const dockerTime = (value: string | undefined) =>
  !value || value.startsWith('0001-') ? undefined : value;

/** The networks of a container as the metadata endpoint lists them: real addresses from Docker. */
export function metadataNetworksOf(
  inspected: Pick<Docker.ContainerInspectInfo, 'NetworkSettings'> | undefined,
  context: MetadataContext,
  ownerNetworks?: Docker.ContainerInspectInfo['NetworkSettings']['Networks'],
): MetadataNetwork[] {
  const networks = ownerNetworks ?? inspected?.NetworkSettings.Networks ?? {};
  return Object.entries(networks)
    .filter(([name]) => !context.agentNetworks.has(name))
    .map(([name, network], index) => {
      const prefix = network.IPPrefixLen ? `/${network.IPPrefixLen}` : '';
      return {
        NetworkMode: context.networkMode === 'awsvpc' ? 'awsvpc' : name,
        IPv4Addresses: network.IPAddress ? [network.IPAddress] : [],
        ...(context.networkMode === 'awsvpc'
          ? {
              AttachmentIndex: index,
              ...(network.MacAddress ? { MACAddress: network.MacAddress } : {}),
              ...(network.IPAddress && prefix
                ? { IPv4SubnetCIDRBlock: subnetOf(network.IPAddress, network.IPPrefixLen) }
                : {}),
              ...(network.Gateway
                ? { SubnetGatewayIpv4Address: `${network.Gateway}${prefix}` }
                : {}),
              ...(network.IPAddress
                ? {
                    PrivateDNSName: `ip-${network.IPAddress.replace(/\./g, '-')}.${context.region}.compute.internal`,
                  }
                : {}),
            }
          : {}),
      };
    });
}

/** `${ECS_CONTAINER_METADATA_URI_V4}`: one container of the task. */
export function containerMetadataOf(
  task: Task,
  container: Container,
  inspected: Docker.ContainerInspectInfo | undefined,
  networks: MetadataNetwork[],
): ContainerMetadata {
  const memory = Number(container.memory ?? '');
  return {
    DockerId: inspected?.Id ?? container.runtimeId ?? '',
    Name: container.name ?? '',
    DockerName: (inspected?.Name ?? '').replace(/^\//, ''),
    Image: container.image ?? inspected?.Config.Image ?? '',
    ImageID: inspected?.Image ?? container.imageDigest ?? '',
    Labels: inspected?.Config.Labels ?? {},
    DesiredStatus: task.desiredStatus ?? 'RUNNING',
    KnownStatus: container.lastStatus ?? 'PENDING',
    Limits: { CPU: Number(container.cpu ?? '0') || 0, ...(memory ? { Memory: memory } : {}) },
    ...(dockerTime(inspected?.Created) ? { CreatedAt: dockerTime(inspected?.Created) } : {}),
    ...(dockerTime(inspected?.State.StartedAt)
      ? { StartedAt: dockerTime(inspected?.State.StartedAt) }
      : {}),
    Type: 'NORMAL',
    ...(container.containerArn ? { ContainerARN: container.containerArn } : {}),
    ...(container.exitCode !== undefined ? { ExitCode: container.exitCode } : {}),
    Networks: networks,
  };
}

/** `${ECS_CONTAINER_METADATA_URI_V4}/task`: the task and every container of it. */
export function taskMetadataOf(task: Task, containers: ContainerMetadata[]): TaskMetadata {
  const [family, revision] = familyRevisionOf(task.taskDefinitionArn);
  const cpu = Number(task.cpu ?? '');
  const memory = Number(task.memory ?? '');
  const limits = {
    ...(cpu ? { CPU: cpu / 1024 } : {}),
    ...(memory ? { Memory: memory } : {}),
  };
  const pullStarted = iso(task.pullStartedAt);
  const pullStopped = iso(task.pullStoppedAt);
  const serviceName = task.group?.startsWith('service:') ? task.group.slice(8) : undefined;
  return {
    Cluster: task.clusterArn ?? '',
    TaskARN: task.taskArn ?? '',
    Family: family,
    Revision: revision,
    DesiredStatus: task.desiredStatus ?? 'RUNNING',
    KnownStatus: task.lastStatus ?? 'PENDING',
    ...(Object.keys(limits).length > 0 ? { Limits: limits } : {}),
    ...(pullStarted ? { PullStartedAt: pullStarted } : {}),
    ...(pullStopped ? { PullStoppedAt: pullStopped } : {}),
    ...(task.availabilityZone ? { AvailabilityZone: task.availabilityZone } : {}),
    ...(task.launchType ? { LaunchType: task.launchType } : {}),
    ...(task.containerInstanceArn ? { ContainerInstanceARN: task.containerInstanceArn } : {}),
    ...(serviceName ? { ServiceName: serviceName } : {}),
    Containers: containers,
  };
}

/** v3's container shape: v4's without the awsvpc details of its networks. */
export function v3ContainerOf(container: ContainerMetadata): ContainerMetadata {
  return {
    ...container,
    Networks: container.Networks.map((n) => ({
      NetworkMode: n.NetworkMode,
      IPv4Addresses: n.IPv4Addresses,
    })),
  };
}

/** The subnet in CIDR form of an address and its prefix length. */
export function subnetOf(address: string, prefixLength: number): string {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    return '';
  }
  const value = parts.reduce((sum, part) => sum * 256 + part, 0);
  const size = 2 ** (32 - Math.max(0, Math.min(32, prefixLength)));
  const base = Math.floor(value / size) * size;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefixLength}`;
}
