import type { ContainerDefinition, HealthCheck, NetworkBinding } from '@aws-sdk/client-ecs';
import type Docker from 'dockerode';
import type { RuntimeContainerSpec, RuntimeTaskSpec } from '../control-plane/core/runtime-port';

/** The labels the ECS agent puts on a task's containers, and Stowage's own. */
export const ecsLabels = {
  cluster: 'com.amazonaws.ecs.cluster',
  taskArn: 'com.amazonaws.ecs.task-arn',
  containerName: 'com.amazonaws.ecs.container-name',
  family: 'com.amazonaws.ecs.task-definition-family',
  version: 'com.amazonaws.ecs.task-definition-version',
} as const;
/** Marks what Stowage's ECS runtime created, so it finds its containers and networks again. */
export const runtimeLabel = 'dev.stowage.ecs.runtime';
export const runtimeLabelValue = 'docker';
/** On the container that holds an awsvpc task's network namespace (`namespace`). */
export const roleLabel = 'dev.stowage.ecs.role';
export const namespaceRole = 'namespace';

/** The label filter that finds the runtime's containers. */
export const ownLabelFilter = `${runtimeLabel}=${runtimeLabelValue}`;

/** The runtime's containers, grouped by the task they belong to. */
export function groupByTask(
  containers: readonly Docker.ContainerInfo[],
): Map<string, Docker.ContainerInfo[]> {
  const byTask = new Map<string, Docker.ContainerInfo[]>();
  for (const container of containers) {
    const taskArn = container.Labels[ecsLabels.taskArn];
    if (taskArn) byTask.set(taskArn, [...(byTask.get(taskArn) ?? []), container]);
  }
  return byTask;
}

export const isNamespaceOwner = (container: Docker.ContainerInfo) =>
  container.Labels[roleLabel] !== undefined;

/** ECS's health check defaults (seconds): interval 30, timeout 5, retries 3, no start period. */
export const ecsHealthCheckDefaults = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 };
/** Docker refuses fewer CPU shares; the ECS agent raises smaller values (and 0) to it. */
export const minimumCpuShares = 2;

const mebibyte = 1024 * 1024;
const nanosPerSecond = 1_000_000_000;

export type ContainerCreateOptions = Docker.ContainerCreateOptions;

/** The cluster's name from its ARN (`…:cluster/<name>`). */
export function clusterNameOf(clusterArn: string): string {
  return clusterArn.slice(clusterArn.lastIndexOf('/') + 1);
}

/** The task's id: the last part of its ARN. */
export function taskIdOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

/** The per-cluster network bridge and awsvpc tasks join. */
export function clusterNetworkName(clusterArn: string): string {
  return `stowage-ecs-${clusterNameOf(clusterArn)}`;
}

/** `ecs-<family>-<revision>-<container>-<task id>`, as the ECS agent names them. */
export function containerNameFor(spec: RuntimeTaskSpec, containerName: string): string {
  return `ecs-${spec.family}-${spec.revision}-${containerName}-${taskIdOf(spec.taskArn)}`;
}

export function taskLabels(
  spec: RuntimeTaskSpec,
  extraLabels: Record<string, string>,
): Record<string, string> {
  return {
    ...extraLabels,
    [runtimeLabel]: runtimeLabelValue,
    [ecsLabels.cluster]: clusterNameOf(spec.clusterArn),
    [ecsLabels.taskArn]: spec.taskArn,
    [ecsLabels.family]: spec.family,
    [ecsLabels.version]: String(spec.revision),
  };
}

export function networkLabels(
  clusterArn: string,
  extraLabels: Record<string, string>,
): Record<string, string> {
  return {
    ...extraLabels,
    [runtimeLabel]: runtimeLabelValue,
    [ecsLabels.cluster]: clusterNameOf(clusterArn),
  };
}

/** Docker's healthcheck for an ECS `healthCheck`, ECS's defaults filled in, in nanoseconds. */
export function healthConfigOf(check: HealthCheck | undefined): Docker.HealthConfig | undefined {
  if (!check?.command?.length) return undefined;
  const seconds = (value: number | undefined, fallback: number) =>
    (value ?? fallback) * nanosPerSecond;
  return {
    Test: check.command,
    Interval: seconds(check.interval, ecsHealthCheckDefaults.interval),
    Timeout: seconds(check.timeout, ecsHealthCheckDefaults.timeout),
    Retries: check.retries ?? ecsHealthCheckDefaults.retries,
    StartPeriod: seconds(check.startPeriod, ecsHealthCheckDefaults.startPeriod),
  };
}

