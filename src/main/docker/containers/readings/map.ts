import type {
  ContainerPrunePreview,
  FileChange,
  ProcessList,
  StatsSample,
} from '../../../../shared';
import { containerName, engineTime, type RawContainer } from '../map';

/** One reading of `GET /containers/{id}/stats`. */
export interface RawStats {
  read: string;
  pids_stats?: { current?: number };
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }> | null;
  blkio_stats?: {
    io_service_bytes_recursive?: { op: string; value: number }[] | null;
  };
}

interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/**
 * A stats reading as `docker stats` computes it: CPU % of the host's CPUs between this reading
 * and the previous one, memory without the page cache, totals of every network and device.
 */
export function toStatsSample(raw: RawStats): StatsSample {
  const cpu = raw.cpu_stats ?? {};
  const previous = raw.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (previous.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0);
  const cpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  // The first reading has no previous one to compare with.
  const cpuPercent =
    previous.system_cpu_usage && cpuDelta > 0 && systemDelta > 0
      ? (cpuDelta / systemDelta) * cpus * 100
      : 0;
  const memory = raw.memory_stats ?? {};
  const details = memory.stats ?? {};
  // cgroup v1 counts the page cache in `usage`; v2 calls the reclaimable part inactive_file.
  const cache = details.total_inactive_file ?? details.inactive_file ?? 0;
  const networks = Object.values(raw.networks ?? {});
  const io = raw.blkio_stats?.io_service_bytes_recursive ?? [];
  const sumIo = (op: string) =>
    io.filter((entry) => entry.op.toLowerCase() === op).reduce((sum, e) => sum + e.value, 0);
  return {
    // A stopped container's readings carry the engine's zero time: 0, for the stream to skip.
    time: engineTime(raw.read) ?? 0,
    cpuPercent,
    memoryUsage: Math.max(0, (memory.usage ?? 0) - cache),
    memoryLimit: memory.limit ?? 0,
    netRx: networks.reduce((sum, network) => sum + network.rx_bytes, 0),
    netTx: networks.reduce((sum, network) => sum + network.tx_bytes, 0),
    blockRead: sumIo('read'),
    blockWrite: sumIo('write'),
    pids: raw.pids_stats?.current ?? 0,
  };
}

export function toProcessList(raw: {
  Titles?: string[] | null;
  Processes?: string[][] | null;
}): ProcessList {
  return { titles: raw.Titles ?? [], processes: raw.Processes ?? [] };
}

const changeKinds: Record<number, FileChange['kind']> = { 0: 'modified', 1: 'added', 2: 'removed' };

/**
 * `GET /containers/{id}/changes`: a list, or `null` when nothing changed, which docker-modem
 * may hand over as text or as a Buffer holding "null".
 */
export function toFileChanges(raw: unknown): FileChange[] {
  let value = raw;
  if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
  if (typeof value === 'string') value = value.trim() === '' ? null : JSON.parse(value);
  if (!Array.isArray(value)) return [];
  return (value as { Path: string; Kind: number }[]).flatMap((change) => {
    const kind = changeKinds[change.Kind];
    return kind ? [{ path: change.Path, kind }] : [];
  });
}

/** What `docker container prune` removes: every container that is not running or paused. */
export const isPrunable = (state: string) =>
  state === 'exited' || state === 'created' || state === 'dead';

export function toContainerPrunePreview(list: readonly RawContainer[]): ContainerPrunePreview {
  const containers = list
    .filter((container) => isPrunable(container.State))
    .map((container) => ({
      id: container.Id,
      name: containerName(container.Names, container.Id),
      image: container.Image,
      status: container.Status,
      sizeRw: container.SizeRw ?? 0,
    }));
  return {
    containers,
    reclaimableBytes: containers.reduce((sum, container) => sum + container.sizeRw, 0),
  };
}
