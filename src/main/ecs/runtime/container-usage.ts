/** A container's CPU and memory use, read from one answer of the engine's stats endpoint. */

/** The members of `GET /containers/{id}/stats?stream=false` this reads. */
export interface EngineStats {
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: {
    usage?: number;
    stats?: { cache?: number; total_inactive_file?: number; inactive_file?: number };
  };
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface ContainerUsage {
  /** CPUs busy on its behalf over the sampling interval (1.5 = one and a half cores). */
  cpuCores: number;
  /** Memory in use without the page cache, as `docker stats` shows it. */
  memoryBytes: number;
}

export function usageOfStats(stats: EngineStats): ContainerUsage {
  const cpu = stats.cpu_stats;
  const before = stats.precpu_stats;
  const used = (cpu?.cpu_usage?.total_usage ?? 0) - (before?.cpu_usage?.total_usage ?? 0);
  const system = (cpu?.system_cpu_usage ?? 0) - (before?.system_cpu_usage ?? 0);
  const cpus = cpu?.online_cpus ?? cpu?.cpu_usage?.percpu_usage?.length ?? 1;
  const memory = stats.memory_stats;
  const cache =
    memory?.stats?.total_inactive_file ?? memory?.stats?.inactive_file ?? memory?.stats?.cache ?? 0;
  return {
    cpuCores: used > 0 && system > 0 ? (used / system) * cpus : 0,
    memoryBytes: Math.max(0, (memory?.usage ?? 0) - cache),
  };
}