/** Memory limit, reservation and CPU shares of a container definition. */
export function resourcesOf(definition: ContainerDefinition): Docker.HostConfig {
  return {
    ...(definition.memory ? { Memory: definition.memory * mebibyte } : {}),
    ...(definition.memoryReservation
      ? { MemoryReservation: definition.memoryReservation * mebibyte }
      : {}),
    CpuShares: Math.max(definition.cpu ?? 0, minimumCpuShares),
  };
}

const portKey = (mapping: RuntimeContainerSpec['portMappings'][number]) =>
  `${mapping.containerPort}/${mapping.protocol}`;

/** Where a container's network comes from: a network by name, host, none, or another container. */
function networkOf(
  spec: RuntimeTaskSpec,
  container: RuntimeContainerSpec,
  namespaceOwnerId: string | undefined,
): Pick<ContainerCreateOptions, 'ExposedPorts' | 'NetworkingConfig'> & Docker.HostConfig {
  switch (spec.networkMode) {
    case 'bridge': {
      const network = clusterNetworkName(spec.clusterArn);
      return {
        NetworkMode: network,
        ExposedPorts: Object.fromEntries(container.portMappings.map((m) => [portKey(m), {}])),
        // An empty HostPort lets Docker pick a free one (ECS's dynamic port mapping).
        PortBindings: Object.fromEntries(
          container.portMappings.map((m) => [
            portKey(m),
            [{ HostPort: m.hostPort ? String(m.hostPort) : '' }],
          ]),
        ),
        NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [container.name] } } },
      };
    }
    case 'host':
      return { NetworkMode: 'host' };
    case 'none':
      return { NetworkMode: 'none' };
    case 'awsvpc':
      if (!namespaceOwnerId) throw new Error('an awsvpc container needs its namespace owner');
      return { NetworkMode: `container:${namespaceOwnerId}` };
  }
}

/**
 * The create options of one container of a task: image, command, entry point, environment,
 * working directory, user, health check, limits, labels and network. In awsvpc mode it joins
 * the namespace of `namespaceOwnerId`.
 */
export function containerCreateOptions(
  spec: RuntimeTaskSpec,
  container: RuntimeContainerSpec,
  extraLabels: Record<string, string>,
  namespaceOwnerId?: string,
): ContainerCreateOptions {
  const definition = container.definition;
  const { ExposedPorts, NetworkingConfig, ...networkHostConfig } = networkOf(
    spec,
    container,
    namespaceOwnerId,
  );
  const healthcheck = healthConfigOf(definition.healthCheck);
  return {
    name: containerNameFor(spec, container.name),
    Image: definition.image ?? '',
    ...(definition.command?.length ? { Cmd: definition.command } : {}),
    ...(definition.entryPoint?.length ? { Entrypoint: definition.entryPoint } : {}),
    ...(definition.workingDirectory ? { WorkingDir: definition.workingDirectory } : {}),
    ...(definition.user ? { User: definition.user } : {}),
    Env: (definition.environment ?? [])
      .filter((variable) => variable.name)
      .map((variable) => `${variable.name}=${variable.value ?? ''}`),
    ...(healthcheck ? { Healthcheck: healthcheck } : {}),
    ...(definition.stopTimeout !== undefined ? { StopTimeout: definition.stopTimeout } : {}),
    Labels: {
      ...definition.dockerLabels,
      ...taskLabels(spec, extraLabels),
      [ecsLabels.containerName]: container.name,
    },
    ...(ExposedPorts ? { ExposedPorts } : {}),
    ...(NetworkingConfig ? { NetworkingConfig } : {}),
    HostConfig: { ...resourcesOf(definition), ...networkHostConfig },
  };
}

/**
 * The container that holds an awsvpc task's network namespace, on the cluster's network with
 * the task's own address when that network's subnet has room for it. No image can be pulled,
 * so it runs the task's first image with `sleep` as its entry point (busybox and most base
 * images have one); it does nothing else.
 */
