import {
  containerStates,
  emptyRunSpec,
  parsePortRange,
  type ContainerDetail,
  type ContainerHealth,
  type ContainerPort,
  type ContainerState,
  type ContainerSummary,
  type RunSpec,
} from '../../../shared';

export const composeProjectLabel = 'com.docker.compose.project';
export const ecsTaskArnLabel = 'com.amazonaws.ecs.task-arn';

interface RawPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** One entry of `GET /containers/json`. */
export interface RawContainer {
  Id: string;
  Names?: string[] | null;
  Image: string;
  ImageID: string;
  Command?: string;
  Created: number;
  Ports?: RawPort[] | null;
  Labels?: Record<string, string> | null;
  State: string;
  Status: string;
  SizeRw?: number;
}

export const containerName = (names: readonly string[] | null | undefined, id: string) =>
  (names?.[0] ?? id.slice(0, 12)).replace(/^\//, '');

function toState(state: string): ContainerState {
  const lower = state.toLowerCase();
  return (containerStates as readonly string[]).includes(lower)
    ? (lower as ContainerState)
    : 'dead';
}

/** The health the engine puts in its status words: "Up 2 minutes (health: starting)". */
export function healthFromStatus(status: string): ContainerHealth {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

const protocolOf = (type: string): ContainerPort['protocol'] =>
  type === 'udp' || type === 'sctp' ? type : 'tcp';

/**
 * The ports of a list entry. The engine lists a published port once per address family
 * (0.0.0.0 and ::); one entry per container port, host port and protocol is enough.
 */
export function toPorts(ports: readonly RawPort[] | null | undefined): ContainerPort[] {
  const seen = new Map<string, ContainerPort>();
  for (const port of ports ?? []) {
    const protocol = protocolOf(port.Type);
    const key = `${port.PrivatePort}/${protocol}>${port.PublicPort ?? ''}`;
    const existing = seen.get(key);
    if (existing) {
      if (existing.hostIp === '::') existing.hostIp = port.IP ?? '';
      continue;
    }
    seen.set(key, {
      containerPort: port.PrivatePort,
      protocol,
      ...(port.PublicPort ? { hostPort: port.PublicPort, hostIp: port.IP ?? '' } : {}),
    });
  }
  return [...seen.values()].sort(
    (a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol),
  );
}

/** Whether the container has a start time the list should show (uptime). */
export const isUp = (state: string) => state === 'running' || state === 'paused';

export function toContainerSummary(raw: RawContainer, startedAt?: number): ContainerSummary {
  const labels = raw.Labels ?? {};
  const composeProject = labels[composeProjectLabel];
  const ecsTaskArn = labels[ecsTaskArnLabel];
  return {
    id: raw.Id,
    name: containerName(raw.Names, raw.Id),
    image: raw.Image,
    imageId: raw.ImageID,
    command: raw.Command ?? '',
    state: toState(raw.State),
    status: raw.Status,
    health: healthFromStatus(raw.Status),
    created: raw.Created * 1000,
    ...(startedAt !== undefined && isUp(raw.State) ? { startedAt } : {}),
    ports: toPorts(raw.Ports),
    labels,
    ...(composeProject ? { composeProject } : {}),
    ...(ecsTaskArn ? { ecsTaskArn } : {}),
    ...(typeof raw.SizeRw === 'number' ? { sizeRw: raw.SizeRw } : {}),
  };
}

/** The engine's "no time" (`0001-01-01T00:00:00Z`) is no time at all. */
export function engineTime(text: string | undefined): number | undefined {
  const time = text ? Date.parse(text) : NaN;
  return Number.isFinite(time) && time > 0 ? time : undefined;
}

/** `GET /containers/{id}/json`, the parts Stowage reads. */
export interface RawContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  Path?: string;
  Args?: string[] | null;
  RestartCount?: number;
  State: {
    Status: string;
    ExitCode?: number;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: { Status?: string } | null;
  };
  Config: {
    Image: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Labels?: Record<string, string> | null;
  };
  HostConfig: {
    Binds?: string[] | null;
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    AutoRemove?: boolean;
    NanoCpus?: number;
    Memory?: number;
    NetworkMode?: string;
    Mounts?: { Type: string; Source?: string; Target: string; ReadOnly?: boolean }[] | null;
  };
  Mounts?:
    | {
        Type: string;
        Name?: string;
        Source?: string;
        Destination: string;
        RW?: boolean;
      }[]
    | null;
  NetworkSettings?: {
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks?: Record<
      string,
      { IPAddress?: string; Gateway?: string; MacAddress?: string; Aliases?: string[] | null }
    > | null;
  } | null;
}

/** What the image already sets, so a duplicate's spec holds only what the container added. */
export interface ImageDefaults {
  env: readonly string[];
  cmd: readonly string[];
  entrypoint: readonly string[];
  labels: Record<string, string>;
}

export const noImageDefaults: ImageDefaults = { env: [], cmd: [], entrypoint: [], labels: {} };

function splitEnv(entry: string): { name: string; value: string } {
  const equals = entry.indexOf('=');
  return equals < 0
    ? { name: entry, value: '' }
    : { name: entry.slice(0, equals), value: entry.slice(equals + 1) };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

function inspectPorts(inspect: RawContainerInspect): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const [key, bindings] of Object.entries(inspect.NetworkSettings?.Ports ?? {})) {
    const [port = '0', protocol = 'tcp'] = key.split('/');
    const base = { containerPort: Number(port), protocol: protocolOf(protocol) };
    if (!bindings || bindings.length === 0) ports.push(base);
    else {
      const raw = bindings.map((binding) => ({
        IP: binding.HostIp,
        PrivatePort: base.containerPort,
        PublicPort: Number(binding.HostPort),
        Type: base.protocol,
      }));
      ports.push(...toPorts(raw));
    }
  }
  return ports.sort((a, b) => a.containerPort - b.containerPort);
}

