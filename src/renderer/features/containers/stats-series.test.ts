import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared';
import { toStatsPoints } from './stats-series';

const sample = (time: number, netRx: number, blockWrite = 0): StatsSample => ({
  time,
  cpuPercent: 5,
  memoryUsage: 10,
  memoryLimit: 100,
  netRx,
  netTx: 0,
  blockRead: 0,
  blockWrite,
  pids: 1,
});

describe('stats points', () => {
  it('turns counters into rates per second and keeps only the window', () => {
    const points = toStatsPoints(
      [sample(0, 0), sample(1_000, 500, 10), sample(3_000, 1_500, 10), sample(4_000, 100)],
      3_000,
    );
    expect(points.map((point) => [point.time, point.netRxPerSecond])).toEqual([
      [1_000, 500],
      [3_000, 500],
      [4_000, 0],
    ]);
    expect(points[0]?.blockWritePerSecond).toBe(10);
  });
});
