import type { StatsSample } from '../../../shared';

/** One point of the charts: rates per second between two samples, levels as they are. */
export interface StatsPoint {
  time: number;
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  netRxPerSecond: number;
  netTxPerSecond: number;
  blockReadPerSecond: number;
  blockWritePerSecond: number;
}

/** The charts' points from the samples of the last `windowMs`: counters turned into rates. */
export function toStatsPoints(samples: readonly StatsSample[], windowMs: number): StatsPoint[] {
  const latest = samples.at(-1)?.time ?? 0;
  const points: StatsPoint[] = [];
  for (let index = 1; index < samples.length; index++) {
    const previous = samples[index - 1] as StatsSample;
    const sample = samples[index] as StatsSample;
    if (sample.time < latest - windowMs) continue;
    const seconds = Math.max((sample.time - previous.time) / 1000, 0.001);
    // A counter that went down was reset (a restart): no rate for that step.
    const rate = (now: number, before: number) => Math.max(0, now - before) / seconds;
    points.push({
      time: sample.time,
      cpuPercent: sample.cpuPercent,
      memoryUsage: sample.memoryUsage,
      memoryLimit: sample.memoryLimit,
      netRxPerSecond: rate(sample.netRx, previous.netRx),
      netTxPerSecond: rate(sample.netTx, previous.netTx),
      blockReadPerSecond: rate(sample.blockRead, previous.blockRead),
      blockWritePerSecond: rate(sample.blockWrite, previous.blockWrite),
    });
  }
  return points;
}