/** The spec that makes the same container again: `docker run` as the user would have typed it. */
export function toRunSpec(inspect: RawContainerInspect, image: ImageDefaults): RunSpec {
  const config = inspect.Config;
  const host = inspect.HostConfig;
  const imageEnv = new Set(image.env);
  const cmd = config.Cmd ?? [];
  const entrypoint = config.Entrypoint ?? [];
  const policy = host.RestartPolicy?.Name;
  const restartPolicy =
    policy === 'always' || policy === 'unless-stopped' || policy === 'on-failure' ? policy : 'no';
  const binds = (host.Binds ?? []).map((bind) => {
    const [source = '', target = '', mode = ''] = bind.split(':');
    return { source, target, readOnly: mode.split(',').includes('ro') };
  });
  const mounts = (host.Mounts ?? []).map((mount) => ({
    source: mount.Source ?? '',
    target: mount.Target,
    readOnly: mount.ReadOnly ?? false,
  }));
  const network = host.NetworkMode ?? '';
  return {
    ...emptyRunSpec,
    image: config.Image,
    name: '',
    cmd: sameList(cmd, image.cmd) && sameList(entrypoint, image.entrypoint) ? [] : [...cmd],
    entrypoint: sameList(entrypoint, image.entrypoint) ? [] : [...entrypoint],
    env: (config.Env ?? []).filter((entry) => !imageEnv.has(entry)).map(splitEnv),
    ports: Object.entries(host.PortBindings ?? {}).flatMap(([key, bindings]) => {
      const [containerPort = '', protocol = 'tcp'] = key.split('/');
      return (bindings ?? [{}]).map((binding) => ({
        containerPort,
        hostPort: binding.HostPort ?? '',
        hostIp: binding.HostIp ?? '',
        protocol: protocolOf(protocol),
      }));
    }),
    volumes: [...binds, ...mounts],
    network: network === 'default' || network === 'bridge' ? '' : network,
    restartPolicy,
    maxRetries: restartPolicy === 'on-failure' ? (host.RestartPolicy?.MaximumRetryCount ?? 0) : 0,
    cpus: (host.NanoCpus ?? 0) / 1e9,
    memoryBytes: host.Memory ?? 0,
    labels: Object.entries(config.Labels ?? {})
      .filter(([name, value]) => image.labels[name] !== value)
      .map(([name, value]) => ({ name, value })),
    autoRemove: host.AutoRemove ?? false,
    tty: config.Tty ?? false,
    interactive: config.OpenStdin ?? false,
  };
}

