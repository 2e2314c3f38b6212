/**
 * The metrics monitor: once a metric period (60 s, or 5 s under demo timing), it measures
 * every scalable target's service — its running tasks' CPU and memory from the Docker
 * runtime's container stats, or from the simulated runtime's load dial, and its target group's
 * requests from the load balancer's counts — keeps the datapoints (three hours, in memory),
 * and hands the control plane the windows the policies' alarms evaluate.
 */
import type { Clock, TimerHandle } from '../lib/clock';
import type { EcsControlPlane } from './control-plane/core/control-plane';
import type { TargetTraffic } from './control-plane/core/load-balancer-port';
import type { MetricWindow } from './control-plane/core/metrics-port';
import type { EcsState, TaskRecord } from './control-plane/core/state';
import { seriesKey } from './control-plane/auto-scaling/controller';
import {
  MetricHistory,
  requestCountPerTarget,
  reservationOf,
  serviceUtilization,
  type Datapoint,
  type TaskUsage,
} from './control-plane/auto-scaling/metrics';
import {
  demoTimingOf,
  policiesOf,
  scalableTargets,
  type MetricRef,
  type ScalableTargetRecord,
} from './control-plane/auto-scaling/records';
import { timingOf } from './control-plane/auto-scaling/timing';
import { services, tasksOfService } from './control-plane/services/records';
import type { ContainerUsage } from './runtime/container-usage';

/** How long datapoints are kept. */
export const metricRetentionMs = 3 * 60 * 60 * 1_000;
/** The most datapoints an alarm evaluates (a step alarm's evaluation periods, at most 60). */
const windowLength = 60;
const mib = 1024 * 1024;

export interface LoadDial {
  cpuPercent: number;
  memoryPercent: number;
}

export interface AutoScalingMonitorOptions {
  clock: Clock;
  plane: Pick<EcsControlPlane, 'state' | 'report'>;
  /** The Docker runtime's containers of a task; without it, tasks read the load dial. */
  containerUsage?: (taskArn: string) => Promise<ContainerUsage[]>;
  /** The load balancers' cumulative counts per target, when there is a data plane. */
  traffic?: () => TargetTraffic[];
  onError(error: unknown): void;
}

export interface ServiceMetric {
  metric: MetricRef;
  periodSeconds: number;
  datapoints: readonly Datapoint[];
}

export class AutoScalingMonitor {
  private readonly history = new MetricHistory(metricRetentionMs);
  private readonly loads = new Map<string, LoadDial>();
  private previousTraffic: TargetTraffic[] | undefined;
  private timer: TimerHandle | undefined;
  private stopped = false;
  private measuring = false;

  constructor(private readonly options: AutoScalingMonitorOptions) {}

  get readsRealStats(): boolean {
    return this.options.containerUsage !== undefined;
  }

  /** Measures once a period from now on. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sets what a service's tasks read in the simulated runtime. */
  setLoad(serviceArn: string, load: LoadDial): void {
    this.loads.set(serviceArn, load);
  }

  loadOf(serviceArn: string): LoadDial {
    return this.loads.get(serviceArn) ?? { cpuPercent: 0, memoryPercent: 0 };
  }

  /** The series kept for a scalable target, oldest datapoint first. */
  metricsOf(resourceId: string): ServiceMetric[] {
    const state = this.options.plane.state;
    const periodSeconds = timingOf(demoTimingOf(state)).periodSeconds;
    return refsOf(state, resourceId).map((metric) => ({
      metric,
      periodSeconds,
      datapoints: this.history.points(seriesKey(resourceId, metric)),
    }));
  }

