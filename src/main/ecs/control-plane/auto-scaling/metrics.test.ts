import { describe, expect, it } from 'vitest';
import type { TargetTraffic } from '../core/load-balancer-port';
import type { TaskRecord } from '../core/state';
import {
  MetricHistory,
  requestCountPerTarget,
  reservationOf,
  serviceUtilization,
  targetGroupOfLabel,
} from './metrics';

describe('service metrics', () => {
  it('average CPU and memory as used over reserved across the running tasks', () => {
    expect(serviceUtilization([])).toBeUndefined();
    expect(
      serviceUtilization([
        {
          usage: { cpuUnitsUsed: 256, memoryMiBUsed: 64 },
          reserved: { cpuUnits: 256, memoryMiB: 128 },
        },
        {
          usage: { cpuUnitsUsed: 0, memoryMiBUsed: 0 },
          reserved: { cpuUnits: 256, memoryMiB: 128 },
        },
      ]),
    ).toEqual({ cpu: 50, memory: 25 });
    // A busy loop on two cores of a task reserving one vCPU reads 200 %, as ECS's does.
    expect(
      serviceUtilization([
        {
          usage: { cpuUnitsUsed: 2048, memoryMiBUsed: 1 },
          reserved: { cpuUnits: 1024, memoryMiB: 100 },
        },
      ])?.cpu,
    ).toBe(200);
  });

  it('counts a task that reserves no CPU against one vCPU', () => {
    const task = { cpuUnits: 0, memoryMiB: 64 } as TaskRecord;
    expect(reservationOf(task)).toEqual({ cpuUnits: 1024, memoryMiB: 64 });
  });

  it('requests per healthy target in the period, from the data plane cumulative counts', () => {
    const label = 'app/front/50dc6c495c0c9188/targetgroup/web/6d0ecf831eec9f09';
    expect(targetGroupOfLabel(label)).toBe('targetgroup/web/6d0ecf831eec9f09');
    const group =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/6d0ecf831eec9f09';
    const other = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/api/1';
    const count = (targetGroupArn: string, targetId: string, requests: number): TargetTraffic => ({
      targetGroupArn,
      targetId,
      port: 80,
      requests,
      errors: 0,
    });
    const before = [
      count(group, '10.0.0.1', 100),
      count(group, '10.0.0.2', 50),
      count(other, 'x', 7),
    ];
    const now = [
      count(group, '10.0.0.1', 160),
      count(group, '10.0.0.2', 90),
      count(group, '10.0.0.3', 20),
      count(other, 'x', 1_000),
    ];
    // (60 + 40 + 20) requests over 3 healthy targets.
    expect(requestCountPerTarget(before, now, label, 3)).toBe(40);
    expect(requestCountPerTarget(undefined, now, label, 3)).toBeUndefined();
    expect(requestCountPerTarget(before, now, 'not-a-label', 3)).toBeUndefined();
  });

  it('keeps datapoints for its retention only, and forgets series no longer wanted', () => {
    const history = new MetricHistory(30_000);
    for (let at = 0; at <= 60_000; at += 10_000) history.add('a', { at, value: at / 1_000 });
    history.add('b', { at: 0, value: 1 });
    expect(history.points('a').map((point) => point.at)).toEqual([30_000, 40_000, 50_000, 60_000]);
    expect(history.latest('a', 2)).toEqual([50, 60]);
    history.retain((key) => key === 'a');
    expect(history.points('b')).toEqual([]);
  });
});
