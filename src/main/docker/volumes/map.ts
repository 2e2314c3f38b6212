import type {
  ContainerRef,
  FileEntry,
  VolumeDetail,
  VolumePrunePreview,
  VolumeSummary,
} from '../../../shared';

/** One volume of `GET /volumes` or `GET /volumes/{name}` (and of `/system/df`). */
export interface RawVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Scope?: string;
  /** Only in `/system/df`; Size is -1 when the engine cannot tell. */
  UsageData?: { Size: number; RefCount: number } | null;
}

/** `GET /system/df`, as far as volumes go. */
export interface RawDiskUsage {
  Volumes?: RawVolume[] | null;
}

/** One entry of `GET /containers/json?all=1`, as far as volumes and networks use it. */
export interface RawContainerMounts {
  Id: string;
  Names?: string[] | null;
  State?: string;
  Mounts?: { Type?: string; Name?: string }[] | null;
}

export const containerName = (container: RawContainerMounts) =>
  (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, '');

/** Volume name -> the containers (running or not) that mount it. */
export function volumeUsers(
  containers: readonly RawContainerMounts[],
): Map<string, ContainerRef[]> {
  const users = new Map<string, ContainerRef[]>();
  for (const container of containers) {
    for (const mount of container.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const list = users.get(mount.Name) ?? [];
      if (!list.some((user) => user.id === container.Id)) {
        list.push({ id: container.Id, name: containerName(container) });
      }
      users.set(mount.Name, list);
    }
  }
  return users;
}

function sizesFrom(usage: RawDiskUsage): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const volume of usage.Volumes ?? []) {
    const size = volume.UsageData?.Size;
    if (typeof size === 'number' && size >= 0) sizes.set(volume.Name, size);
  }
  return sizes;
}

function toSummary(
  volume: RawVolume,
  size: number | undefined,
  users: readonly ContainerRef[],
): VolumeSummary {
  return {
    name: volume.Name,
    driver: volume.Driver,
    mountpoint: volume.Mountpoint,
    created: volume.CreatedAt ? Date.parse(volume.CreatedAt) || 0 : 0,
    labels: volume.Labels ?? {},
    scope: volume.Scope ?? 'local',
    size: size ?? null,
    containers: [...users].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function toVolumeSummaries(
  volumes: readonly RawVolume[],
  usage: RawDiskUsage,
  containers: readonly RawContainerMounts[],
): VolumeSummary[] {
  const sizes = sizesFrom(usage);
  const users = volumeUsers(containers);
  return volumes.map((volume) =>
    toSummary(volume, sizes.get(volume.Name), users.get(volume.Name) ?? []),
  );
}

export function toVolumeDetail(
  volume: RawVolume,
  usage: RawDiskUsage,
  containers: readonly RawContainerMounts[],
): VolumeDetail {
  return {
    ...toSummary(
      volume,
      sizesFrom(usage).get(volume.Name),
      volumeUsers(containers).get(volume.Name) ?? [],
    ),
    options: volume.Options ?? {},
    raw: volume,
  };
}

/** The volumes no container mounts, largest first: what a prune would remove. */
export function toVolumePrunePreview(
  volumes: readonly RawVolume[],
  usage: RawDiskUsage,
  containers: readonly RawContainerMounts[],
): VolumePrunePreview {
  const unused = toVolumeSummaries(volumes, usage, containers).filter(
    (volume) => volume.containers.length === 0,
  );
  return {
    volumes: unused
      .map(({ name, size, created }) => ({ name, size, created }))
      .sort((a, b) => (b.size ?? -1) - (a.size ?? -1) || a.name.localeCompare(b.name)),
    reclaimableBytes: unused.reduce((total, volume) => total + (volume.size ?? 0), 0),
  };
}

/**
 * Whether an engine address is on this machine, so that the mountpoints it names are paths
 * here: a unix socket, a named pipe, or TCP to the loopback interface.
 */
export function isLocalEndpoint(address: string): boolean {
  if (address.startsWith('unix://') || address.startsWith('npipe://')) return true;
  const match = /^(?:tcp|http|https):\/\/(\[[^\]]+\]|[^:/]+)/.exec(address);
  if (!match) return false;
  const host = (match[1] as string).toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What `lstat` says of one entry, as plain numbers. */
export interface RawFileStat {
  name: string;
  /** `st_mode`: the file type bits and the permissions. */
  mode: number;
  size: number;
  mtimeMs: number;
  linkTarget?: string;
}

const typeBits = 0o170000;
const fileTypes: Record<number, { type: FileEntry['type']; letter: string }> = {
  0o040000: { type: 'directory', letter: 'd' },
  0o100000: { type: 'file', letter: '-' },
  0o120000: { type: 'symlink', letter: 'l' },
  0o020000: { type: 'other', letter: 'c' },
  0o060000: { type: 'other', letter: 'b' },
  0o010000: { type: 'other', letter: 'p' },
  0o140000: { type: 'other', letter: 's' },
};

/** `st_mode` as `ls -l` prints it: `drwxr-xr-x`, with setuid, setgid and sticky bits. */
export function modeString(mode: number): string {
  const kind = fileTypes[mode & typeBits]?.letter ?? '?';
  const triple = (shift: number, special: number, specialLetter: string) => {
    const bits = (mode >> shift) & 0o7;
    const execute = bits & 1;
    const x =
      mode & special
        ? execute
          ? specialLetter
          : specialLetter.toUpperCase()
        : execute
          ? 'x'
          : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${x}`;
  };
  return `${kind}${triple(6, 0o4000, 's')}${triple(3, 0o2000, 's')}${triple(0, 0o1000, 't')}`;
}

/** Directory entries for the contract: directories first, then by name. */
export function toFileEntries(stats: readonly RawFileStat[]): FileEntry[] {
  return stats
    .map((stat) => ({
      name: stat.name,
      type: fileTypes[stat.mode & typeBits]?.type ?? 'other',
      size: stat.size,
      mode: modeString(stat.mode),
      modified: Math.round(stat.mtimeMs),
      ...(stat.linkTarget !== undefined ? { linkTarget: stat.linkTarget } : {}),
    }))
    .sort(
      (a, b) =>
        Number(b.type === 'directory') - Number(a.type === 'directory') ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}