  /** Closes one period: measures, keeps the datapoints and reports the windows. */
  async measure(): Promise<void> {
    const state = this.options.plane.state;
    const at = this.options.clock.now();
    const traffic = this.options.traffic?.();
    const targets = scalableTargets.all(state);
    const keys = new Set<string>();
    const windows: MetricWindow[] = [];
    await Promise.all(
      targets.map(async (target) => {
        const values = await this.valuesOf(state, target, traffic);
        for (const { metric, value } of values) {
          const key = seriesKey(target.resourceId, metric);
          keys.add(key);
          this.history.add(key, { at, value });
          windows.push({
            resourceId: target.resourceId,
            metric: metric.metric,
            ...(metric.resourceLabel !== undefined && { resourceLabel: metric.resourceLabel }),
            values: this.history.latest(key, windowLength),
          });
        }
        for (const metric of refsOf(state, target.resourceId)) {
          keys.add(seriesKey(target.resourceId, metric));
        }
      }),
    );
    this.previousTraffic = traffic;
    this.history.retain((key) => keys.has(key));
    if (windows.length > 0) this.options.plane.report({ kind: 'autoScaling.metrics', at, windows });
  }

  /**
   * Periods on a steady cadence, whatever a measurement takes (reading the engine's stats
   * takes a second or more); a period that comes while the last is still measured is skipped.
   */
  private schedule(): void {
    if (this.stopped) return;
    const periodMs = timingOf(demoTimingOf(this.options.plane.state)).periodSeconds * 1_000;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.schedule();
      if (this.measuring) return;
      this.measuring = true;
      this.measure()
        .catch((error: unknown) => this.options.onError(error))
        .finally(() => {
          this.measuring = false;
        });
    }, periodMs);
  }

  private async valuesOf(
    state: EcsState,
    target: ScalableTargetRecord,
    traffic: TargetTraffic[] | undefined,
  ): Promise<{ metric: MetricRef; value: number }[]> {
    const service = services.get(state, target.serviceArn);
    if (service?.status !== 'ACTIVE') return [];
    const running = tasksOfService(state, service).filter((task) => task.lastStatus === 'RUNNING');
    const samples = await Promise.all(
      running.map(async (task) => ({
        usage: await this.usageOf(task, service.serviceArn),
        reserved: reservationOf(task),
      })),
    );
    const values: { metric: MetricRef; value: number }[] = [];
    const utilization = serviceUtilization(samples);
    if (utilization) {
      values.push(
        { metric: { metric: 'ECSServiceAverageCPUUtilization' }, value: utilization.cpu },
        { metric: { metric: 'ECSServiceAverageMemoryUtilization' }, value: utilization.memory },
      );
    }
    if (traffic) {
      const healthy = running.filter((task) => task.healthStatus !== 'UNHEALTHY').length;
      for (const metric of refsOf(state, target.resourceId)) {
        if (metric.resourceLabel === undefined) continue;
        const value = requestCountPerTarget(
          this.previousTraffic,
          traffic,
          metric.resourceLabel,
          healthy,
        );
        if (value !== undefined) values.push({ metric, value });
      }
    }
    return values;
  }

  private async usageOf(task: TaskRecord, serviceArn: string): Promise<TaskUsage> {
    const reserved = reservationOf(task);
    if (!this.options.containerUsage) {
      const load = this.loadOf(serviceArn);
      return {
        cpuUnitsUsed: (reserved.cpuUnits * load.cpuPercent) / 100,
        memoryMiBUsed: (reserved.memoryMiB * load.memoryPercent) / 100,
      };
    }
    const containers = await this.options.containerUsage(task.taskArn);
    return {
      cpuUnitsUsed: containers.reduce((sum, c) => sum + c.cpuCores * 1024, 0),
      memoryMiBUsed: containers.reduce((sum, c) => sum + c.memoryBytes / mib, 0),
    };
  }
}

/** The metrics a target's service is charted and scaled on: CPU, memory, and its policies'. */
function refsOf(state: EcsState, resourceId: string): MetricRef[] {
  const refs = new Map<string, MetricRef>();
  const add = (ref: MetricRef) => refs.set(seriesKey(resourceId, ref), ref);
  add({ metric: 'ECSServiceAverageCPUUtilization' });
  add({ metric: 'ECSServiceAverageMemoryUtilization' });
  for (const policy of policiesOf(state, resourceId)) {
    const ref = policy.targetTracking?.metric ?? policy.stepScaling?.alarm?.metric;
    if (ref) add(ref);
  }
  return [...refs.values()];
}