function inspectHealth(inspect: RawContainerInspect): ContainerHealth {
  const health = inspect.State.Health?.Status;
  return health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : 'none';
}

export function toContainerDetail(
  inspect: RawContainerInspect,
  image: ImageDefaults,
): ContainerDetail {
  const startedAt = engineTime(inspect.State.StartedAt);
  const finishedAt = engineTime(inspect.State.FinishedAt);
  return {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ''),
    image: inspect.Config.Image,
    imageId: inspect.Image,
    state: toState(inspect.State.Status),
    health: inspectHealth(inspect),
    exitCode: inspect.State.ExitCode ?? 0,
    created: engineTime(inspect.Created) ?? 0,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    restartCount: inspect.RestartCount ?? 0,
    tty: inspect.Config.Tty ?? false,
    command: [...(inspect.Path ? [inspect.Path] : []), ...(inspect.Args ?? [])],
    env: (inspect.Config.Env ?? []).map(splitEnv),
    mounts: (inspect.Mounts ?? []).map((mount) => ({
      type: mount.Type,
      ...(mount.Name ? { name: mount.Name } : {}),
      source: mount.Source ?? '',
      destination: mount.Destination,
      readOnly: mount.RW === false,
    })),
    networks: Object.entries(inspect.NetworkSettings?.Networks ?? {}).map(([name, network]) => ({
      name,
      ipAddress: network.IPAddress ?? '',
      gateway: network.Gateway ?? '',
      macAddress: network.MacAddress ?? '',
      aliases: network.Aliases ?? [],
    })),
    ports: inspectPorts(inspect),
    labels: inspect.Config.Labels ?? {},
    spec: toRunSpec(inspect, image),
    raw: inspect,
  };
}

/** The engine's create body (`POST /containers/create`) for a validated spec. */
export function toCreateBody(spec: RunSpec): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const mapping of spec.ports) {
    const inside = parsePortRange(mapping.containerPort);
    if (!inside) continue;
    const outside = mapping.hostPort ? parsePortRange(mapping.hostPort) : undefined;
    for (let port = inside.first; port <= inside.last; port++) {
      const key = `${port}/${mapping.protocol}`;
      exposed[key] = {};
      if (!mapping.hostPort) continue;
      // A host range for one container port lets the engine pick a free port from it.
      const hostPort =
        outside && inside.first !== inside.last
          ? String(outside.first + (port - inside.first))
          : mapping.hostPort;
      (bindings[key] ??= []).push({ HostIp: mapping.hostIp, HostPort: hostPort });
    }
  }
  const binds = spec.volumes
    .filter((mount) => mount.source !== '')
    .map((mount) => `${mount.source}:${mount.target}${mount.readOnly ? ':ro' : ''}`);
  const anonymous = Object.fromEntries(
    spec.volumes.filter((mount) => mount.source === '').map((mount) => [mount.target, {}]),
  );
  return {
    Image: spec.image,
    ...(spec.cmd.length > 0 ? { Cmd: spec.cmd } : {}),
    ...(spec.entrypoint.length > 0 ? { Entrypoint: spec.entrypoint } : {}),
    Env: spec.env.map((variable) => `${variable.name}=${variable.value}`),
    Labels: Object.fromEntries(spec.labels.map((label) => [label.name, label.value])),
    ExposedPorts: exposed,
    Volumes: anonymous,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      RestartPolicy: {
        Name: spec.restartPolicy === 'no' ? '' : spec.restartPolicy,
        MaximumRetryCount: spec.restartPolicy === 'on-failure' ? spec.maxRetries : 0,
      },
      NanoCpus: Math.round(spec.cpus * 1e9),
      Memory: spec.memoryBytes,
      AutoRemove: spec.autoRemove,
    },
  };
}

/**
 * The host port a failed start names, from either of the engine's wordings: "Bind for
 * 0.0.0.0:8080 failed: port is already allocated" or "listen tcp4 0.0.0.0:8080: bind: address
 * already in use".
 */
export function takenPort(message: string): string | undefined {
  const allocated = /Bind for (\S+?):(\d+) failed: port is already allocated/.exec(message);
  if (allocated) return allocated[2];
  const inUse = /listen (?:tcp|udp)\d?\s+\S*?:(\d+): bind: address already in use/.exec(message);
  return inUse?.[1];
}
