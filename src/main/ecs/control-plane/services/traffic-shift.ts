/**
 * A BLUE_GREEN, LINEAR or CANARY deployment as ECS runs it behind a load balancer: the new
 * revision ("green") scales up in the target group production does not use, takes the test
 * traffic, then production traffic, all at once (BLUE_GREEN), in `stepPercent` steps (LINEAR)
 * or `canaryPercent` then the rest (CANARY), bakes, and the old revision ("blue") is cleaned
 * up. One call of `stepTrafficShift` moves one lifecycle stage on, or waits; what the
 * listeners forward and which deployments keep their tasks follow from where it stands.
 */
import type { ServiceDeploymentLifecycleStage } from '@aws-sdk/client-ecs';
import { shiftSettingsOf, type ShiftSettings, type TrafficStrategy } from './strategy-config';
import { isHealthy } from './task-state';
import type { ServiceDeploymentRecord, ServiceTask } from './types';

/** Where a traffic-shifting deployment stands. Times are epoch milliseconds. */
export interface TrafficShift {
  strategy: TrafficStrategy;
  stage: ServiceDeploymentLifecycleStage;
  stageStartedAt: number;
  /** Production traffic on green, in tenths of a percent (0–1000). */
  greenTenths: number;
  /** When production traffic last moved. */
  shiftedAt?: number;
}

/** What the scheduler saw of the deployment's tasks this round. */
export interface ShiftProgress {
  /** Green runs its desired count, every task healthy. */
  greenReady: boolean;
}

export function startTrafficShift(strategy: TrafficStrategy, now: number): TrafficShift {
  return { strategy, stage: 'RECONCILE_SERVICE', stageStartedAt: now, greenTenths: 0 };
}

const enter = (
  shift: TrafficShift,
  stage: ServiceDeploymentLifecycleStage,
  now: number,
  patch: Partial<TrafficShift> = {},
): TrafficShift => ({ ...shift, ...patch, stage, stageStartedAt: now });

/** One step: the next stage once this one's work is done, or `shift` itself while it waits. */
export function stepTrafficShift(
  shift: TrafficShift,
  settings: ShiftSettings,
  progress: ShiftProgress,
  now: number,
): TrafficShift {
  switch (shift.stage) {
    case 'RECONCILE_SERVICE':
      return enter(shift, 'PRE_SCALE_UP', now);
    case 'PRE_SCALE_UP':
      return enter(shift, 'SCALE_UP', now);
    case 'SCALE_UP':
      return progress.greenReady ? enter(shift, 'POST_SCALE_UP', now) : shift;
    case 'POST_SCALE_UP':
      return enter(shift, 'TEST_TRAFFIC_SHIFT', now);
    case 'TEST_TRAFFIC_SHIFT':
      return enter(shift, 'POST_TEST_TRAFFIC_SHIFT', now);
    case 'POST_TEST_TRAFFIC_SHIFT':
      return enter(shift, 'PRODUCTION_TRAFFIC_SHIFT', now, {
        greenTenths: Math.min(1000, settings.stepTenths),
        shiftedAt: now,
      });
    case 'PRODUCTION_TRAFFIC_SHIFT':
      if (shift.greenTenths >= 1000) return enter(shift, 'POST_PRODUCTION_TRAFFIC_SHIFT', now);
      if (now < (shift.shiftedAt ?? now) + settings.stepBakeMs) return shift;
      return {
        ...shift,
        greenTenths:
          settings.strategy === 'LINEAR'
            ? Math.min(1000, shift.greenTenths + settings.stepTenths)
            : 1000,
        shiftedAt: now,
      };
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
      return enter(shift, 'BAKE_TIME', now);
    case 'BAKE_TIME':
      return now >= shift.stageStartedAt + settings.bakeTimeMs
        ? enter(shift, 'CLEAN_UP', now)
        : shift;
    default:
      return shift;
  }
}

const stageOrder: readonly ServiceDeploymentLifecycleStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

const reached = (shift: TrafficShift, stage: ServiceDeploymentLifecycleStage) =>
  stageOrder.indexOf(shift.stage) >= stageOrder.indexOf(stage);

/** Test traffic goes to green from TEST_TRAFFIC_SHIFT on. */
export const testTrafficOnGreen = (shift: TrafficShift) => reached(shift, 'TEST_TRAFFIC_SHIFT');

/** Blue keeps its tasks until CLEAN_UP: until then a rollback only moves traffic back. */
export const holdsBlue = (shift: TrafficShift) => !reached(shift, 'CLEAN_UP');

