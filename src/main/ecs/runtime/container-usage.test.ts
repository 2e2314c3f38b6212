import { describe, expect, it } from 'vitest';
import { usageOfStats } from './container-usage';

describe("a container's usage from the engine's stats", () => {
  it('CPU as busy cores over the sample, memory without the page cache', () => {
    expect(
      usageOfStats({
        cpu_stats: {
          cpu_usage: { total_usage: 3_000_000_000 },
          system_cpu_usage: 12_000_000_000,
          online_cpus: 2,
        },
        precpu_stats: {
          cpu_usage: { total_usage: 2_000_000_000 },
          system_cpu_usage: 10_000_000_000,
        },
        memory_stats: { usage: 50 * 1024 * 1024, stats: { total_inactive_file: 10 * 1024 * 1024 } },
      }),
    ).toEqual({ cpuCores: 1, memoryBytes: 40 * 1024 * 1024 });
  });

  it('counts CPUs from the per-CPU list when the engine gives no count; reads zeros from nothing', () => {
    expect(
      usageOfStats({
        cpu_stats: { cpu_usage: { total_usage: 5, percpu_usage: [1, 2] }, system_cpu_usage: 9 },
        precpu_stats: {},
        memory_stats: {},
      }),
    ).toEqual({ cpuCores: (5 / 9) * 2, memoryBytes: 0 });
    expect(usageOfStats({})).toEqual({ cpuCores: 0, memoryBytes: 0 });
  });
});
