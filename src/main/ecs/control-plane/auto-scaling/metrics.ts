/**
 * The services' metrics as ECS and the load balancer publish them to CloudWatch, aggregated
 * from samples (pure), and the in-memory history they are kept in.
 *
 * - ECSServiceAverageCPUUtilization / MemoryUtilization: as ECS computes them, the CPU units
 *   (memory MiB) the service's running tasks use over those their task definitions reserve
 *   (task-level, else the sum of the containers'), in percent. A task that reserves no CPU (an
 *   EC2 task without `cpu`) is counted against one vCPU (1,024 units).
 * - ALBRequestCountPerTarget: requests to the target group in the period, over its healthy
 *   targets, taken to be the service's running tasks that are not unhealthy (each registers one).
 */
import type { TargetTraffic } from '../core/load-balancer-port';
import type { TaskRecord } from '../core/state';

export const oneVcpuUnits = 1024;

/** What one running task used in the period. */
export interface TaskUsage {
  cpuUnitsUsed: number;
  memoryMiBUsed: number;
}

export interface Reservation {
  cpuUnits: number;
  memoryMiB: number;
}

export function reservationOf(task: TaskRecord): Reservation {
  return {
    cpuUnits: task.cpuUnits > 0 ? task.cpuUnits : oneVcpuUnits,
    memoryMiB: task.memoryMiB,
  };
}

/** Average CPU and memory utilisation in percent; undefined with no task to average. */
export function serviceUtilization(
  samples: readonly { usage: TaskUsage; reserved: Reservation }[],
): { cpu: number; memory: number } | undefined {
  if (samples.length === 0) return undefined;
  let cpuUsed = 0;
  let cpuReserved = 0;
  let memoryUsed = 0;
  let memoryReserved = 0;
  for (const { usage, reserved } of samples) {
    cpuUsed += usage.cpuUnitsUsed;
    cpuReserved += reserved.cpuUnits;
    memoryUsed += usage.memoryMiBUsed;
    memoryReserved += reserved.memoryMiB;
  }
  return {
    cpu: cpuReserved > 0 ? (100 * cpuUsed) / cpuReserved : 0,
    memory: memoryReserved > 0 ? (100 * memoryUsed) / memoryReserved : 0,
  };
}

/** `targetgroup/<name>/<id>`, the end of a target group's ARN, from a resource label. */
export function targetGroupOfLabel(resourceLabel: string): string | undefined {
  const at = resourceLabel.indexOf('/targetgroup/');
  return at < 0 ? undefined : resourceLabel.slice(at + 1);
}

/**
 * Requests per healthy target in the period between two readings of the data plane's
 * cumulative counts (a target first seen in `now` counts from zero).
 */
export function requestCountPerTarget(
  before: readonly TargetTraffic[] | undefined,
  now: readonly TargetTraffic[],
  resourceLabel: string,
  healthyTargets: number,
): number | undefined {
  const group = targetGroupOfLabel(resourceLabel);
  if (group === undefined || before === undefined) return undefined;
  const inGroup = (traffic: TargetTraffic) => traffic.targetGroupArn.endsWith(`:${group}`);
  const key = (traffic: TargetTraffic) => `${traffic.targetId}:${traffic.port}`;
  const earlier = new Map(before.filter(inGroup).map((t) => [key(t), t.requests]));
  let requests = 0;
  for (const traffic of now.filter(inGroup)) {
    requests += Math.max(0, traffic.requests - (earlier.get(key(traffic)) ?? 0));
  }
  return healthyTargets > 0 ? requests / healthyTargets : requests;
}

export interface Datapoint {
  at: number;
  value: number;
}

/** Datapoints per series, oldest first, kept for `retentionMs` (CloudWatch-like, in memory). */
export class MetricHistory {
  private readonly series = new Map<string, Datapoint[]>();

  constructor(private readonly retentionMs: number) {}

  add(key: string, point: Datapoint): void {
    const points = this.series.get(key) ?? [];
    points.push(point);
    const oldest = point.at - this.retentionMs;
    let drop = 0;
    while (drop < points.length && points[drop]!.at < oldest) drop++;
    this.series.set(key, drop > 0 ? points.slice(drop) : points);
  }

  points(key: string): readonly Datapoint[] {
    return this.series.get(key) ?? [];
  }

  /** The last `count` values of a series, oldest first. */
  latest(key: string, count: number): number[] {
    return this.points(key)
      .slice(-count)
      .map((point) => point.value);
  }

  /** Forgets every series whose key is not kept. */
  retain(keep: (key: string) => boolean): void {
    for (const key of [...this.series.keys()]) if (!keep(key)) this.series.delete(key);
  }
}