/**
 * Production forward weights over (blue, green) for a share in tenths of a percent. ELB takes
 * weights of 0–999, so a whole share is 999 against 0.
 */
export function productionWeights(greenTenths: number): { blue: number; green: number } {
  const green = Math.max(0, Math.min(1000, Math.round(greenTenths)));
  if (green >= 1000) return { blue: 0, green: 999 };
  if (green <= 0) return { blue: 999, green: 0 };
  return { blue: 1000 - green, green };
}

const onAlternate = (record: ServiceDeploymentRecord) => record.onAlternateGroups === true;

/** The PRIMARY deployment while it shifts traffic (not yet completed, failed or stopped). */
export function shiftingPrimary(
  records: readonly ServiceDeploymentRecord[],
): (ServiceDeploymentRecord & { trafficShift: TrafficShift }) | undefined {
  const primary = records.find((record) => record.status === 'PRIMARY');
  return primary?.trafficShift !== undefined && primary.rolloutState === 'IN_PROGRESS'
    ? (primary as ServiceDeploymentRecord & { trafficShift: TrafficShift })
    : undefined;
}

/**
 * The deployments whose tasks the scheduler leaves alone: blue (those in the group production
 * is on) while the PRIMARY shifts traffic and has not reached CLEAN_UP.
 */
export function heldDeployments(records: readonly ServiceDeploymentRecord[]): Set<string> {
  const primary = shiftingPrimary(records);
  if (!primary || !holdsBlue(primary.trafficShift)) return new Set();
  return new Set(
    records
      .filter(
        (record) => record.status === 'ACTIVE' && onAlternate(record) !== onAlternate(primary),
      )
      .map((record) => record.id),
  );
}

/**
 * The tasks as the scheduler counts them: those of a deployment a rollback took over (blue,
 * still running when green failed) count as the rollback's.
 */
export function withAdoptedTasks<T extends { deploymentId: string }>(
  records: readonly ServiceDeploymentRecord[],
  tasks: readonly T[],
): T[] {
  const adopter = new Map<string, string>();
  for (const record of records) {
    if (record.adopts !== undefined && record.status !== 'INACTIVE') {
      adopter.set(record.adopts, record.id);
    }
  }
  if (adopter.size === 0) return [...tasks];
  return tasks.map((task) => {
    const id = adopter.get(task.deploymentId);
    return id === undefined ? task : { ...task, deploymentId: id };
  });
}

/**
 * Which target group of each pair production traffic is on, and the green share of it: all
 * on the PRIMARY's group, except while it shifts traffic, when the PRIMARY is green.
 */
export function trafficPlan(records: readonly ServiceDeploymentRecord[]):
  | {
      /** True when blue (production before the shift) is on the alternate groups. */
      blueOnAlternate: boolean;
      greenTenths: number;
      testOnGreen: boolean;
    }
  | undefined {
  const primary = records.find((record) => record.status === 'PRIMARY');
  if (!primary) return undefined;
  const shifting = shiftingPrimary(records);
  if (!shifting) {
    return { blueOnAlternate: onAlternate(primary), greenTenths: 0, testOnGreen: false };
  }
  return {
    blueOnAlternate: !onAlternate(shifting),
    greenTenths: shifting.trafficShift.greenTenths,
    testOnGreen: testTrafficOnGreen(shifting.trafficShift),
  };
}

/**
 * The PRIMARY's traffic shift moved one step on after a scheduler round (`tasks` as the round
 * left them); the records unchanged when it waits or nothing shifts.
 */
export function advanceTrafficShift(
  records: readonly ServiceDeploymentRecord[],
  tasks: readonly ServiceTask[],
  now: number,
): ServiceDeploymentRecord[] {
  const primary = shiftingPrimary(records);
  if (!primary) return [...records];
  const settings = shiftSettingsOf(
    primary.trafficShift.strategy,
    primary.deploymentConfiguration ?? {},
  );
  const healthy = tasks.filter(
    (task) =>
      task.deploymentId === primary.id && task.desiredStatus === 'RUNNING' && isHealthy(task),
  ).length;
  const next = stepTrafficShift(
    primary.trafficShift,
    settings,
    { greenReady: healthy >= primary.desiredCount },
    now,
  );
  if (next === primary.trafficShift) return [...records];
  return records.map((record) =>
    record === primary ? { ...record, trafficShift: next, updatedAt: now } : record,
  );
}