export function namespaceOwnerCreateOptions(
  spec: RuntimeTaskSpec,
  extraLabels: Record<string, string>,
  address: string | undefined,
): ContainerCreateOptions {
  const network = clusterNetworkName(spec.clusterArn);
  return {
    name: containerNameFor(spec, 'internalecspause'),
    Image: spec.containers[0]?.definition.image ?? '',
    Entrypoint: ['sleep'],
    Cmd: ['2147483647'],
    Labels: { ...taskLabels(spec, extraLabels), [roleLabel]: namespaceRole },
    HostConfig: { NetworkMode: network, CpuShares: minimumCpuShares },
    NetworkingConfig: {
      EndpointsConfig: {
        [network]: address ? { IPAMConfig: { IPv4Address: address } } : {},
      },
    },
  };
}

/** `busybox` → `busybox:latest`: a pull without a tag would fetch every tag. */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? image : `${image}:latest`;
}

/** A port of `docker ps`'s listing. */
export interface ListedPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/**
 * The network bindings ECS reports for a container from the ports Docker published, IPv4
 * only (Docker lists a port once per address family). Host mode publishes nothing: there the
 * container's ports are the host's own.
 */
export function networkBindingsOf(
  mode: RuntimeTaskSpec['networkMode'],
  container: RuntimeContainerSpec,
  ports: readonly ListedPort[],
): NetworkBinding[] {
  if (mode === 'host') {
    return container.portMappings.map((m) => ({
      bindIP: '0.0.0.0',
      containerPort: m.containerPort,
      hostPort: m.containerPort,
      protocol: m.protocol,
    }));
  }
  if (mode !== 'bridge') return [];
  return ports
    .filter((port) => port.PublicPort && !port.IP?.includes(':'))
    .map((port) => ({
      bindIP: port.IP || '0.0.0.0',
      containerPort: port.PrivatePort,
      hostPort: port.PublicPort,
      protocol: port.Type === 'udp' ? 'udp' : 'tcp',
    }));
}

/** The ports of `docker inspect`'s NetworkSettings.Ports in `docker ps`'s shape. */
export function listedPortsOf(
  ports: Record<string, { HostIp: string; HostPort: string }[] | null> | undefined,
): ListedPort[] {
  return Object.entries(ports ?? {}).flatMap(([key, bindings]) => {
    const [port = '', type = 'tcp'] = key.split('/');
    return (bindings ?? []).map((binding) => ({
      IP: binding.HostIp,
      PrivatePort: Number(port),
      PublicPort: Number(binding.HostPort),
      Type: type,
    }));
  });
}

/** What a Docker `die`, `oom` or health status event of a runtime container says. */
export interface ContainerEnd {
  kind: 'die' | 'oom' | 'unhealthy' | 'healthy';
  containerId: string;
  taskArn: string;
  containerName: string;
  exitCode: number;
  at: number;
}

interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
  time?: number;
}

const endKinds: Record<string, ContainerEnd['kind']> = {
  die: 'die',
  oom: 'oom',
  'health_status: unhealthy': 'unhealthy',
  'health_status: healthy': 'healthy',
};

/** A die, oom or health status event of a task container (not the namespace owner), or undefined. */
export function containerEndOf(event: EngineEvent): ContainerEnd | undefined {
  const kind = event.Type === 'container' ? endKinds[event.Action ?? ''] : undefined;
  if (!kind) return undefined;
  const attributes = event.Actor?.Attributes ?? {};
  const taskArn = attributes[ecsLabels.taskArn];
  const containerName = attributes[ecsLabels.containerName];
  if (attributes[runtimeLabel] !== runtimeLabelValue || !taskArn || !containerName) {
    return undefined;
  }
  const exitCode = attributes.exitCode === undefined ? NaN : Number(attributes.exitCode);
  return {
    kind,
    containerId: event.Actor?.ID ?? '',
    taskArn,
    containerName,
    exitCode: Number.isInteger(exitCode) ? exitCode : -1,
    at: event.timeNano ? Math.floor(event.timeNano / 1_000_000) : (event.time ?? 0) * 1000,
  };
}

/** The reason ECS gives an essential container stopped for failing its health check. */
export const unhealthyReason = 'Task failed container health checks';

/** The health `docker ps` shows in a container's status (`Up 2 minutes (healthy)`), if any. */
export function healthOfListedStatus(status: string): 'HEALTHY' | 'UNHEALTHY' | undefined {
  if (status.includes('(healthy)')) return 'HEALTHY';
  if (status.includes('(unhealthy)')) return 'UNHEALTHY';
  return undefined;
}

/** The reason ECS gives a container the kernel killed for its memory. */
export const outOfMemoryReason = 'OutOfMemoryError: Container killed due to memory usage';
